import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT, cli, demoStore, liveStore } from './helpers.js';
import { pdfPages } from './pdfText.js';

// Issue 13, "Done when": price books by tier and date, resale prices, two-sided quotes, the
// customer's document. Every expected figure here is computed independently of hwaas: from
// the prices this file writes, with the rules of the issue (half up, once per line).

let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-books-'));
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-12-20', ...args], { cwd: dir });
const staff = (...args: string[]) => run('--as', 'USR-101', ...args);
/** Piotr, of Łączność Plus (PTR-004): a silver partner in EUR; PBX-1015 is yearly, activated 2021-12-20. */
const piotr = (...args: string[]) => run('--as', 'USR-004', ...args);
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

// ─── the arithmetic, written again here ─────────────────────────────────────────────

const cents = (text: string) => BigInt(Math.round(Number(text) * 100));
const text = (minor: bigint) => `${minor < 0n ? '-' : ''}${(minor < 0n ? -minor : minor) / 100n}.${String((minor < 0n ? -minor : minor) % 100n).padStart(2, '0')}`;
/** n / d rounded half up (n, d > 0). */
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
const prorate = (unit: bigint, qty: number, days: number, periodDays: number) => halfUp(unit * BigInt(qty) * BigInt(days), BigInt(periodDays));
const markup = (buy: bigint, percent: string) => halfUp(buy * (10_000n + BigInt(Math.round(Number(percent) * 100))), 10_000n);
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
/** PBX-1015's yearly period around these dates: 2026-12-20 to 2027-12-20. */
const PERIOD = { start: '2026-12-20', end: '2027-12-20' };
const daysTo = (start: string) => dayNumber(PERIOD.end) - dayNumber(start);
const periodDays = dayNumber(PERIOD.end) - dayNumber(PERIOD.start);

/** The yearly price of a SKU in one of the sample CSV books. */
function samplePrice(file: string, sku: string, column = 'yearly'): bigint {
  const [header, ...rows] = readFileSync(join(ROOT, 'data/pricebooks', file), 'utf8')
    .trim()
    .split('\n');
  const index = header!.split(',').indexOf(column);
  const row = rows.find((r) => r.startsWith(`${sku},`))!;
  return cents(row.split(',')[index]!);
}

// ─── the two versions staff import ─────────────────────────────────────────────────

const FEBRUARY: Record<string, { name: string; category: string; yearly: string; monthly: string; five: string; capex: string }> = {
  WP480G: { name: 'WorkForce WP480G desk phone', category: 'Desk phones', monthly: '7.40', yearly: '73.99', five: '333.30', capex: '205.00' },
  DUOLED: { name: 'DuoLED Headset', category: 'Headsets', monthly: '3.10', yearly: '30.17', five: '135.75', capex: '74.00' },
  MONOLED: { name: 'MonoLED Headset', category: 'Headsets', monthly: '2.70', yearly: '26.95', five: '121.00', capex: '63.00' },
  'W-AIR-BASE': { name: 'W-AIR Base station', category: 'DECT', monthly: '9.99', yearly: '99.95', five: '449.00', capex: '280.00' },
};
/** March: WP480G up, MONOLED gone, a new conference phone. */
const MARCH_CSV = [
  'sku,name,category,hwaas,capex,monthly,yearly,five-year',
  'WP480G,WorkForce WP480G desk phone,Desk phones,yes,211.15,7.62,76.21,343.30',
  'DUOLED,DuoLED Headset,Headsets,yes,74.00,3.10,30.17,135.75',
  'W-AIR-BASE,W-AIR Base station,DECT,yes,280.00,9.99,99.95,449.00',
  'CONF-X1,Conference phone X1 (Łódź edition),Conferencing,yes,410.00,14.20,142.00,639.00',
].join('\n');

async function importBooks(): Promise<void> {
  // February from XLSX, with the headers a price team might use (synonyms) and numeric cells.
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Silver EUR');
  sheet.addRow(['Product code', 'Description', 'Product group', 'HWaaS', 'Purchase price', 'Monthly price', 'Annual', '5Y']);
  for (const [sku, p] of Object.entries(FEBRUARY)) sheet.addRow([sku, p.name, p.category, 'yes', Number(p.capex), Number(p.monthly), Number(p.yearly), Number(p.five)]);
  await book.xlsx.writeFile(join(dir, 'silver-feb.xlsx'));
  const february = await staff('--json', 'pricebook', 'import', 'silver-feb.xlsx', '--tier', 'silver', '--currency', 'EUR', '--valid-from', '2027-02-01');
  expect(february.code, february.stderr).toBe(0);
  expect(february.json()).toMatchObject({ created: 4, updated: 0, errors: [] });
  writeFileSync(join(dir, 'silver-mar.csv'), MARCH_CSV);
  const march = await staff('--json', 'pricebook', 'import', 'silver-mar.csv', '--tier', 'silver', '--currency', 'EUR', '--valid-from', '2027-03-01');
  expect(march.code, march.stderr).toBe(0);
  expect(march.json()).toMatchObject({ created: 4 });
}

describe('price books: staff import versions; a quote uses the one in force on its start date', () => {
  it('XLSX for February, CSV for March: quotes on each side of each valid-from are exact to the cent', async () => {
    await importBooks();
    const cases: [string, bigint][] = [
      ['2027-01-31', samplePrice('silver-EUR-2027-01-01.csv', 'WP480G')], // the sample January version
      ['2027-02-01', cents(FEBRUARY.WP480G!.yearly)],
      ['2027-02-28', cents(FEBRUARY.WP480G!.yearly)],
      ['2027-03-01', cents('76.21')],
    ];
    for (const [start, unit] of cases) {
      const quote = (await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--start', start, '--item', 'WP480G=3')).json();
      expect(quote.lines[0].unitPrice, start).toBe(text(unit));
      expect(quote.lines[0].amount, start).toBe(text(prorate(unit, 3, daysTo(start), periodDays)));
      expect(quote.days).toBe(daysTo(start));
    }
    // The table names the version it priced from.
    expect((await piotr('quote', '--pbx', 'PBX-1015', '--start', '2027-02-15', '--item', 'WP480G=1')).stdout).toContain('Prices: the silver EUR price book valid from 2027-02-01.');
    // A product the March version dropped is not priced there; it still was in February.
    expect((await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--start', '2027-02-28', '--item', 'MONOLED=1')).code).toBe(0);
    const dropped = await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--start', '2027-03-01', '--item', 'MONOLED=1');
    expect([dropped.code, errorOf(dropped).code]).toEqual([1, 'NOT_PRICED']);
  });

  it('a quote starting in January uses the January version even in December', async () => {
    const quote = (await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--start', '2027-01-04', '--item', 'WP480G=1')).json();
    expect(quote.lines[0].unitPrice).toBe(text(samplePrice('silver-EUR-2027-01-01.csv', 'WP480G')));
    const december = (await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1')).json(); // starts today, 2026-12-20
    expect(december.lines[0].unitPrice).toBe(text(samplePrice('silver-EUR-2000-01-01.csv', 'WP480G')));
  });

  it('no book in force: NO_PRICE_BOOK naming tier, currency and date; a line with its own price needs none', async () => {
    const none = await staff('--json', 'quote', '--tier', 'gold', '--currency', 'CHF', '--term', 'yearly', '--activated', '2026-01-15', '--item', 'WP480G=2');
    expect(none.code).toBe(1);
    expect(errorOf(none)).toMatchObject({ code: 'NO_PRICE_BOOK' });
    expect(errorOf(none).message).toContain('there is no gold price book in CHF valid on 2026-12-20');
    const priced = await staff('--json', 'quote', '--tier', 'gold', '--currency', 'CHF', '--term', 'yearly', '--activated', '2026-01-15', '--item', 'WP480G=2@80.00');
    expect(priced.code, priced.stderr).toBe(0);
    expect(priced.json()).toMatchObject({ currency: 'CHF', resaleTotal: null, marginTotal: null }); // staff ad hoc: no resale side
    // The SKU must still be one a book lists.
    expect((await staff('--json', 'quote', '--tier', 'gold', '--currency', 'CHF', '--term', 'yearly', '--activated', '2026-01-15', '--item', 'NOPE=2@80.00')).code).toBe(2);
    // A currency without cents is refused with a sentence saying so.
    const yen = await staff('--json', 'pricebook', 'import', 'x.csv', '--tier', 'gold', '--currency', 'JPY', '--valid-from', '2027-01-01');
    expect([yen.code, errorOf(yen).message]).toEqual([2, expect.stringMatching(/JPY has 0 decimal places/)]);
  });

  it('pricebook diff shows added, removed and changed products, each change in percent', async () => {
    await importBooks();
    const diff = (await staff('--json', 'pricebook', 'diff', '--tier', 'silver', '--currency', 'EUR', '--from', '2027-02-15', '--to', '2027-03-01')).json();
    expect(diff).toMatchObject({ tier: 'silver', currency: 'EUR', from: '2027-02-01', to: '2027-03-01' });
    expect(diff.added).toEqual([{ sku: 'CONF-X1', name: 'Conference phone X1 (Łódź edition)' }]);
    expect(diff.removed).toEqual([{ sku: 'MONOLED', name: 'MonoLED Headset' }]);
    expect(diff.changed).toHaveLength(1);
    const percent = (from: string, to: string) => {
      const tenths = halfUp((cents(to) - cents(from)) * 1000n, cents(from)); // all rises here
      return `${tenths / 10n}.${tenths % 10n}`;
    };
    expect(diff.changed[0]).toEqual({
      sku: 'WP480G',
      name: 'WorkForce WP480G desk phone',
      changes: [
        { term: 'capex', from: '205.00', to: '211.15', percent: percent('205.00', '211.15') },
        { term: 'monthly', from: '7.40', to: '7.62', percent: percent('7.40', '7.62') },
        { term: 'yearly', from: '73.99', to: '76.21', percent: percent('73.99', '76.21') },
        { term: 'five-year', from: '333.30', to: '343.30', percent: percent('333.30', '343.30') },
      ],
    });
    const table = await staff('pricebook', 'diff', '--tier', 'silver', '--currency', 'EUR', '--from', '2027-02-15', '--to', '2027-03-01');
    expect(table.stdout).toContain('+ CONF-X1');
    expect(table.stdout).toContain('- MONOLED');
    expect(table.stdout).toContain(`yearly: 73.99 → 76.21 (+${percent('73.99', '76.21')} %)`);
    // Partners do not read price books: their price list is their tier's.
    expect((await piotr('--json', 'pricebook', 'diff', '--tier', 'silver', '--currency', 'EUR', '--from', '2027-02-15', '--to', '2027-03-01')).code).toBe(1);
  });

  it('importing the same file again changes nothing; a pricelist names its tier and version', async () => {
    await importBooks();
    const again = await staff('--json', 'pricebook', 'import', 'silver-mar.csv', '--tier', 'silver', '--currency', 'EUR', '--valid-from', '2027-03-01');
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const list = (await piotr('--json', 'pricelist', '--on', '2027-03-05')).json();
    expect(list).toMatchObject({ tier: 'silver', validFrom: '2027-03-01', currency: 'EUR' });
    expect(list.items.map((i: { sku: string }) => i.sku).sort()).toEqual(['CONF-X1', 'DUOLED', 'W-AIR-BASE', 'WP480G']);
    const refused = await piotr('--json', 'pricelist', '--tier', 'gold');
    expect([refused.code, errorOf(refused).code]).toEqual([1, 'NOT_ALLOWED']);
  });
});

// ─── resale prices and two-sided quotes ───────────────────────────────────────────

const ITEMS = { WP480G: 3, DUOLED: 4, MONOLED: 2, 'W-AIR-BASE': 1 } as const;

async function setRules(): Promise<void> {
  for (const args of [
    ['--markup', '20'],
    ['--markup', '12.5', '--category', 'Headsets'],
    ['--markup', '33.33', '--sku', 'W-AIR-BASE'],
    ['--sku', 'WP480G', '--term', 'yearly', '--price', '89.00'],
  ]) {
    const result = await piotr('resale', 'set', ...args);
    expect(result.code, result.stderr).toBe(0);
  }
}

/** What the issue says each line and total is, from the buy prices of February. */
function expected(start: string) {
  const days = daysTo(start);
  const lines = Object.entries(ITEMS).map(([sku, qty]) => {
    const buy = cents(FEBRUARY[sku]!.yearly);
    const resale = sku === 'WP480G' ? cents('89.00') : sku === 'W-AIR-BASE' ? markup(buy, '33.33') : FEBRUARY[sku]!.category === 'Headsets' ? markup(buy, '12.5') : markup(buy, '20');
    const amount = prorate(buy, qty, days, periodDays);
    const resaleAmount = prorate(resale, qty, days, periodDays);
    return { sku, qty, unitPrice: buy, amount, renewal: buy * BigInt(qty), resaleUnitPrice: resale, resaleAmount, resaleRenewal: resale * BigInt(qty), margin: resaleAmount - amount };
  });
  const sum = (pick: (l: (typeof lines)[number]) => bigint) => lines.reduce((s, l) => s + pick(l), 0n);
  const total = sum((l) => l.amount);
  const resaleTotal = sum((l) => l.resaleAmount);
  const marginTotal = resaleTotal - total;
  const tenths = halfUp(marginTotal * 1000n, resaleTotal);
  return {
    days,
    lines,
    total,
    resaleTotal,
    renewalTotal: sum((l) => l.renewal),
    resaleRenewalTotal: sum((l) => l.resaleRenewal),
    marginTotal,
    marginPercent: `${tenths / 10n}.${tenths % 10n}`,
  };
}

describe('resale prices: a two-sided quote matches an independent computation on every field', () => {
  it('default, category and SKU markups and an explicit price, by precedence', async () => {
    await importBooks();
    await setRules();
    const rules = (await piotr('--json', 'resale', 'list')).json();
    expect(rules).toHaveLength(4);
    for (const start of ['2027-02-01', '2027-02-17']) {
      const quote = (await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--start', start, ...Object.entries(ITEMS).flatMap(([s, q]) => ['--item', `${s}=${q}`]))).json();
      const want = expected(start);
      expect(quote.days).toBe(want.days);
      expect(quote.lines).toEqual(
        want.lines.map((l) => ({
          sku: l.sku,
          name: FEBRUARY[l.sku]!.name,
          qty: l.qty,
          unitPrice: text(l.unitPrice),
          amount: text(l.amount),
          renewal: text(l.renewal),
          resaleUnitPrice: text(l.resaleUnitPrice),
          resaleAmount: text(l.resaleAmount),
          resaleRenewal: text(l.resaleRenewal),
          margin: text(l.margin),
        })),
      );
      expect(quote).toMatchObject({
        total: text(want.total),
        renewalTotal: text(want.renewalTotal),
        resaleTotal: text(want.resaleTotal),
        resaleRenewalTotal: text(want.resaleRenewalTotal),
        marginTotal: text(want.marginTotal),
        marginPercent: want.marginPercent,
      });
    }
  });

  it("the table shows both sides to the partner, one with --side; staff quoting the PBX see the partner's sides", async () => {
    await importBooks();
    await setRules();
    const want = expected('2027-02-17');
    const both = await piotr('quote', '--pbx', 'PBX-1015', '--start', '2027-02-17', '--item', 'DUOLED=4');
    expect(both.stdout).toMatch(/Buy \/ year.*Sell \/ year.*Margin/s);
    const sell = await piotr('quote', '--pbx', 'PBX-1015', '--start', '2027-02-17', '--item', 'DUOLED=4', '--side', 'sell');
    expect(sell.stdout).toContain(`€${text(want.lines[1]!.resaleAmount)}`);
    expect(sell.stdout).not.toContain(`€${text(want.lines[1]!.amount)}`);
    const asStaff = (await staff('--json', 'quote', '--pbx', 'PBX-1015', '--start', '2027-02-17', '--item', 'DUOLED=4')).json();
    expect(asStaff.lines[0]).toMatchObject({ resaleUnitPrice: text(want.lines[1]!.resaleUnitPrice), margin: text(want.lines[1]!.margin) });
  });

  it('rules are checked and cleared; a partner sets only its own', async () => {
    expect((await piotr('resale', 'set', '--markup', '12.345')).code).toBe(2);
    expect((await piotr('resale', 'set', '--markup', '10', '--category', 'Nonexistent')).code).toBe(2);
    expect((await piotr('resale', 'set', '--sku', 'NOPE', '--term', 'yearly', '--price', '1.00')).code).toBe(2);
    expect((await piotr('resale', 'set', '--markup', '10', '--partner', 'PTR-001')).code).toBe(1);
    await importBooks();
    await setRules();
    expect((await piotr('--json', 'resale', 'clear', '--all')).json()).toEqual({ partner: 'PTR-004', removed: 4 });
    const quote = (await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1')).json();
    expect(quote.lines[0].resaleUnitPrice).toBe(quote.lines[0].unitPrice); // nothing set: resale = buy
    expect(quote.marginTotal).toBe('0.00');
  });
});

// ─── the customer's document ───────────────────────────────────────────────────────

describe('the quote a customer receives', () => {
  it('carries resale prices and none of the buy prices, a number, validity, no margin and no area manager', async () => {
    await importBooks();
    await setRules();
    const args = ['quote', '--pbx', 'PBX-1015', '--start', '2027-02-17', ...Object.entries(ITEMS).flatMap(([s, q]) => ['--item', `${s}=${q}`])];
    const written = await piotr(...args, '--format', 'pdf', '--out', 'q.pdf', '--valid-days', '14');
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('Wrote Quote Q-2026-00001');
    const pdf = (await pdfPages(readFileSync(join(dir, 'q.pdf')))).join('\n');
    const want = expected('2027-02-17');
    const resale = new Set(
      want.lines
        .flatMap((l) => [l.resaleUnitPrice, l.resaleAmount, l.resaleRenewal])
        .concat([want.resaleTotal, want.resaleRenewalTotal])
        .map(text),
    );
    for (const figure of resale) expect(pdf).toContain(figure);
    for (const figure of want.lines
      .flatMap((l) => [l.unitPrice, l.amount, l.renewal, l.margin])
      .concat([want.total, want.renewalTotal, want.marginTotal])
      .map(text)) {
      if (!resale.has(figure)) expect(pdf, figure).not.toContain(figure);
    }
    expect(pdf).toContain('Quote Q-2026-00001');
    expect(pdf).toContain('valid until 2027-01-03'); // 2026-12-20 + 14 days
    expect(pdf).toContain('Prices exclude VAT');
    expect(pdf).toContain('ends with it');
    expect(pdf).not.toMatch(/margin|area manager|buy|backorder/i);
    // The partner's own copy has both sides and the margin, and no number.
    expect((await piotr(...args, '--format', 'pdf', '--internal', '--out', 'internal.pdf')).code).toBe(0);
    const internal = (await pdfPages(readFileSync(join(dir, 'internal.pdf')))).join('\n');
    expect(internal).toContain(text(want.marginTotal));
    expect(internal).toContain(text(want.total));
    expect(internal).toMatch(/not for the customer/);
  });

  it('is numbered per partner and recorded: quotes list and show find what was sent', async () => {
    const send = (as: string, pbx: string, out: string) => run('--as', as, 'quote', '--pbx', pbx, '--item', 'WP480G=1', '--format', 'pdf', '--out', out);
    expect((await send('USR-004', 'PBX-1015', 'a.pdf')).code).toBe(0);
    expect((await send('USR-004', 'PBX-1018', 'b.pdf')).code).toBe(0);
    // An existing file without --force is refused before a number is taken.
    expect((await send('USR-004', 'PBX-1018', 'b.pdf')).code).toBe(1); // EXISTS
    expect((await send('USR-001', 'PBX-1001', 'c.pdf')).code).toBe(0);
    const mine = (await piotr('--json', 'quotes', 'list')).json();
    expect(mine.map((q: { number: string; pbx: string }) => `${q.number} ${q.pbx}`)).toEqual(['Q-2026-00001 PBX-1015', 'Q-2026-00002 PBX-1018']);
    expect(mine[0]).toMatchObject({ partner: 'PTR-004', customer: 'CUS-0011', issuedOn: '2026-12-20', validUntil: '2027-01-19', currency: 'EUR' });
    const shown = (await piotr('--json', 'quotes', 'show', 'q-2026-00002')).json();
    expect(shown).toMatchObject({ number: 'Q-2026-00002', pbx: 'PBX-1018', quote: { lines: [{ sku: 'WP480G', qty: 1 }] } });
    expect(shown.resaleTotal).toBe(shown.quote.resaleTotal);
    // Another partner's number reads as unknown; staff say which partner when two have it.
    expect(errorOf(await run('--json', '--as', 'USR-001', 'quotes', 'show', 'Q-2026-00002')).code).toBe('NOT_FOUND');
    expect((await staff('--json', 'quotes', 'show', 'Q-2026-00001')).code).toBe(2);
    expect((await staff('--json', 'quotes', 'show', 'Q-2026-00001', '--partner', 'PTR-001')).json()).toMatchObject({ partner: 'PTR-001', pbx: 'PBX-1001' });
  });

  it('staff ad hoc have no resale side to send; --valid-days is checked', async () => {
    const adHoc = await staff('--json', 'quote', '--term', 'yearly', '--activated', '2026-01-15', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'x.pdf');
    expect(adHoc.code).toBe(2);
    expect(errorOf(adHoc).message).toMatch(/issued by a partner at its resale prices/);
    expect((await staff('--json', 'quote', '--term', 'yearly', '--activated', '2026-01-15', '--item', 'WP480G=1', '--format', 'pdf', '--internal', '--out', 'x.pdf')).code).toBe(0);
    for (const days of ['0', '366', 'ten', '-1']) expect((await piotr('quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--valid-days', days)).code, days).toBe(2);
    expect((await piotr('quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--valid-days', '10')).code).toBe(2); // goes with --format pdf
  });

  it('on a live store it is issued today: --date is refused for it, and a start before today', async () => {
    const live = await liveStore();
    const pinned = await cli(['--db', live, '--date', '2026-12-20', '--as', 'USR-004', '--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--out', join(dir, 'l.pdf')], {
      realClock: true,
    });
    expect([pinned.code, errorOf(pinned).code]).toEqual([2, 'DATE_PINNED']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const past = await cli(['--db', live, '--as', 'USR-004', '--json', 'quote', '--pbx', 'PBX-1015', '--start', yesterday, '--item', 'WP480G=1', '--format', 'pdf', '--out', join(dir, 'l.pdf')], {
      realClock: true,
    });
    expect(past.code).toBe(1);
    expect(errorOf(past).message).toMatch(/before today/);
    expect((await cli(['--db', live, '--as', 'USR-004', '--json', 'quotes', 'list'], { realClock: true })).json()).toEqual([]);
    // The internal copy is not sent: a what-if date is fine.
    expect(
      (
        await cli(['--db', live, '--date', '2026-12-20', '--as', 'USR-004', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--internal', '--out', join(dir, 'w.pdf')], {
          realClock: true,
        })
      ).code,
    ).toBe(0);
  });

  it('the order confirmation: the customer copy has resale prices and no stock warning; the internal one has both', async () => {
    expect((await staff('invoices', 'pay', 'INV-2026-0402')).code).toBe(0);
    await importBooks();
    await setRules();
    const placed = await piotr('--json', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'MONOLED=3', '--checkout', '--yes'); // 0 on hand: a backorder
    expect(placed.code, placed.stderr).toBe(0);
    const order = placed.json();
    expect(order.warnings.join(' ')).toMatch(/backorder|wait/i);
    const line = order.lines[0];
    expect(line.resaleUnitPrice).toBe(text(markup(cents(line.unitPrice), '12.5')));
    expect((await piotr('orders', 'show', order.id, '--format', 'pdf', '--out', 'o.pdf')).code).toBe(0);
    const customer = (await pdfPages(readFileSync(join(dir, 'o.pdf')))).join('\n');
    expect(customer).toContain(line.resaleAmount);
    expect(customer).not.toContain(line.amount);
    expect(customer).not.toMatch(/backorder|margin|stock/i);
    expect((await piotr('orders', 'show', order.id, '--format', 'pdf', '--internal', '--out', 'oi.pdf')).code).toBe(0);
    const internal = (await pdfPages(readFileSync(join(dir, 'oi.pdf')))).join('\n');
    expect(internal).toContain(line.amount);
    expect(internal).toMatch(/backorder|wait/i);
  });
});

describe('what an attack on price books found', () => {
  it('--side sell --explain explains the resale figures, and names no price book', async () => {
    await piotr('resale', 'set', '--markup', '25');
    const sell = await piotr('quote', '--pbx', 'PBX-1015', '--start', '2027-02-17', '--item', 'WP480G=1', '--side', 'sell', '--explain');
    const buy = samplePrice('silver-EUR-2027-01-01.csv', 'WP480G');
    expect(sell.stdout).toContain(`${text(markup(buy, '25'))} EUR per year × 1 × ${daysTo('2027-02-17')}/${periodDays} days`);
    expect(sell.stdout).not.toContain(`${text(buy)} EUR per year`);
    expect(sell.stdout).not.toContain('price book');
  });

  it('a category rule set twice in another case is one rule, the last one', async () => {
    await piotr('resale', 'set', '--markup', '10', '--category', 'desk phones');
    await piotr('resale', 'set', '--markup', '40', '--category', 'DESK PHONES');
    const rules = (await piotr('--json', 'resale', 'list')).json();
    expect(rules).toEqual([expect.objectContaining({ kind: 'category', target: 'Desk phones', markup: '40' })]);
  });

  it("rules name only what the partner's own tier and currency sell", async () => {
    // WP600ACG is only in the silver EUR book; Anna is gold.
    expect((await run('--as', 'USR-001', '--json', 'resale', 'set', '--markup', '5', '--sku', 'WP600ACG')).code).toBe(2);
    expect((await piotr('--json', 'resale', 'set', '--markup', '5', '--sku', 'WP600ACG')).code).toBe(0);
    const capexOnly = await piotr('--json', 'resale', 'set', '--sku', 'BELT-CLIP', '--term', 'monthly', '--price', '5');
    expect([capexOnly.code, errorOf(capexOnly).code]).toEqual([1, 'NOT_ELIGIBLE']);
  });

  it('a quote valid past 9999-12-31 is refused, and nothing is recorded', async () => {
    const late = await run('--date', '9999-12-20', '--as', 'USR-004', '--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'late.pdf');
    expect(late.code).toBe(2);
    expect(errorOf(late).message).toMatch(/9999-12-31/);
    expect((await piotr('--json', 'quotes', 'list')).json()).toEqual([]);
  });

  it("a partner's @PRICE what-if is not sent to a customer; --json names the number", async () => {
    const made = await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=2@10.00', '--format', 'pdf', '--out', 'q.pdf');
    expect(made.code).toBe(2);
    expect((await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=2@10.00', '--format', 'pdf', '--internal', '--out', 'i.pdf')).code).toBe(0);
    expect((await piotr('--json', 'quote', '--pbx', 'PBX-1015', '--item', 'WP480G=2', '--format', 'pdf', '--out', 'q.pdf')).json()).toMatchObject({
      number: 'Q-2026-00001',
      title: 'Quote Q-2026-00001',
    });
  });

  it('the same book with its rows in another order is unchanged', async () => {
    const [header, ...rows] = readFileSync(join(ROOT, 'data/pricebooks/gold-EUR-2000-01-01.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'reversed.csv'), [header, ...rows.reverse()].join('\n'));
    const result = await staff('--json', 'pricebook', 'import', 'reversed.csv', '--tier', 'gold', '--currency', 'EUR', '--valid-from', '2000-01-01');
    expect(result.json()).toMatchObject({ created: 0, updated: 0, unchanged: rows.length });
  });

  it('a draft that cannot be priced has no confirmation (NOT_PRICED, exit 1); staff name a partner that exists', async () => {
    const draft = await piotr('--json', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'SV-R2=1', '--save');
    expect(draft.code, draft.stderr).toBe(0);
    const pdf = await run('--date', '2027-01-02', '--as', 'USR-004', '--json', 'orders', 'show', draft.json().id, '--format', 'pdf', '--internal', '--out', 'd.pdf');
    expect([pdf.code, errorOf(pdf).code]).toEqual([1, 'NOT_PRICED']);
    // A draft is no order yet: the customer gets no confirmation of it.
    const customer = await run('--date', '2027-01-02', '--as', 'USR-004', '--json', 'orders', 'show', draft.json().id, '--format', 'pdf', '--out', 'd.pdf');
    expect([customer.code, errorOf(customer).code]).toEqual([1, 'INVALID_STATE']);
    expect(errorOf(pdf).message).not.toMatch(/\.\)|\.:/);
    expect(errorOf(await staff('--json', 'quotes', 'list', '--partner', 'PTR-999')).code).toBe('NOT_FOUND');
  });
});
