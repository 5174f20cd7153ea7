import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, demoStore, storeFingerprint } from '../helpers.js';

// A seeded, bounded fuzz of argv: every exit code is 0, 1 or 2 (never 70), no stack
// trace ever, and a failed command leaves the store as it was (byte for byte, on SQLite).
let db: string;
beforeAll(async () => {
  db = await demoStore();
});

const nasty = fc.constantFrom(
  '',
  ' ',
  '-',
  '--',
  '=',
  '@',
  '0',
  '-1',
  '1.5',
  '1e3',
  '10000',
  '10001',
  '99999999999999999999',
  'NaN',
  'null',
  "'; DROP TABLE orders;--",
  '%',
  '_',
  '\\',
  'Łódź',
  'Ελλάδα',
  '\u0000',
  '\u202e',
  '\u2066',
  '\u009b2J',
  '\u001b]52;c;aGk=\u0007',
  '\u001b[8m',
  '\u200b',
  'x'.repeat(300),
  '2021-02-30',
  '2021-2-3',
  '20210203',
  '2100-02-29',
  '9999-12-31',
);
/** Quantities and prices at and around the bounds (10,000 per line; 1,000,000.00 per device and term). */
const qty = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 50 }) },
  { weight: 2, arbitrary: fc.integer({ min: 9_990, max: 10_010 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_001 }) },
);
const price = fc.constantFrom('12.00', '0', '0.00', '1.234', '99.99', '999999.99', '1000000.00', '1000000.01', '9999999999999.99', '1e6', '-1.00');

/** Mostly a valid value, sometimes a nasty one: so the fuzz reaches the rules, not only the parser. */
const value = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: nasty });
const item = value(
  fc
    .tuple(
      fc.constantFrom('WP480G', 'wp480g', 'MONOLED', 'DUOLED', 'BELT-CLIP', 'CLASSOUND-FLAT-S', 'NOPE'),
      qty,
      fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: price }),
    )
    .map(([s, q, p]) => `${s}=${q}${p === undefined ? '' : `@${p}`}`),
);
const customer = value(fc.constantFrom('CUS-0001', 'CUS-0003', 'CUS-0002', 'CUS-0006', 'CUS-0009', 'CUS-9999'));
const pbx = value(fc.constantFrom('PBX-1001', 'PBX-1004', 'PBX-1020', 'PBX-1002', 'PBX-1003', 'PBX-1007', 'PBX-1011', 'PBX-1012'));
const term = value(fc.constantFrom('monthly', 'yearly', 'five-year', '1m', '1y', '5y', 'perpetual', 'weekly'));
const date = value(fc.constantFrom('2020-05-01', '2026-11-24', '2026-12-01', '2030-01-01', '1999-12-31'));

/** Each flag present or not; required-looking ones usually present. */
function flags(pool: [string, fc.Arbitrary<string> | null, number][]): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      ...pool.map(([flag, arbitrary, chance]) => {
        const present = fc.oneof({ weight: Math.round(chance * 10), arbitrary: fc.constant(true) }, { weight: 10 - Math.round(chance * 10), arbitrary: fc.constant(false) });
        return fc.tuple(present, arbitrary ?? fc.constant('')).map(([on, v]) => (on ? (arbitrary ? [flag, v] : [flag]) : []));
      }),
    )
    .map((parts) => parts.flat());
}

const commands: [string, fc.Arbitrary<string[]>][] = [
  [
    'quote',
    flags([
      ['--pbx', pbx, 0.8],
      ['--term', term, 0.3],
      ['--activated', date, 0.2],
      ['--start', date, 0.4],
      ['--item', item, 0.9],
      ['--item', item, 0.4],
      ['--currency', value(fc.constantFrom('EUR', 'gbp', 'USD', 'CHF')), 0.2],
      ['--explain', null, 0.2],
      ['--json', null, 0.5],
    ]).map((a) => ['quote', ...a]),
  ],
  [
    'order',
    fc
      .tuple(
        // A customer with one of its own PBXs most of the time, so the rules are reached.
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(['CUS-0001', 'PBX-1001'], ['CUS-0003', 'PBX-1020'], ['CUS-0003', 'PBX-1004'], ['CUS-0001', 'PBX-1002'], ['CUS-0002', 'PBX-1003']) },
          { weight: 1, arbitrary: fc.tuple(customer, pbx) },
        ),
        fc.constantFrom(['--save'], ['--checkout', '--yes'], ['--checkout', '--yes'], ['--save', '--checkout'], [], ['--checkout']),
        flags([
          ['--term', term, 0.2],
          ['--item', item, 0.9],
          ['--item', item, 0.3],
          ['--json', null, 0.5],
        ]),
      )
      .map(([[c, p], mode, rest]) => ['order', '--customer', c, '--pbx', p, ...mode, ...rest]),
  ],
  [
    'customers add',
    flags([
      ['--name', value(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }))), 0.9],
      ['--country', value(fc.constantFrom('PL', 'de', 'Poland')), 0.5],
      ['--vat', value(fc.constantFrom('PL123', 'DE 123.45')), 0.3],
      ['--email', value(fc.constantFrom('a@b.example', 'no-at', 'a\u009b@b.example')), 0.3],
      ['--partner', value(fc.constantFrom('PTR-001', 'PTR-002', 'PTR-999')), 0.4],
    ]).map((a) => ['customers', 'add', ...a]),
  ],
];

describe('argv fuzz', () => {
  it.each(commands)('%s', async (_name, argv) => {
    let before = await storeFingerprint(db);
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(argv, fc.constantFrom('USR-001', 'USR-002', 'USR-101'), async (args, user) => {
        const result = await cli(['--db', db, '--date', '2026-11-24', '--as', user, '--no-input', ...args]);
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        expect([0, 1, 2], `${args.join(' ')}\n${result.stderr}`).toContain(result.code);
        expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(result.stderr).not.toContain('internal error');
        // Nothing typed reaches the terminal raw: no control characters or bidi overrides in any output.
        expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const after = await storeFingerprint(db);
        if (result.code !== 0) expect(after, `${args.join(' ')} failed but changed the store`).toBe(before);
        before = after;
      }),
      { seed: 20261124, numRuns: 250 },
    );
    // The fuzz must reach successes, refusals and usage errors, not only the parser.
    expect(
      [codes.get(0) ?? 0, codes.get(1) ?? 0, codes.get(2) ?? 0].every((n) => n > 5),
      JSON.stringify(Object.fromEntries(codes)),
    ).toBe(true);
  });
});
