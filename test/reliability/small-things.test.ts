import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, liveStore, rawSql, translate, childEnv, rebaseInvoices } from '../helpers.js';

// The smaller findings of the attack: leftovers of interrupted exports, a blank
// search that listed everything, UTC dates shown as "Created", and a draft placed at
// a price nobody saw after its PBX renewed.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});

describe('leftovers of an interrupted export or backup', () => {
  it("are removed by the next export or backup into that folder; a running one's are not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-partial-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout; // a pid that has ended
    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const deadPartial = `.p.pdf.${dead}.0123abcd.partial`;
      const livePartial = `.q.pdf.${alive.pid}.89abcdef.partial`;
      writeFileSync(join(dir, deadPartial), 'half a PDF');
      writeFileSync(join(dir, livePartial), 'being written');
      expect((await cli(['--db', db, 'pricelist', '--out', join(dir, 'p.pdf')])).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([livePartial, 'p.pdf']);
      writeFileSync(join(dir, deadPartial), 'half a backup');
      expect((await cli(['--db', db, '--as', 'USR-101', 'db', 'backup', join(dir, 'b.db')])).code).toBe(0);
      expect(existsSync(join(dir, deadPartial))).toBe(false);
    } finally {
      alive.kill();
    }
  });

  it('a kill -9 in the middle of an export, then another export, leaves no .partial', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-kill-'));
    const child = spawn(process.execPath, [BIN, '--db', db, 'pricelist', '--format', 'xlsx', '--out', join(dir, 'p.xlsx')], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r)); // listened for at once: it may end before the kill
    const deadline = Date.now() + 10_000;
    while (!readdirSync(dir).some((n) => n.endsWith('.partial')) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    // On a busy machine the export may end before a poll sees its temporary file: then it is whole, and left nothing.
    const finishedFirst = child.exitCode !== null;
    child.kill('SIGKILL');
    await exited;
    if (finishedFirst) expect(readdirSync(dir).sort()).toEqual(['p.xlsx']);
    else
      expect(
        readdirSync(dir).filter((n) => n.endsWith('.partial')),
        'killed before it wrote anything',
      ).toHaveLength(1);
    expect((await cli(['--db', db, 'pricelist', '--out', join(dir, 'again.pdf')])).code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('--search with nothing in it', () => {
  it.each([' ', '   ', '\u200b'])('%j is an input error, not "everything"', async (text) => {
    const result = await cli(['--db', db, '--json', 'customers', 'list', '--search', text]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toContain('--search: give some text to look for');
  });
});

describe('dates shown to people, and the date a store writes on', () => {
  const dateIn = (zone: string) => spawnSync('date', ['+%F'], { env: { ...childEnv(), TZ: zone }, encoding: 'utf8' }).stdout.trim();
  const hwaas = (zone: string, ...args: string[]) => {
    const run = translate(args, { HWAAS_DB: db });
    return spawnSync(process.execPath, [BIN, ...run.args], { env: { ...childEnv(), ...run.env, TZ: zone, NO_COLOR: '1' }, encoding: 'utf8' });
  };

  it('"Created" is the calendar date of the store, like "today", not the UTC one', async () => {
    // Kiritimati is UTC+14: for ten hours of every day its date is a day ahead of UTC.
    await rawSql(db, "UPDATE settings SET value = 'Pacific/Kiritimati' WHERE key = 'timezone'");
    await rebaseInvoices(db); // the built CLI runs on the real clock
    const today = dateIn('Pacific/Kiritimati');
    expect(hwaas('UTC', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save').status).toBe(0);
    expect(hwaas('UTC', 'orders', 'list').stdout).toContain(today);
    const show = hwaas('UTC', 'orders', 'show', 'ORD-000001').stdout;
    expect(show).toMatch(new RegExp(`Created ${today} \\d\\d:\\d\\d`));
    expect(show).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/); // no raw ISO timestamps for people
  });

  it("the shell's TZ does not move the date a live store writes on", async () => {
    const live = await liveStore();
    await rawSql(live, "UPDATE settings SET value = 'Europe/Rome' WHERE key = 'timezone'");
    db = live;
    const rome = dateIn('Europe/Rome');
    for (const zone of ['Etc/GMT-14', 'Etc/GMT+12', 'XXX+24']) {
      const placed = hwaas(zone, '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save');
      expect(placed.status, placed.stderr).toBe(0);
      expect(JSON.parse(placed.stdout).start, zone).toBe(rome);
    }
  });
});

describe('a draft checked out after its PBX renewed', () => {
  it('is re-priced, and the confirmation says the new amount before anyone says yes', async () => {
    // PBX-1006 renews monthly on the 25th: saved on the 24th for 1 of 31 days (6.80 × 10 × 1/31),
    // checked out on the 26th for 29 of the next 30 (6.80 × 10 × 29/30 = 65.733…).
    const draft = await cli(['--db', db, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0005', '--pbx', 'PBX-1006', '--item', 'WP480G=10', '--save']);
    expect(draft.json().total).toBe('2.19');
    const ask = await cli(['--db', db, '--date', '2026-11-26', 'orders', 'checkout', 'ORD-000001']);
    expect(ask.code).toBe(2); // no terminal: --yes is needed, and the question is said
    expect(ask.stderr).toContain('Place ORD-000001 for €65.73 (re-priced for today: it was €2.19 when saved)?');
    const placed = await cli(['--db', db, '--date', '2026-11-26', '--json', 'orders', 'checkout', 'ORD-000001', '--yes']);
    expect(placed.json()).toMatchObject({ status: 'placed', total: '65.73', start: '2026-11-26', end: '2026-12-25' });
  });
});

describe("a partner's standing, said where it matters", () => {
  it('whoami says when the acting partner is warned, blocked, locked or suspended, and why', async () => {
    const sandbox = await demoStore();
    const who = (user: string, date = '2026-11-24') => cli(['--db', sandbox, '--date', date, '--as', user, 'whoami']);
    expect((await who('USR-001')).stdout).not.toContain('Standing');
    expect((await who('USR-004')).stdout).toContain('Standing: warned: invoice INV-2026-0402 (€540.00, due 2026-11-21) is 3 days overdue; checkout still works, with a warning, and stops on day 5.');
    expect((await who('USR-003')).stdout).toContain('Standing: ordering blocked: invoice INV-2026-0302');
    // Lone Star's invoice on the 16th day after: 30 days overdue.
    expect((await who('USR-003', '2026-12-10')).stdout).toContain('Standing: locked: invoice INV-2026-0302 ($1,275.00, due 2026-11-10) is 30 days overdue; nothing can be changed until it is paid');
    expect((await who('USR-002')).stdout).toContain('Standing: suspended:');
    const json = (await cli(['--db', sandbox, '--date', '2026-11-24', '--as', 'USR-003', '--json', 'whoami'])).json();
    expect(json).toEqual({
      id: 'USR-003',
      email: expect.any(String),
      name: 'Maria Garza',
      role: 'partner',
      partner: 'PTR-003',
      standing: { stage: 'ordering-blocked', daysOverdue: 14, invoice: 'INV-2026-0302' },
    });
    expect((await cli(['--db', sandbox, '--as', 'USR-101', '--json', 'whoami'])).json().standing).toBeNull();
  });

  it('from day 30 the refusal of checkout no longer says that a draft can still be saved', async () => {
    const sandbox = await demoStore();
    const checkout = (date: string) =>
      cli(['--db', sandbox, '--date', date, '--as', 'USR-101', '--json', 'order', '--customer', 'CUS-0009', '--pbx', 'PBX-1011', '--item', 'WP480G=1', '--checkout', '--yes']);
    const blocked = JSON.parse((await checkout('2026-11-24')).stderr).error;
    expect(blocked.code).toBe('OVERDUE_INVOICES');
    expect(blocked.message).toContain('saving a draft still works');
    const locked = JSON.parse((await checkout('2026-12-10')).stderr).error;
    expect(locked.code).toBe('OVERDUE_INVOICES');
    expect(locked.message).not.toContain('saving a draft still works');
    expect(locked.message).toContain('from the 30th day the account is locked too: its users cannot save a draft either');
  });
});

// Attack (second round): TZ given as a file of the zone database, or as a POSIX rule,
// made init record UTC without a word: a live store then wrote on the wrong date for up to
// 14 hours a day. `hwaas --dry-run import …` said "did you mean --dry-run?".
describe('the time zone a new store records', () => {
  const init = (tz: string, ...args: string[]) => {
    const store = join(mkdtempSync(join(tmpdir(), 'hwaas-tz-')), 'tz.db');
    const result = spawnSync(process.execPath, [BIN, '--db', store, '--json', 'init', ...args], { env: { ...childEnv(), TZ: tz }, encoding: 'utf8' });
    const info = spawnSync(process.execPath, [BIN, '--db', store, '--json', 'db', 'info'], { env: childEnv(), encoding: 'utf8' });
    return { result, zone: info.status === 0 ? (JSON.parse(info.stdout).timezone as string) : null };
  };

  it.skipIf(!existsSync('/usr/share/zoneinfo/Pacific/Kiritimati'))('is the zone TZ names, as a name, a file of the zone database or a whole-hour offset', () => {
    expect(init('/usr/share/zoneinfo/Pacific/Kiritimati').zone).toBe('Pacific/Kiritimati');
    expect(init(':Europe/Rome').zone).toBe('Europe/Rome');
    expect(init('UTC-14').zone).toBe('Etc/GMT-14');
  });

  it('is asked for when TZ has no name, and --timezone sets it', () => {
    const unnamed = init('<+14>-14');
    expect(unnamed.result.status).toBe(2);
    expect(JSON.parse(unnamed.result.stderr).error.message).toBe(
      'the machine\'s time zone (TZ=<+14>-14) has no name a store can record, and a store\'s "today" is the date in its zone: give --timezone, e.g. --timezone Europe/Rome.',
    );
    expect(unnamed.zone).toBeNull();
    expect(init('<+14>-14', '--timezone', 'Pacific/Kiritimati').zone).toBe('Pacific/Kiritimati');
    const wrong = init('UTC', '--timezone', 'Mars/Olympus');
    expect(wrong.result.status).toBe(2);
    expect(JSON.parse(wrong.result.stderr).error.message).toMatch(/^--timezone: "Mars\/Olympus" is not a time zone hwaas knows/);
  });
});

describe("a command's option said before the command", () => {
  it('says where it goes', async () => {
    const result = await cli(['--db', db, '--dry-run', 'import', 'customers', 'data/samples/customers.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('hwaas: --dry-run is an option of `hwaas import`: put it after the command, as in `hwaas import … --dry-run`. See `hwaas import --help`.\n');
  });
});
