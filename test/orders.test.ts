import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore, rawSql } from './helpers.js';

const STAFF = 'USR-101';
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', ...args]);
const as = (user: string, ...args: string[]) => run('--as', user, ...args);

const stockOf = async (sku: string) => (await run('stock', 'list', '--json')).json().find((s: { sku: string }) => s.sku === sku);

describe('placing an order with flags', () => {
  it("saves a draft, checks it out at today's price, reserves stock and warns of backorder", async () => {
    const draft = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=5', '--item', 'MONOLED=186', '--item', 'CLASSOUND-FLAT-S=1', '--save', '--json');
    expect(draft.code).toBe(0);
    const saved = draft.json();
    expect(saved).toMatchObject({ id: 'ORD-000001', status: 'draft', customer: 'CUS-0001', pbx: 'PBX-1001', term: 'yearly', estimate: true, warnings: [] });
    expect((await stockOf('MONOLED')).reserved).toBe(0);

    // Checked out six days later: re-priced for the days left then.
    const placed = await cli(['--db', db, '--date', '2026-11-30', 'orders', 'checkout', 'ORD-000001', '--yes', '--json']);
    expect(placed.code).toBe(0);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'placed', start: '2026-11-30', end: '2027-05-01', currency: 'EUR', estimate: false, total: '2119.67' });
    expect(order.lines.map((l: { sku: string; amount: string }) => `${l.sku} ${l.amount}`)).toEqual(['WP480G 141.59', 'MONOLED 1936.44', 'CLASSOUND-FLAT-S 41.64']);
    expect(order.warnings).toEqual(['BACKORDER: MonoLED Headset, available -186']);
    expect(order.events.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`)).toEqual(['null→draft', 'draft→placed']);
    expect(await stockOf('MONOLED')).toEqual({ sku: 'MONOLED', name: 'MonoLED Headset', onHand: 0, reserved: 186, available: -186 });
    expect(await stockOf('CLASSOUND-FLAT-S')).toBeUndefined(); // a service: not stocked, nothing reserved

    // The amounts are fixed from now on, whatever "today" is.
    const later = await cli(['--db', db, '--date', '2027-03-01', 'orders', 'show', 'ORD-000001', '--json']);
    expect(later.json().total).toBe('2119.67');
  });

  it('checkout is idempotent: the second is told it is already placed', async () => {
    await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save');
    expect((await run('orders', 'checkout', 'ORD-000001', '--yes')).code).toBe(0);
    const again = await run('--json', 'orders', 'checkout', 'ORD-000001', '--yes');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('already placed') });
    expect((await stockOf('WP480G')).reserved).toBe(1);
  });

  it('--checkout places in one step; a refusal writes nothing', async () => {
    const refused = await run('--json', 'order', '--customer', 'CUS-0002', '--pbx', 'PBX-1003', '--item', 'WP480G=1', '--checkout', '--yes');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe('NO_AGREEMENT');
    expect((await run('orders', 'list', '--json')).json()).toEqual([]);
    const placed = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--term', '1y', '--item', 'WP480G=2', '--checkout', '--yes', '--json');
    expect(placed.json()).toMatchObject({ status: 'placed', total: '58.87' });
    // The refused order used up no number (on either backend): the first one placed is ORD-000001.
    expect(placed.json().id).toBe('ORD-000001');
  });
});

describe('checkout rules', () => {
  it('NO_AGREEMENT names the area manager and the command that registers it', async () => {
    await run('order', '--customer', 'CUS-0002', '--pbx', 'PBX-1003', '--item', 'WP480G=1', '--save');
    const result = await run('orders', 'checkout', 'ORD-000001', '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Luca Bianchi <luca.bianchi@wildix.example>');
    expect(result.stderr).toContain('hwaas agreements add --customer CUS-0002 --signed-on YYYY-MM-DD');
    expect((await run('agreements', 'add', '--customer', 'CUS-0002', '--signed-on', '2026-11-20', '--json')).json()).toMatchObject({ customer: 'CUS-0002', signedOn: '2026-11-20' });
    expect((await run('orders', 'checkout', 'ORD-000001', '--yes')).code).toBe(0);
  });

  it('OVERDUE_INVOICES names the oldest and its days; drafts are still allowed; paying unblocks', async () => {
    // Lone Star (PTR-003) has an invoice 14 days overdue on 2026-11-24: ordering is blocked, the account is not locked.
    const draft = await as('USR-003', 'order', '--customer', 'CUS-0009', '--pbx', 'PBX-1011', '--item', 'WP480G=1', '--save');
    expect(draft.code).toBe(0);
    const blocked = await as('USR-003', 'orders', 'checkout', 'ORD-000001', '--yes');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('an invoice 14 days overdue: INV-2026-0302 ($1,275.00, due 2026-11-10)');
    expect((await as('USR-003', 'invoices', 'list', '--overdue', '--json')).json().map((i: { number: string }) => i.number)).toEqual(['INV-2026-0302']);
    expect((await as('USR-003', 'invoices', 'pay', 'INV-2026-0302')).code).toBe(1); // staff only
    expect((await as(STAFF, 'invoices', 'pay', 'INV-2026-0302')).code).toBe(0);
    expect((await as('USR-003', 'orders', 'checkout', 'ORD-000001', '--yes')).code).toBe(0);
  });

  it('the term and PBX rules of docs/terms.md apply to orders', async () => {
    const cases: [string[], number, string][] = [
      [['--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--term', 'monthly'], 1, 'TERM_MISMATCH'],
      [['--customer', 'CUS-0001', '--pbx', 'PBX-1002'], 1, 'NOT_SUBSCRIPTION'],
      [['--customer', 'CUS-0002', '--pbx', 'PBX-1001'], 1, 'NOT_FOUND'],
      [['--customer', 'CUS-0006', '--pbx', 'PBX-1007'], 1, 'NOT_FOUND'],
      [['--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'BELT-CLIP=2'], 1, 'NOT_ELIGIBLE'],
      [['--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'NOPE=2'], 2, 'UNKNOWN_SKU'],
    ];
    for (const [args, code, error] of cases) {
      const result = await run('--json', 'order', ...args, ...(args.some((a) => a.startsWith('--item')) ? [] : ['--item', 'WP480G=1']), '--save');
      expect(result.code, args.join(' ')).toBe(code);
      expect(JSON.parse(result.stderr).error.code).toBe(error);
    }
    const ended = await as(STAFF, '--json', 'order', '--customer', 'CUS-0009', '--pbx', 'PBX-1012', '--item', 'WP480G=1', '--save');
    expect(JSON.parse(ended.stderr).error.code).toBe('PBX_ENDED');
    expect((await as(STAFF, 'orders', 'list', '--json')).json()).toEqual([]);
  });

  it('usage errors name the missing flag', async () => {
    expect((await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1')).stderr).toContain('missing --save or --checkout');
    expect((await run('order', '--customer', 'CUS-0001', '--item', 'WP480G=1', '--save')).stderr).toContain('missing --pbx');
    expect((await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--save')).stderr).toContain('missing --item');
    const noYes = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout');
    expect([noYes.code, noYes.stderr.includes('missing --yes')]).toEqual([2, true]);
    const noTerminal = await run('order');
    expect([noTerminal.code, noTerminal.stderr.includes('there is no terminal to ask on')]).toEqual([2, true]);
    // At a terminal with CI set, it says that CI is why.
    const ci = await cli(['--db', db, '--date', '2026-11-24', 'order'], { tty: true, env: { CI: '1' } });
    expect([ci.code, ci.stderr.includes('prompting is off because CI is set')]).toEqual([2, true]);
  });
});

describe('the order state machine', () => {
  async function placed(): Promise<string> {
    const result = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=10', '--checkout', '--yes', '--json');
    return result.json().id;
  }

  it('staff approve and ship; shipping takes devices off stock and releases the reservation', async () => {
    const id = await placed();
    expect((await run('--json', 'orders', 'approve', id)).stderr).toContain('NOT_ALLOWED');
    expect((await as(STAFF, 'orders', 'ship', id)).code).toBe(1); // not approved yet
    expect((await as(STAFF, 'orders', 'approve', id, '--json')).json().status).toBe('approved');
    expect((await as(STAFF, 'orders', 'ship', id, '--json')).json().status).toBe('shipped');
    expect(await stockOf('WP480G')).toMatchObject({ onHand: 75, reserved: 0, available: 75 });
    expect((await run('orders', 'cancel', id, '--yes')).code).toBe(1);
    const show = (await run('pbx', 'show', 'PBX-1001', '--json')).json();
    expect(show.services).toEqual([{ order: id, status: 'shipped', sku: 'WP480G', name: 'WorkForce WP480G desk phone', qty: 10, start: '2026-11-24', endsOn: '2027-05-01' }]);
    const events = (await run('orders', 'show', id, '--json')).json().events;
    expect(events.map((e: { by: string; to: string }) => `${e.by}:${e.to}`)).toEqual(['USR-001:draft', 'USR-001:placed', 'USR-101:approved', 'USR-101:shipped']);
  });

  it('cancelling a placed or approved order releases its reservation', async () => {
    const id = await placed();
    expect((await stockOf('WP480G')).reserved).toBe(10);
    expect((await as(STAFF, 'orders', 'approve', id)).code).toBe(0);
    expect((await run('orders', 'cancel', id, '--yes', '--json')).json().status).toBe('cancelled');
    expect((await stockOf('WP480G')).reserved).toBe(0);
    expect((await run('orders', 'cancel', id, '--yes')).code).toBe(1);
    expect((await run('--as', 'USR-101', 'db', 'check', '--json')).json().ok).toBe(true);
  });

  it('only staff set stock', async () => {
    expect((await run('stock', 'set', 'MONOLED', '50')).code).toBe(1);
    expect((await as(STAFF, 'stock', 'set', 'monoled', '50', '--json')).json()).toEqual({ sku: 'MONOLED', name: 'MonoLED Headset', onHand: 50, reserved: 0, available: 50 });
    expect((await as(STAFF, 'stock', 'set', 'MONOLED', '-5')).code).toBe(2);
    expect((await as(STAFF, 'stock', 'set', 'MONOLDE', '5')).stderr).toContain('did you mean MONOLED');
  });

  it('orders list filters and has the docs/cli.md keys; show renders for people and as a PDF confirmation', async () => {
    const id = await placed();
    await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'DUOLED=1', '--save');
    const drafts = (await run('orders', 'list', '--status', 'draft', '--json')).json();
    expect(drafts.map((o: { id: string }) => o.id)).toEqual(['ORD-000002']);
    // The keys of docs/cli.md, then what 0.4 added: a draft's total when it was saved.
    expect(Object.keys(drafts[0])).toEqual(['id', 'status', 'partner', 'customer', 'pbx', 'term', 'currency', 'total', 'createdAt', 'placedAt', 'savedTotal', 'source']);
    expect(drafts[0]).toMatchObject({ partner: 'PTR-001', total: null, placedAt: null, savedTotal: expect.stringMatching(/^\d+\.\d{2}$/) });
    const staffTable = (await as(STAFF, 'orders', 'list')).stdout;
    expect(staffTable).toContain('Partner');
    expect(staffTable).toContain('PTR-001');
    const text = await run('orders', 'show', id);
    expect(text.stdout).toContain('Figures fixed at checkout');
    expect((await run('orders', 'show', 'ORD-000002')).stdout).toContain('a draft is re-priced at checkout');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'hwaas-ord-')), 'o.pdf');
    expect((await run('orders', 'show', id, '--format', 'pdf', '--out', out)).code).toBe(0);
    const { pdfPages } = await import('./pdfText.js');
    expect((await pdfPages(readFileSync(out))).join(' ')).toContain(`Order confirmation ${id}`);
  });
});

describe('partner isolation on order commands', () => {
  it("another partner's order, invoice and customer read as not found", async () => {
    const theirs = await as('USR-004', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--save', '--json');
    const id = theirs.json().id;
    for (const args of [
      ['orders', 'show', id],
      ['orders', 'checkout', id, '--yes'],
      ['orders', 'cancel', id, '--yes'],
      ['agreements', 'add', '--customer', 'CUS-0011', '--signed-on', '2026-01-01'],
      ['agreements', 'list', '--customer', 'CUS-0011'],
      ['orders', 'list', '--customer', 'CUS-0011'],
    ]) {
      const result = await run('--json', ...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(JSON.parse(result.stderr).error.code).toBe('NOT_FOUND');
    }
    expect((await run('orders', 'list', '--json')).json()).toEqual([]);
    expect((await run('invoices', 'list', '--json')).json().every((i: { partner: string }) => i.partner === 'PTR-001')).toBe(true);
    expect((await rawSql<{ status: string }>(db, 'SELECT status FROM orders WHERE seq = 1'))[0]!.status).toBe('draft');
  });
});

describe('shipping a backorder', () => {
  it('waits until the devices are on hand', async () => {
    const id = (await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'MONOLED=5', '--checkout', '--yes', '--json')).json().id;
    expect((await as(STAFF, 'orders', 'approve', id)).code).toBe(0);
    const early = await as(STAFF, 'orders', 'ship', id);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('MONOLED (0 on hand, 5 to ship)');
    expect((await as(STAFF, 'stock', 'set', 'MONOLED', '20')).code).toBe(0);
    expect((await as(STAFF, 'orders', 'ship', id)).code).toBe(0);
    expect(await stockOf('MONOLED')).toMatchObject({ onHand: 15, reserved: 0, available: 15 });
  });
});
