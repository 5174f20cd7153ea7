import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore, storeFingerprint } from '../helpers.js';

// Attack: a partner sets its own price. `order … --item WP480G=10000@0.00 --checkout`
// placed 10,000 phones at €0.00, and staff approved it without seeing anything unusual.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--json', ...args]);
const STAFF = ['--as', 'USR-101'];

describe('a partner setting its own price', () => {
  it.each([
    ['order --checkout', ['order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=10000@0.00', '--checkout', '--yes']],
    ['order --save (a draft)', ['order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--item', 'DUOLED=2@0.01', '--save']],
  ])('%s with @PRICE is NOT_ALLOWED (exit 1) and writes nothing', async (_name, args) => {
    const before = await storeFingerprint(db);
    const result = await run(...args);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('only Wildix staff can set a negotiated price') });
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('quote keeps @PRICE: it writes nothing', async () => {
    expect((await run('quote', '--pbx', 'PBX-1001', '--item', 'WP480G=10@0.00')).json().total).toBe('0.00');
  });

  it('staff may negotiate a price; the line records and shows it, through approval', async () => {
    const placed = await run(...STAFF, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=10@50.00', '--item', 'DUOLED=1', '--checkout', '--yes');
    expect(placed.code).toBe(0);
    const [negotiated, listed] = placed.json().lines;
    expect(negotiated).toMatchObject({ sku: 'WP480G', unitPrice: '50.00', listPrice: '68.00', priceOverride: true });
    expect(listed).toMatchObject({ sku: 'DUOLED', listPrice: listed.unitPrice, priceOverride: false });
    const show = await cli(['--db', db, ...STAFF, 'orders', 'show', placed.json().id]);
    expect(show.stdout).toContain('NEGOTIATED PRICE: WP480G at €50.00 per year instead of the list price €68.00.');
    const approve = await cli(['--db', db, ...STAFF, 'orders', 'approve', placed.json().id]);
    expect(approve.stdout).toContain('NEGOTIATED PRICE: WP480G');
  });

  it('a staff draft with a negotiated price can be checked out by the partner; it keeps the price', async () => {
    const draft = await run(...STAFF, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2@40.00', '--save');
    expect(draft.json().lines[0]).toMatchObject({ unitPrice: '40.00', listPrice: '68.00', priceOverride: true });
    const placed = await run('orders', 'checkout', draft.json().id, '--yes');
    expect(placed.json().lines[0]).toMatchObject({ unitPrice: '40.00', priceOverride: true });
  });
});
