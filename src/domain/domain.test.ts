import { daysOverdue, stageOf } from './parties/standing.js';
import type { Invoice } from './kernel/model.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../paths.js';
import { formatDate, parseDate } from '../terms/dates.js';
import { Cart, backordered, orderableProducts } from './ordering/cart.js';
import { readDemo } from './setup/demo.js';
import { readSampleBooks } from '../import/samples.js';
import { TIERS } from './kernel/model.js';
import { parseItemFlags } from '../cli/items.js';
import { whyNotOrderable } from './parties/pbxs.js';
import { monthlyEquivalent } from './catalog/pricelist.js';
import { searchKey } from './kernel/search.js';
import { parseJsonText } from './kernel/validate.js';

import { mergeItems, nearestSkus } from './catalog/items.js';

const demoJson = () => JSON.parse(readFileSync(dataFile('demo.json'), 'utf8'));
const samples = readSampleBooks;
const skus = async () => new Set((await samples()).flatMap((b) => b.lines.map((l) => l.sku)));
const demo = async (value: unknown) => readDemo(parseJsonText('data/demo.json', JSON.stringify(value)), await skus());

describe('data/ files', () => {
  it('the sample price books cover every tier in every currency, and one tier changes its prices later', async () => {
    const books = await samples();
    for (const tier of TIERS) for (const currency of ['EUR', 'GBP', 'USD']) expect(books.some((b) => b.key.tier === tier && b.key.currency === currency && formatDate(b.key.validFrom) === '2000-01-01')).toBe(true);
    expect(books.some((b) => formatDate(b.key.validFrom) > '2026-01-01')).toBe(true);
    const first = books[0]!.lines;
    expect(first.length).toBeGreaterThanOrEqual(30);
    expect(new Set(first.map((p) => p.category)).size).toBeGreaterThanOrEqual(9);
    expect(first.some((p) => !p.hwaas)).toBe(true);
  });

  it('the demo data is valid and big enough', async () => {
    const data = await demo(demoJson());
    expect(new Set(data.partners.map((p) => p.currency))).toEqual(new Set(['EUR', 'GBP', 'USD']));
    expect(new Set(data.partners.map((p) => p.tier)).size).toBeGreaterThanOrEqual(2);
    expect(data.customers.length).toBeGreaterThanOrEqual(12);
    expect(data.pbxs.length).toBeGreaterThanOrEqual(20);
    expect(data.customers.some((c) => c.name.startsWith('='))).toBe(true);
    expect(data.stock.some((s) => s.onHand === 0)).toBe(true);
  });

  it('names the file and the position of a bad entry', async () => {
    const badDate = demoJson();
    badDate.pbxs[3].activated = '2021-02-30';
    await expect(demo(badDate)).rejects.toThrow('data/demo.json: pbxs[3].activated: "2021-02-30" is not a YYYY-MM-DD calendar date');
    const orphan = demoJson();
    orphan.pbxs[7].customer = 'CUS-4242';
    await expect(demo(orphan)).rejects.toThrow('data/demo.json: pbxs[7].customer: no customer CUS-4242 in this file');
    expect(() => parseJsonText('data/demo.json', '{ nope')).toThrow(/data\/demo\.json: not valid JSON/);
  });
});

describe('search keys', () => {
  it.each([
    ['Łódź Telekom', 'lodz telekom'],
    ['Müller GmbH', 'muller gmbh'],
    ['Straße', 'strasse'],
    ['Αθηναϊκή', 'αθηναικη'],
    ['ООО «Северный ветер»', 'ооо «северныи ветер»'],
    ['  Café   Zürich ', 'cafe zurich'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });
});

describe('items', () => {
  it('parses, merges and suggests', () => {
    expect(parseItemFlags(['wp480g=2', 'WP480G=3', 'DUOLED=1@10.50'])).toEqual([
      { sku: 'WP480G', qty: 5, price: null },
      { sku: 'DUOLED', qty: 1, price: 1050n },
    ]);
    expect(() => parseItemFlags(['WP480G=1@10', 'WP480G=1@11'])).toThrow(/different prices/);
    expect(() => parseItemFlags(['WP480G'])).toThrow(/SKU=QTY/);
    expect(() => mergeItems([{ sku: 'A', qty: 10_000, price: null }, { sku: 'A', qty: 1, price: null }], (s) => s)).toThrow(/10001 in all/);
    expect(nearestSkus('WAIR-OFICE', ['WAIR-OFFICE', 'WAIR-MED', 'WP410'])).toEqual(['WAIR-OFFICE']);
  });
});

describe('PBX eligibility and monthly equivalents', () => {
  const today = parseDate('2026-11-24');
  const pbx = { id: 'P', customer: 'C', partner: 'X', name: 'n', type: 'cloud' as const, activated: parseDate('2020-05-01'), cancelledOn: null, termChanges: [] };
  it('says why a PBX cannot take HWaaS of a term', () => {
    expect(whyNotOrderable({ ...pbx, license: 'yearly' }, 'yearly', today)).toBeNull();
    expect(whyNotOrderable({ ...pbx, license: 'yearly' }, 'monthly', today)).toMatch(/yearly licence/);
    expect(whyNotOrderable({ ...pbx, license: 'perpetual' }, 'yearly', today)).toMatch(/perpetual/);
    expect(whyNotOrderable({ ...pbx, license: 'yearly', cancelledOn: parseDate('2024-05-01') }, 'yearly', today)).toBe('cancelled: ended 2024-05-01');
  });
  it('rounds the monthly equivalent half up', () => {
    expect(monthlyEquivalent(6800n, 'yearly')).toBe(567n); // 5.666…
    expect(monthlyEquivalent(30600n, 'five-year')).toBe(510n);
    expect(monthlyEquivalent(30n, 'five-year')).toBe(1n); // 0.5 → 1
  });
});

describe('the cart of the interactive order (no prompts)', () => {
  it('adds, merges, changes and removes lines in the order they came, within the line limit', () => {
    const cart = new Cart();
    expect(cart.add('WP480G', 2)).toBe(2);
    expect(cart.add('DUOLED', 1)).toBe(1);
    expect(cart.add('WP480G', 3)).toBe(5);
    expect(cart.entries()).toEqual([['WP480G', 5], ['DUOLED', 1]]);
    expect(cart.add('WP480G', 9_999)).toBe(10_000);
    cart.set('DUOLED', 4);
    cart.remove('WP480G');
    expect(cart.items()).toEqual([{ sku: 'DUOLED', qty: 4, price: null }]);
    expect(cart.size).toBe(1);
    expect(cart.qty('WP480G')).toBeUndefined();
  });

  it('says how many devices wait for stock (backorder); services never wait', () => {
    expect(backordered(10, 4)).toBe(0);
    expect(backordered(3, 5)).toBe(2);
    expect(backordered(-4, 5)).toBe(5);
    expect(backordered(null, 500)).toBe(0);
  });

  it('offers the HWaaS products priced on the term', async () => {
    const sample = (await samples()).find((b) => b.key.tier === 'gold' && b.key.currency === 'EUR')!;
    const book = { ...sample.key, lines: sample.lines, line: (sku: string) => sample.lines.find((l) => l.sku === sku) ?? null };
    const offered = orderableProducts(book, 'yearly');
    expect(offered.length).toBeGreaterThan(20);
    expect(offered.every((p) => p.hwaas)).toBe(true);
    expect(offered.map((p) => p.sku)).not.toContain('BELT-CLIP');
  });
});

describe('docs/terms.md "Overdue invoices": the stages', () => {
  const invoice = (due: string, paid: string | null = null): Invoice => ({ number: 'INV-1', partner: 'P', amount: 100n, currency: 'EUR', issuedOn: parseDate('2026-01-01'), dueOn: parseDate(due), paidOn: paid === null ? null : parseDate(paid) });
  it.each([
    ['2026-12-01', 0, 'current'],
    ['2026-11-24', 0, 'current'],
    ['2026-11-23', 1, 'warning'],
    ['2026-11-21', 3, 'warning'],
    ['2026-11-20', 4, 'warning'],
    ['2026-11-19', 5, 'ordering-blocked'],
    ['2026-10-26', 29, 'ordering-blocked'],
    ['2026-10-25', 30, 'locked'],
    ['2026-10-21', 34, 'locked'],
    ['2026-10-20', 35, 'suspended'],
  ] as const)('due %s, today 2026-11-24: %i days, %s', (due, days, stage) => {
    const today = parseDate('2026-11-24');
    expect(daysOverdue(invoice(due), today)).toBe(days);
    expect(stageOf(daysOverdue(invoice(due), today))).toBe(stage);
  });
  it('a paid invoice is never overdue', () => {
    expect(daysOverdue(invoice('2026-01-01', '2026-11-20'), parseDate('2026-11-24'))).toBe(0);
  });
});
