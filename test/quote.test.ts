import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { WORKED_EXAMPLES_TABLE } from '../src/terms/workedExamples.testdata.js';
import { cli, demoStore } from './helpers.js';

let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, ...args]);

function casesFile(cases: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hwaas-cases-')), 'cases.json');
  writeFileSync(path, typeof cases === 'string' ? cases : JSON.stringify(cases));
  return path;
}

describe('hwaas quote: docs/terms.md worked examples to the cent', () => {
  it.each(WORKED_EXAMPLES_TABLE)('$activated $term from $start = $amount', async (row) => {
    const result = await run('quote', '--term', row.term, '--activated', row.activated, '--start', row.start, '--item', `CLASSOUND-FLAT-S=${row.qty}@${row.price}`, '--json');
    expect(result.code).toBe(0);
    const quote = result.json();
    expect(quote).toMatchObject({
      pbx: null,
      term: row.term,
      activated: row.activated,
      currency: 'EUR',
      start: row.start,
      end: row.end,
      days: row.days,
      periodDays: row.periodDays,
      total: row.amount,
      renewalDate: row.end,
    });
    expect(quote.lines[0]).toMatchObject({ sku: 'CLASSOUND-FLAT-S', qty: row.qty, unitPrice: row.price, amount: row.amount });
  });

  it('the seed example through a PBX from the store: exactly the JSON of docs/cli.md, plus the resale side', async () => {
    const result = await run('--date', '2020-08-01', 'quote', '--pbx', 'PBX-1001', '--item', 'CLASSOUND-FLAT-S=1@120.00', '--json');
    // The fields of docs/cli.md, unchanged; the partner (no resale rules yet) sells at its buy price: margin 0.
    expect(result.json()).toEqual({
      pbx: 'PBX-1001',
      term: 'yearly',
      activated: '2020-05-01',
      currency: 'EUR',
      start: '2020-08-01',
      end: '2021-05-01',
      periodStart: '2020-05-01',
      days: 273,
      periodDays: 365,
      lines: [
        {
          sku: 'CLASSOUND-FLAT-S',
          name: 'CLASSOUND Flat Small (up to 10 users)',
          qty: 1,
          unitPrice: '120.00',
          amount: '89.75',
          renewal: '120.00',
          resaleUnitPrice: '120.00',
          resaleAmount: '89.75',
          resaleRenewal: '120.00',
          margin: '0.00',
        },
      ],
      total: '89.75',
      renewalDate: '2021-05-01',
      renewalTotal: '120.00',
      resaleTotal: '89.75',
      resaleRenewalTotal: '120.00',
      marginTotal: '0.00',
      marginPercent: '0.0',
    });
    // Staff quoting ad hoc (no partner) get exactly the JSON of docs/cli.md, the resale fields null.
    const adHoc = await run('--as', 'USR-101', 'quote', '--term', 'yearly', '--activated', '2020-05-01', '--start', '2020-08-01', '--item', 'CLASSOUND-FLAT-S=1@120.00', '--json');
    expect(adHoc.json()).toMatchObject({ total: '89.75', resaleTotal: null, resaleRenewalTotal: null, marginTotal: null, marginPercent: null });
    expect(adHoc.json().lines[0]).toMatchObject({ amount: '89.75', resaleUnitPrice: null, resaleAmount: null, resaleRenewal: null, margin: null });
  });
});

describe('hwaas quote: prices, currency, lines', () => {
  it("takes OpEx prices of the term in the PBX partner's currency and merges repeated SKUs", async () => {
    const result = await run('--as', 'USR-002', 'quote', '--pbx', 'PBX-1007', '--start', '2026-10-31', '--item', 'WP480G=2', '--item', 'wp480g=1', '--item', 'DUOLED=4', '--json');
    const quote = result.json();
    expect(quote.currency).toBe('GBP');
    expect(quote.lines.map((l: { sku: string; qty: number }) => `${l.sku}×${l.qty}`)).toEqual(['WP480G×3', 'DUOLED×4']);
    expect(quote.lines[0].unitPrice).toBe('61.43');
    expect(quote.days).toBe(quote.periodDays);
    expect(quote.total).toBe(quote.renewalTotal);
  });

  it('a start on the day before expiration charges one day', async () => {
    const quote = (await run('quote', '--pbx', 'PBX-1001', '--start', '2027-04-30', '--item', 'WP480G=1', '--json')).json();
    expect([quote.days, quote.periodDays, quote.end]).toEqual([1, 365, '2027-05-01']);
    expect(quote.total).toBe('0.19'); // 68.00 / 365 = 0.1863…
  });

  it('--explain shows the arithmetic in words and numbers', async () => {
    const result = await run('quote', '--term', '1y', '--activated', '2020-05-01', '--start', '2020-08-01', '--item', 'CLASSOUND-FLAT-S=1@120.00', '--explain');
    expect(result.stdout).toContain('120.00 EUR per year × 1 × 273/365 days = ≈89.7534…, rounded half up to the cent: 89.75');
    expect(result.stdout).toContain('Total first charge (buy): €89.75');
    expect(result.stdout).toContain('Total first charge (sell): €89.75');
    const buyOnly = await run('quote', '--term', '1y', '--activated', '2020-05-01', '--start', '2020-08-01', '--item', 'CLASSOUND-FLAT-S=1@120.00', '--side', 'buy');
    expect(buyOnly.stdout).toContain('Total first charge: €89.75');
    expect(buyOnly.stdout).not.toContain('Margin');
    const json = await run('quote', '--term', '1y', '--activated', '2020-05-01', '--start', '2020-08-01', '--item', 'CLASSOUND-FLAT-S=1@120.00', '--explain', '--json');
    expect(json.json().explanation).toHaveLength(3);
  });

  it('is reproducible under a fixed --date (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 50 }), async (offset, qty) => {
        const date = new Date(Date.UTC(2021, 1, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const a = await run('--date', date, 'quote', '--pbx', 'PBX-1003', '--item', `WAIR-OFFICE=${qty}`, '--json');
        const b = await cli(['--db', db, 'quote', '--pbx', 'PBX-1003', '--item', `WAIR-OFFICE=${qty}`, '--json'], { env: { HWAAS_TODAY: date }, today: '2030-01-01' });
        expect(a.code).toBe(0);
        expect(b.stdout).toBe(a.stdout);
      }),
      { numRuns: 25 },
    );
  });

  it('works without a store for ad-hoc quotes (CI), and says so for a named PBX', async () => {
    const missing = join(tmpdir(), `none-${process.pid}.db`);
    const adhoc = await cli(['--db', missing, 'quote', '--term', 'monthly', '--activated', '2021-08-25', '--start', '2021-09-16', '--item', 'WP480G=1@24.95', '--json']);
    expect(adhoc.json().total).toBe('7.24');
    const named = await cli(['--db', missing, 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('run `hwaas init`');
  });
});

describe('hwaas quote: refusals', () => {
  const refusals: [string, string[], number, string][] = [
    ['perpetual PBX', ['quote', '--pbx', 'PBX-1002', '--item', 'WP480G=1'], 1, 'NOT_SUBSCRIPTION'],
    ['term mismatch', ['quote', '--pbx', 'PBX-1001', '--term', 'monthly', '--item', 'WP480G=1'], 1, 'TERM_MISMATCH'],
    ['start before activation', ['quote', '--pbx', 'PBX-1001', '--start', '2020-04-30', '--item', 'WP480G=1'], 1, 'BEFORE_ACTIVATION'],
    ['cancelled PBX', ['--as', 'USR-101', 'quote', '--pbx', 'PBX-1012', '--item', 'WP480G=1'], 1, 'PBX_ENDED'],
    ["another partner's PBX", ['quote', '--pbx', 'PBX-1011', '--item', 'WP480G=1'], 1, 'NOT_FOUND'],
    ['CapEx-only accessory', ['quote', '--pbx', 'PBX-1001', '--item', 'BELT-CLIP=1'], 1, 'NOT_ELIGIBLE'],
    ['unknown SKU', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480=1'], 2, 'UNKNOWN_SKU'],
    ['bad start date', ['quote', '--pbx', 'PBX-1001', '--start', '2021-02-30', '--item', 'WP480G=1'], 2, 'INVALID_INPUT'],
    ['quantity 0', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=0'], 2, 'INVALID_INPUT'],
    ['quantity -1', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=-1'], 2, 'INVALID_INPUT'],
    ['quantity 1.5', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1.5'], 2, 'INVALID_INPUT'],
    ['quantity 10001', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=10001'], 2, 'INVALID_INPUT'],
    ['merged over 10000', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=6000', '--item', 'WP480G=6000'], 2, 'INVALID_INPUT'],
    ['price with three decimals', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1@24.955'], 2, 'INVALID_INPUT'],
    ['no item', ['quote', '--pbx', 'PBX-1001'], 2, 'USAGE'],
    ['ad hoc without activation', ['quote', '--term', 'yearly', '--item', 'WP480G=1'], 2, 'USAGE'],
    ['unknown currency', ['quote', '--pbx', 'PBX-1001', '--currency', 'XYZ', '--item', 'WP480G=1'], 2, 'INVALID_INPUT'],
    ['a currency without cents', ['quote', '--pbx', 'PBX-1001', '--currency', 'JPY', '--item', 'WP480G=1'], 2, 'INVALID_INPUT'],
    ['a currency without a price book', ['quote', '--pbx', 'PBX-1001', '--currency', 'CHF', '--item', 'WP480G=1'], 1, 'NO_PRICE_BOOK'],
  ];
  it.each(refusals)('%s', async (_name, args, code, errorCode) => {
    const result = await run('--json', ...args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr).error.code).toBe(errorCode);
  });

  it('suggests the nearest SKUs', async () => {
    const result = await run('quote', '--pbx', 'PBX-1001', '--item', 'WAIR-OFFIC=1');
    expect(result.stderr).toContain('did you mean WAIR-OFFICE');
  });
});

describe('hwaas quote --file', () => {
  const seed = {
    name: 'seed example',
    term: 'yearly',
    activated: '2020-05-01',
    start: '2020-08-01',
    items: [{ sku: 'CLASSOUND-FLAT-S', qty: 1, price: '120.00' }],
    expect: { end: '2021-05-01', total: '89.75' },
  };

  it('--check passes, fails with each differing field, and closes with N passed, M failed', async () => {
    const file = casesFile([
      seed,
      { ...seed, name: 'off by a cent', expect: { total: '89.76', days: 273 } },
      { name: 'refused', pbx: 'PBX-1001', term: 'monthly', items: [{ sku: 'WP480G', qty: 1 }], expect: { error: 'TERM_MISMATCH' } },
      { name: 'expects a quote, gets a refusal', pbx: 'PBX-1002', items: [{ sku: 'WP480G', qty: 1 }], expect: { total: '1.00' } },
    ]);
    const result = await run('quote', '--file', file, '--check');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '✓ seed example',
      '✗ off by a cent: total: expected "89.76", got "89.75"',
      '✓ refused',
      '✗ expects a quote, gets a refusal: total: expected "1.00", got "error NOT_SUBSCRIPTION"',
      '2 passed, 2 failed',
      '',
    ]);
    const json = await run('quote', '--file', file, '--check', '--json');
    expect(json.code).toBe(1);
    expect(json.json()[1]).toEqual({ index: 1, name: 'off by a cent', passed: false, differences: [{ field: 'total', expected: '89.76', got: '89.75' }] });
    const green = await run('quote', '--file', casesFile([seed]), '--check');
    expect([green.code, green.stdout]).toEqual([0, '✓ seed example\n1 passed, 0 failed\n']);
  });

  it('without --check prints the quotes and errors', async () => {
    const file = casesFile([seed, { pbx: 'PBX-1002', items: [{ sku: 'WP480G', qty: 1 }] }]);
    const result = await run('quote', '--file', file);
    const out = result.json();
    expect(out[0].total).toBe('89.75');
    expect(out[1].error.code).toBe('NOT_SUBSCRIPTION');
  });

  it('names the case and field of a malformed file', async () => {
    const cases: [unknown, RegExp][] = [
      ['not json', /not valid JSON/],
      [{ a: 1 }, /expected an array/],
      [[seed, { ...seed, start: '2020-02-30' }], /\[1\]\.start: "2020-02-30" is not a YYYY-MM-DD calendar date/],
      [[{ ...seed, items: [{ sku: 'X', qty: 0 }] }], /\[0\]\.items\[0\]\.qty: expected a whole number from 1 to 10000/],
      [[{ ...seed, items: [{ sku: 'X', qty: 1, price: 1.5 }] }], /\[0\]\.items\[0\]\.price: expected an amount as a string/],
      [[{ ...seed, term: 'weekly' }], /\[0\]\.term: "weekly" is not monthly/],
      [[{ ...seed, expect: { totl: '1' } }], /\[0\]\.expect\.totl: "totl" is not a field/],
    ];
    for (const [content, message] of cases) {
      const result = await run('quote', '--file', casesFile(content), '--check');
      expect(result.code, String(message)).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect((await run('quote', '--file', '/nonexistent/cases.json')).code).toBe(2);
  });
});
