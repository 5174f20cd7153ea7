import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, cli, demoStore, liveStore, newStore, storeFingerprint } from '../helpers.js';

// Attack: a partner moves "today" on a write. `--date 2027-04-30` placed an order for
// €4.99 that costs €777.86 today; `--date 2026-08-31` slipped past the overdue rule.
// The fake clock of these tests says 2026-11-24.
vi.mock('@inquirer/prompts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@inquirer/prompts')>();
  const { wrapPrompt } = await import('@inquirer/testing/vitest');
  return { ...actual, confirm: wrapPrompt(actual.confirm) };
});

let db: string;
beforeEach(async () => {
  db = await liveStore();
});
const run = (...args: string[]) => cli(['--db', db, '--json', ...args]);

const WRITES: [string, string[]][] = [
  ['order --checkout', ['order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP490G=20', '--checkout', '--yes']],
  ['order --save', ['order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP490G=20', '--save']],
  ['orders checkout', ['orders', 'checkout', 'ORD-000001', '--yes']],
  ['orders cancel', ['orders', 'cancel', 'ORD-000001', '--yes']],
  ['orders approve', ['--as', 'USR-101', 'orders', 'approve', 'ORD-000001']],
  ['orders ship', ['--as', 'USR-101', 'orders', 'ship', 'ORD-000001']],
  ['stock set', ['--as', 'USR-101', 'stock', 'set', 'MONOLED', '5']],
  ['agreements add', ['agreements', 'add', '--customer', 'CUS-0002', '--signed-on', '2026-01-01']],
  ['invoices pay', ['--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0201']],
  ['customers add', ['customers', 'add', '--name', 'Backdated GmbH']],
  ['pbx add', ['pbx', 'add', '--customer', 'CUS-0001', '--name', 'X', '--type', 'cloud', '--license', 'yearly', '--activated', '2020-01-01']],
  ['order (the interactive session)', ['order']],
];

describe('a moved "today" on a write to a live store', () => {
  it.each(WRITES)('%s with --date is refused before anything happens (DATE_PINNED, exit 2)', async (_name, args) => {
    const before = await storeFingerprint(db);
    const result = await run('--date', '2027-04-30', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr).error;
    expect(error.code).toBe('DATE_PINNED');
    expect(error.message).toContain("a live store writes on today's date");
    expect(error.message).toContain('--date is for quotes and listings');
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('HWAAS_TODAY is refused alike, and named', async () => {
    const result = await cli(['--db', db, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP490G=20', '--checkout', '--yes'], { env: { HWAAS_TODAY: '2026-08-31' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HWAAS_TODAY: this store is live');
  });

  it("the €4.99 order is placed at today's price once --date is left out", async () => {
    const cheap = await run('--date', '2027-04-30', 'quote', '--pbx', 'PBX-1001', '--item', 'WP490G=20');
    expect(cheap.json().total).toBe('4.99'); // a what-if on a read still works
    // On the clock's date (the machine's own: a PostgreSQL server checks a live store's
    // placements against its clock), at what a quote says today.
    const onClock = (...args: string[]) => cli(['--db', db, '--json', ...args], { realClock: true });
    const today = await onClock('quote', '--pbx', 'PBX-1001', '--item', 'WP490G=20');
    const placed = await onClock('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP490G=20', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.json()).toMatchObject({ start: today.json().start, total: today.json().total });
    expect(placed.json().total).not.toBe('4.99');
  });

  it('read-only commands keep --date for what-ifs', async () => {
    for (const args of [
      ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1'],
      ['pbx', 'list'],
      ['invoices', 'list', '--overdue'],
      ['orders', 'list'],
      ['customers', 'list'],
      ['stock', 'list'],
    ]) {
      expect((await run('--date', '2027-04-30', ...args)).code, args.join(' ')).toBe(0);
    }
  });

  it('a sandbox store (init --demo) moves its clock everywhere', async () => {
    const sandbox = await demoStore();
    expect((await cli(['--db', sandbox, 'db', 'info', '--json'])).json()).toMatchObject({ backend: BACKEND === 'sqlite' ? 'sqlite' : 'postgres', mode: 'sandbox' });
    const placed = await cli(['--db', sandbox, '--date', '2026-11-30', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes']);
    expect(placed.json()).toMatchObject({ start: '2026-11-30' });
    // Its events carry the moved date, so "Created" and "today" agree.
    expect(placed.json().createdAt.slice(0, 10)).toBe('2026-11-30');
  });

  it('init makes a live store, init --demo a sandbox; --date on a live init is refused; demo data never goes into a live store', async () => {
    const live = await newStore('live.db');
    expect((await cli(['--db', live, '--date', '2027-01-01', 'init'])).code).toBe(2);
    expect((await cli(['--db', live, 'init', '--json'])).json().mode).toBe('live');
    expect((await cli(['--db', live, 'db', 'info', '--json'])).json()).toEqual({
      backend: BACKEND === 'sqlite' ? 'sqlite' : 'postgres',
      path: live,
      mode: 'live',
      schemaVersion: expect.any(Number),
      timezone: expect.any(String),
    });
    const demo = await cli(['--db', live, 'init', '--demo', '--json']);
    expect(demo.code).toBe(1);
    expect(JSON.parse(demo.stderr).error.message).toContain('is live: demo data goes only into a sandbox store');
    const sandbox = await newStore('sandbox.db');
    expect((await cli(['--db', sandbox, '--date', '2027-01-01', 'init', '--demo', '--json'])).json().mode).toBe('sandbox');
  });
});

describe('midnight while a question waits', () => {
  it('an order priced for one day is not placed on the next without saying the new amount', async () => {
    const { screen } = await import('@inquirer/testing/vitest');
    const { main } = await import('../../src/cli/main.js');
    const { fakeIo } = await import('../helpers.js');
    const { parseDate } = await import('../../src/terms/dates.js');
    const sandbox = await demoStore();
    const { translate } = await import('../helpers.js');
    const run = translate(['--db', sandbox, 'order', '--customer', 'CUS-0005', '--pbx', 'PBX-1006', '--item', 'WP480G=10', '--checkout']);
    const { io, stderr } = fakeIo({ tty: true, env: run.env });
    let day = '2026-11-24';
    const clocked = { ...io, clockToday: () => parseDate(day) };
    const pending = main(run.args, clocked);
    const deadline = Date.now() + 10_000;
    while (!screen.getScreen().includes('Place an HWaaS order') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(screen.getScreen()).toContain('for €2.19?');
    day = '2026-11-25'; // PBX-1006 renews on the 25th: the same devices now cost a whole month
    screen.type('y');
    screen.keypress('enter');
    expect(await pending).toBe(1);
    expect(stderr.text()).toContain('the date changed while you were deciding (midnight passed)');
    expect((await cli(['--db', sandbox, '--json', 'orders', 'list'])).json()).toEqual([]);
  });
});
