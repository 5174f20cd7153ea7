import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore, rawSql, storeFingerprint } from '../helpers.js';

// Attack: amounts at the edge. A placed total came back as …999.88 for an exact
// …999.89 (amounts were read as JS numbers), and qty 9,224 at a large price exited 70.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const staff = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-101', '--json', ...args]);

/** price × qty × days / periodDays, half up, in cents: computed here, not by hwaas. */
function prorated(priceCents: bigint, qty: bigint, days: bigint, periodDays: bigint): bigint {
  const numerator = priceCents * qty * days;
  return (numerator * 2n + periodDays) / (periodDays * 2n);
}
const text = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

describe('exact money at the bounds', () => {
  it('the largest line (10,000 × 1,000,000.00 on a five-year PBX) is quoted, placed and shown to the cent', async () => {
    const item = ['--item', 'WP480G=10000@1000000.00'];
    const quote = (await staff('quote', '--pbx', 'PBX-1004', ...item)).json();
    expect(quote.term).toBe('five-year');
    const expected = prorated(100_000_000n, 10_000n, BigInt(quote.days), BigInt(quote.periodDays));
    expect(quote.total).toBe(text(expected));
    expect(quote.renewalTotal).toBe('10000000000.00');

    const placed = await staff('order', '--customer', 'CUS-0003', '--pbx', 'PBX-1004', ...item, '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.json()).toMatchObject({ total: text(expected), renewalTotal: '10000000000.00' });
    const shown = (await staff('orders', 'show', placed.json().id)).json();
    expect(shown).toMatchObject({ total: text(expected), lines: [{ amount: text(expected), renewal: '10000000000.00', unitPrice: '1000000.00' }] });
    const forPeople = await cli(['--db', db, '--as', 'USR-101', 'orders', 'show', placed.json().id]);
    expect(forPeople.stdout).toContain(`€${text(expected).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
  });

  it('qty 9,224 at a large price is exact, not exit 70', async () => {
    const quote = await staff('quote', '--pbx', 'PBX-1004', '--item', 'WP480G=9224@999999.99');
    expect(quote.code).toBe(0);
    const q = quote.json();
    expect(q.total).toBe(text(prorated(99_999_999n, 9224n, BigInt(q.days), BigInt(q.periodDays))));
  });

  it.each([
    ['a quantity above 10,000', 'WP480G=10001', 'above the limit of 10,000 per line'],
    ['a quantity of many digits', 'WP480G=99999999999999999999', 'above the limit of 10,000 per line'],
    ['a price above 1,000,000.00', 'WP480G=1@1000000.01', 'above the limit of 1,000,000.00'],
    ['a price of many digits', 'WP480G=1@9999999999999.99', 'above the limit of 1,000,000.00'],
  ])('%s is an input error (exit 2) that names the limit, and writes nothing', async (_name, item, message) => {
    const before = await storeFingerprint(db);
    for (const args of [
      ['quote', '--pbx', 'PBX-1004'],
      ['order', '--customer', 'CUS-0003', '--pbx', 'PBX-1004', '--checkout', '--yes'],
    ]) {
      const result = await staff(...args, '--item', item);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stderr).error.message).toContain(message);
    }
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('a cases file is bounded alike', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'hwaas-cases-')), 'c.json');
    writeFileSync(file, JSON.stringify([{ term: 'yearly', activated: '2020-05-01', items: [{ sku: 'WP480G', qty: 1, price: '1000000.01' }] }]));
    const result = await cli(['quote', '--file', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('above the limit of 1,000,000.00');
  });

  it('amounts come back from the store as integers: beyond 2^53 cents, still to the cent', async () => {
    await rawSql(
      db,
      "INSERT INTO invoices (number, partner_id, amount_minor, currency, issued_on, due_on, paid_on) VALUES ('INV-BIG', 'PTR-001', 9007199254740993, 'EUR', '2026-01-01', '2027-01-01', NULL)",
    );
    const invoices = (await staff('invoices', 'list')).json();
    expect(invoices.find((i: { number: string }) => i.number === 'INV-BIG').amount).toBe('90071992547409.93');
  });
});
