import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSampleBooks } from '../../import/samples.js';
import { dataFile } from '../../paths.js';
import { formatDate } from '../../terms/dates.js';
import { TIERS } from '../kernel/model.js';
import { parseJsonText } from '../kernel/validate.js';
import { readDemo } from './demo.js';

const demoJson = () => JSON.parse(readFileSync(dataFile('demo.json'), 'utf8'));
const samples = readSampleBooks;
const skus = async () => new Set((await samples()).flatMap((b) => b.lines.map((l) => l.sku)));
const demo = async (value: unknown) => readDemo(parseJsonText('data/demo.json', JSON.stringify(value)), await skus());

describe('data/ files', () => {
  it('the sample price books cover every tier in every currency, and one tier changes its prices later', async () => {
    const books = await samples();
    for (const tier of TIERS)
      for (const currency of ['EUR', 'GBP', 'USD']) expect(books.some((b) => b.key.tier === tier && b.key.currency === currency && formatDate(b.key.validFrom) === '2000-01-01')).toBe(true);
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
