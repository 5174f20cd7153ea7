import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/store/sqlite/schema.js';
import { cli, demoStore, newStore, onPostgres } from './helpers.js';

const ANNA = 'USR-001'; // partner PTR-001 (EUR), the demo's default user
const TOM = 'USR-002'; // partner PTR-002 (GBP)
const STAFF = 'giulia.rossi@wildix.example';

let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, ...args]);

describe('init and migrations', () => {
  it('creates a store, returns the users, and is idempotent', async () => {
    // A file in folders that do not exist yet; on PostgreSQL an empty database.
    const path = onPostgres ? await newStore() : join(mkdtempSync(join(tmpdir(), 'hwaas-init-')), 'sub', 'dir', 'x.db');
    const first = await cli(['--db', path, 'init', '--demo', '--json']);
    expect(first.code).toBe(0);
    const body = first.json();
    expect(body.db).toBe(path);
    // A file has a default user; a PostgreSQL URL is the store's owner's, who works as its administrator.
    expect(body.defaultUser).toBe(onPostgres ? 'USR-ADMIN' : ANNA);
    expect(body.users.length).toBeGreaterThanOrEqual(6);
    for (const user of body.users) {
      expect(Object.keys(user)).toEqual(['id', 'email', 'name', 'role', 'partner']);
      expect(['staff', 'partner']).toContain(user.role);
    }
    const again = await cli(['--db', path, 'init', '--demo', '--json']);
    expect(again.json()).toEqual(body);
    const customers = await cli(['--db', path, '--as', STAFF, 'customers', 'list', '--json']);
    expect(customers.json()).toHaveLength(14);
  });

  it('rebuilds with --force', async () => {
    expect((await run('customers', 'add', '--name', 'Temporary AG', '--json')).code).toBe(0);
    expect((await run('--as', STAFF, 'customers', 'list', '--json')).json()).toHaveLength(15);
    expect((await run('init', '--demo', '--force', '--json')).code).toBe(2); // without a terminal, --force needs --yes
    expect((await run('init', '--demo', '--force', '--yes', '--json')).code).toBe(0);
    expect((await run('--as', STAFF, 'customers', 'list', '--json')).json()).toHaveLength(14);
  });

  it('without --demo loads the catalog and an administrator', async () => {
    const path = await newStore();
    const result = await cli(['--db', path, 'init', '--json']);
    expect(result.json().users).toEqual([{ id: 'USR-ADMIN', email: 'admin@hwaas.local', name: 'hwaas administrator', role: 'staff', partner: null }]);
    const whoami = await cli(['--db', path, 'whoami', '--json']);
    expect(whoami.json().role).toBe('staff');
  });

  it.skipIf(onPostgres)('migrates by user_version and refuses a newer store without touching it', async () => {
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    expect(Number(raw.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const result = await run('customers', 'list', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.code).toBe('STORE_TOO_NEW');
    const init = await run('init');
    expect(init.code).toBe(1);
    const after = new Database(db);
    expect(Number(after.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION + 1);
    after.close();
  });

  it.skipIf(onPostgres)('a command other than init on a missing store says to run init', async () => {
    const path = join(tmpdir(), `missing-${process.pid}.db`);
    const result = await cli(['--db', path, 'customers', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no store at ${path}: run \`hwaas init\``);
    expect(existsSync(path)).toBe(false);
  });

  it.skipIf(onPostgres)('uses WAL, foreign keys and a busy timeout', async () => {
    const { SqliteStore } = await import('../src/store/sqlite/store.js');
    const store = SqliteStore.open(db);
    expect(store.handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(Number(store.handle.pragma('foreign_keys', { simple: true }))).toBe(1);
    expect(Number(store.handle.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    expect(await store.check()).toEqual({ damage: [], problems: [] });
    await store.close();
  });
});

describe('users', () => {
  it('whoami names the acting user and honours --as and HWAAS_USER', async () => {
    expect((await run('whoami', '--json')).json()).toEqual({
      id: ANNA,
      email: 'anna.keller@alpentelecom.example',
      name: 'Anna Keller',
      role: 'partner',
      partner: 'PTR-001',
      standing: { stage: 'current', daysOverdue: 0, invoice: null },
    });
    expect((await run('--as', 'GIULIA.ROSSI@wildix.example', 'whoami', '--json')).json().role).toBe('staff');
    const env = await cli(['--db', db, 'whoami', '--json'], { env: { HWAAS_USER: TOM } });
    expect(env.json().partner).toBe('PTR-002');
    const flagWins = await cli(['--db', db, '--as', ANNA, 'whoami', '--json'], { env: { HWAAS_USER: TOM } });
    expect(flagWins.json().id).toBe(ANNA);
  });

  it('an unknown --as is a usage error', async () => {
    const result = await run('--as', 'nobody@example.com', 'whoami');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as: no user "nobody@example.com"');
  });

  it("users list: staff see everyone, a partner's user its own partner's", async () => {
    const partner = await run('users', 'list', '--json');
    expect(partner.code).toBe(0);
    expect(new Set(partner.json().map((u: { partner: string }) => u.partner))).toEqual(new Set(['PTR-001']));
    const staff = await run('--as', STAFF, 'users', 'list', '--json');
    expect(staff.json().map((u: { id: string }) => u.id)).toContain(TOM);
    expect(staff.json()[0]).toMatchObject({ disabled: false });
  });
});

describe('customers', () => {
  it("lists only the partner's own customers, sorted, with the JSON shape of docs/cli.md", async () => {
    const result = await run('customers', 'list', '--json');
    const rows = result.json();
    expect(rows.length).toBe(6);
    expect(rows.every((c: { partner: string }) => c.partner === 'PTR-001')).toBe(true);
    expect(Object.keys(rows[0])).toEqual(['id', 'name', 'partner', 'country', 'vat', 'email', 'address', 'contact']);
    expect((await run('customers', 'list', '--format', 'json')).stdout).toBe(result.stdout);
  });

  it('searches ignoring case and accents, and takes metacharacters literally', async () => {
    const lodz = await run('--as', STAFF, 'customers', 'list', '--search', 'lodz', '--json');
    expect(lodz.json().map((c: { name: string }) => c.name)).toEqual(['Łódź Telekom Sp. z o.o.']);
    const muller = await run('customers', 'list', '--search', 'MULLER', '--json');
    expect(muller.json().map((c: { id: string }) => c.id)).toEqual(['CUS-0001']);
    const greek = await run('customers', 'list', '--search', 'αθηναικη', '--json');
    expect(greek.json().map((c: { id: string }) => c.id)).toEqual(['CUS-0005']);
    expect((await run('customers', 'list', '--search', '%', '--json')).json()).toEqual([]);
    expect((await run('customers', 'add', '--name', "100% Tele_com'; DROP TABLE customers;--", '--json')).code).toBe(0);
    const literal = await run('customers', 'list', '--search', '100% tele_', '--json');
    expect(literal.json().map((c: { name: string }) => c.name)).toEqual(["100% Tele_com'; DROP TABLE customers;--"]);
    expect((await run('customers', 'list', '--search', 'l_dz', '--json')).json()).toEqual([]);
  });

  it('finds a German name with its umlauts spelt out, and by ID, VAT number or e-mail; a limit says how many there are', async () => {
    const ids = async (text: string) => (await run('customers', 'list', '--search', text, '--json')).json().map((c: { id: string }) => c.id);
    expect(await ids('schroeder kg')).toEqual(['CUS-0002']); // Bäckerei Schröder KG, by name
    expect(await ids('Baeckerei')).toEqual(['CUS-0002']);
    expect(await ids('cus-0001')).toEqual(['CUS-0001']);
    expect(await ids('de 987654321')).toEqual(['CUS-0002']);
    expect(await ids('bonjour@')).toEqual(['CUS-0014']);
    const limited = await run('customers', 'list', '--limit', '2');
    expect(limited.stderr).toContain('Showing 2 of 6');
  });

  it('limits, and refuses a bad limit', async () => {
    expect((await run('customers', 'list', '--limit', '2', '--json')).json()).toHaveLength(2);
    for (const bad of ['0', '-1', 'x', '1.5']) {
      const result = await run('customers', 'list', '--limit', bad);
      expect(result.code, bad).toBe(2);
    }
  });

  it('prints CSV with neutralised formulas and a table for people', async () => {
    const csv = await run('--as', STAFF, 'customers', 'list', '--partner', 'PTR-002', '--format', 'csv');
    // The import's columns, in its order (hwaas 0.2), so the file imports back unchanged.
    expect(csv.stdout.split('\r\n')[0]).toBe('id,name,country,vat,email,partner,address,contact');
    expect(csv.stdout).toMatch(/^CUS-0006,'=SUM Accounting Ltd,GB,.*,PTR-002,,\r$/m);
    const table = await run('customers', 'list');
    expect(table.stdout).toContain('Müller GmbH');
    expect(table.stdout).not.toMatch(/\u001b\[/);
  });

  it("shows one customer; another partner's reads exactly like an unknown ID", async () => {
    const own = await run('customers', 'show', 'CUS-0001', '--json');
    expect(own.json().pbxs.map((p: { id: string }) => p.id)).toEqual(['PBX-1001', 'PBX-1002']);
    const other = await run('customers', 'show', 'CUS-0006');
    const unknown = await run('customers', 'show', 'CUS-9999');
    expect(other.code).toBe(1);
    expect(other.stderr.replace('CUS-0006', 'ID')).toBe(unknown.stderr.replace('CUS-9999', 'ID'));
    expect(other.stdout).toBe('');
  });

  it('adds a customer to the partner of the acting partner user; staff must say --partner', async () => {
    const added = await run('customers', 'add', '--name', '  Łódź  Nowa Firma ', '--country', 'pl', '--json');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ id: 'CUS-0015', name: 'Łódź Nowa Firma', partner: 'PTR-001', country: 'PL' });
    const staff = await run('--as', STAFF, 'customers', 'add', '--name', 'Staff Co', '--no-input');
    expect(staff.code).toBe(2);
    expect(staff.stderr).toContain('--partner');
    const ok = await run('--as', STAFF, 'customers', 'add', '--name', 'Staff Co', '--partner', 'PTR-003', '--json');
    expect(ok.json().partner).toBe('PTR-003');
    const foreign = await run('customers', 'add', '--name', 'Sneaky', '--partner', 'PTR-002');
    expect(foreign.code).toBe(1);
  });

  it('refuses bad input and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['customers', 'add', '--name', '   '], /--name: the name is empty/],
      [['customers', 'add', '--name', 'x'.repeat(201)], /at most 200/],
      [['customers', 'add', '--name', 'Ok', '--country', 'Poland'], /--country/],
      [['customers', 'add', '--name', 'Ok', '--email', 'not-an-email'], /--email/],
      [['customers', 'add', '--no-input'], /missing --name/],
      [['customers', 'add'], /missing --name/],
    ];
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await run('--as', STAFF, 'customers', 'list', '--json')).json()).toHaveLength(14);
  });
});

describe('PBXs', () => {
  it('lists with the current period and expiration on --date, in the shape of docs/cli.md', async () => {
    const result = await run('--date', '2020-08-01', 'pbx', 'list', '--json');
    const pbxs = result.json();
    const hq = pbxs.find((p: { id: string }) => p.id === 'PBX-1001');
    expect(hq).toEqual({
      id: 'PBX-1001',
      name: 'Müller HQ',
      customer: 'CUS-0001',
      partner: 'PTR-001',
      type: 'cloud',
      license: 'yearly',
      activated: '2020-05-01',
      cancelledOn: null,
      periodStart: '2020-05-01',
      expiresOn: '2021-05-01',
    });
    const perpetual = pbxs.find((p: { id: string }) => p.id === 'PBX-1002');
    expect([perpetual.periodStart, perpetual.expiresOn]).toEqual([null, null]);
  });

  it('HWAAS_TODAY works like --date, and the flag wins', async () => {
    const env = await cli(['--db', db, 'pbx', 'show', 'PBX-1003', '--json'], { env: { HWAAS_TODAY: '2021-02-28' } });
    expect(env.json().expiresOn).toBe('2021-03-31');
    const flag = await cli(['--db', db, '--date', '2021-02-27', 'pbx', 'show', 'PBX-1003', '--json'], { env: { HWAAS_TODAY: '2021-02-28' } });
    expect(flag.json().expiresOn).toBe('2021-02-28');
  });

  it('--expiring-within is the renewal calendar, soonest first', async () => {
    const result = await run('--date', '2026-11-24', 'pbx', 'list', '--expiring-within', '30', '--json');
    expect(result.json().map((p: { id: string; expiresOn: string }) => `${p.id} ${p.expiresOn}`)).toEqual(['PBX-1006 2026-11-25', 'PBX-1003 2026-11-30', 'PBX-1019 2026-11-30', 'PBX-1020 2026-12-05']);
  });

  it('filters by term and customer', async () => {
    const yearly = await run('--as', STAFF, 'pbx', 'list', '--term', '1y', '--json');
    expect(yearly.json().every((p: { license: string }) => p.license === 'yearly')).toBe(true);
    const perpetual = await run('--as', STAFF, 'pbx', 'list', '--term', 'perpetual', '--json');
    expect(perpetual.json().map((p: { id: string }) => p.id)).toEqual(['PBX-1002', 'PBX-1008', 'PBX-1016']);
    expect((await run('pbx', 'list', '--customer', 'CUS-0007')).code).toBe(1);
    expect((await run('pbx', 'list', '--term', 'weekly')).code).toBe(2);
  });

  it('shows a PBX; a cancelled one has no current period', async () => {
    const ended = await run('--as', STAFF, 'pbx', 'show', 'PBX-1012', '--json');
    expect(ended.json()).toMatchObject({ cancelledOn: '2024-07-01', periodStart: null, expiresOn: null, services: [] });
    const text = await run('--date', '2020-08-01', 'pbx', 'show', 'PBX-1001');
    expect(text.stdout).toContain('Everything ordered for this PBX now ends with it on 2021-05-01.');
  });

  it('adds a PBX and refuses bad input', async () => {
    const added = await run('pbx', 'add', '--customer', 'CUS-0002', '--name', 'Neu', '--type', 'cloud', '--license', '5y', '--activated', '2026-11-24', '--json');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ id: 'PBX-1023', license: 'five-year', periodStart: '2026-11-24', expiresOn: '2031-11-24' });
    const base = ['pbx', 'add', '--customer', 'CUS-0002', '--name', 'X', '--type', 'cloud'];
    const bad: [string[], number, RegExp][] = [
      [[...base, '--license', 'weekly', '--activated', '2026-01-01'], 2, /--license/],
      [[...base, '--license', 'yearly', '--activated', '2026-02-30'], 2, /--activated: "2026-02-30" is not a calendar date/],
      [[...base, '--license', 'yearly', '--activated', '2026-11-25'], 2, /after today/],
      [[...base, '--license', 'yearly'], 2, /missing --activated/],
      [['pbx', 'add', '--customer', 'CUS-0006', '--name', 'X', '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01'], 1, /customer CUS-0006 not found/],
      [[...base.slice(0, 6), '--type', 'fridge', '--license', 'yearly', '--activated', '2026-01-01'], 2, /fridge/],
    ];
    for (const [args, code, message] of bad) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(message);
    }
    expect((await run('pbx', 'list', '--customer', 'CUS-0002', '--json')).json()).toHaveLength(3);
  });
});

describe('partner isolation', () => {
  // Every command that takes an ID: another partner's ID must read like one that does not exist.
  const foreign: [string, string[]][] = [
    ['customers show', ['customers', 'show', 'CUS-0006']],
    ['pbx show', ['pbx', 'show', 'PBX-1007']],
    ['pbx list --customer', ['pbx', 'list', '--customer', 'CUS-0006']],
    ['customers list --partner', ['customers', 'list', '--partner', 'PTR-002']],
    ['pbx add --customer', ['pbx', 'add', '--customer', 'CUS-0006', '--name', 'X', '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01']],
    ['quote --pbx', ['quote', '--pbx', 'PBX-1007', '--item', 'WP480G=1']],
  ];
  it.each(foreign)('%s', async (_name, args) => {
    const result = await run('--json', ...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr).error;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).not.toMatch(/SUM|Thames|PTR-002 has/);
  });
});

describe('the CLI core', () => {
  it('maps unknown flags and commands to exit 2 with one sentence', async () => {
    const flag = await run('customers', 'list', '--colour');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^hwaas: Unknown option '--colour'/);
    const command = await run('custmers');
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('customers');
    const json = await run('--json', 'pbx', 'list', '--bogus');
    expect(JSON.parse(json.stderr).error.code).toBe('USAGE');
    expect(json.stdout).toBe('');
  });

  it('rejects a bad --date', async () => {
    for (const bad of ['2021-02-30', '2021-2-3', '20210203']) {
      const result = await run('--date', bad, 'pbx', 'list');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--date: "${bad}" is not a calendar date`);
    }
  });

  it('has help with examples everywhere, and help topics', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hwaas help exit-codes');
    const env = await cli(['help', 'environment']);
    expect(env.stdout).toContain('HWAAS_TODAY');
    const codes = await cli(['help', 'exit-codes']);
    expect(codes.stdout).toContain('TERM_MISMATCH');
    for (const command of [['customers', 'list'], ['pbx', 'add'], ['quote'], ['init']]) {
      const result = await cli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
    }
    expect((await cli(['help', 'nonsense'])).code).toBe(2);
  });

  it('colours tables only on a terminal without NO_COLOR or --no-color', async () => {
    const tty = await cli(['--db', db, 'customers', 'list'], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await cli(['--db', db, 'customers', 'list'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = await cli(['--db', db, '--no-color', 'customers', 'list'], { tty: true });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints completion scripts that ask hwaas itself (test/completion.test.ts drives them in each shell)', async () => {
    expect((await cli(['completion', 'bash'])).stdout).toContain('complete -F _hwaas_complete hwaas');
    expect((await cli(['completion', 'fish'])).stdout).toContain("complete -c hwaas -f -a '(__hwaas_complete)'");
    expect((await cli(['completion', 'zsh'])).stdout).toContain('#compdef hwaas');
    expect((await cli(['completion', 'tcsh'])).code).toBe(2);
    // The protocol: candidates, then a directive; never an error.
    expect((await cli(['__complete', 'pricelist', '--format', ''])).stdout).toBe('pdf\nxlsx\ncsv\njson\n:none\n');
    expect((await cli(['__complete', 'pricelist', '--out', ''])).stdout).toBe(':file\n');
    expect((await cli(['__complete', 'no', 'such', 'words', '--'])).code).toBe(0);
  });

  it('db check and db backup', async () => {
    expect((await run('--as', 'USR-101', 'db', 'check', '--json')).json().ok).toBe(true);
    const target = join(mkdtempSync(join(tmpdir(), 'hwaas-backup-')), 'copy.db');
    // A backup is of the whole store: on PostgreSQL staff make it (a partner's login sees only its own rows).
    expect((await run('--as', STAFF, 'db', 'backup', target)).code).toBe(0);
    expect((await run('--as', STAFF, 'db', 'backup', target)).code).toBe(1);
    const copy = await cli(['--db', target, '--as', STAFF, 'customers', 'list', '--json']);
    expect(copy.json()).toHaveLength(14);
    const nowhere = await run('--as', STAFF, 'db', 'backup', join(tmpdir(), `missing-${process.pid}`, 'copy.db'));
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('check that the folder exists');
  });
});

describe('usage errors point somewhere useful', () => {
  const usage = async (...args: string[]) => {
    const result = await cli(['--db', await demoStore(), ...args]);
    expect(result.code).toBe(2);
    return result.stderr.trim();
  };
  it('a group named without its plural, a flag prefix, the command whose help to read', async () => {
    expect(await usage('order', 'list')).toBe('hwaas: `hwaas order list` is not a command: did you mean `hwaas orders list`? See `hwaas orders --help`.');
    expect(await usage('customer', 'list')).toContain('did you mean `hwaas customers list`?');
    expect(await usage('pbx', 'list', '--expiring', '30')).toBe("hwaas: Unknown option '--expiring': did you mean --expiring-within? See `hwaas pbx list --help`.");
    expect(await usage('pbx', 'list', '--bogus')).toBe("hwaas: Unknown option '--bogus'. See `hwaas pbx list --help`.");
    expect(await usage('orders', 'show')).toContain('See `hwaas orders show --help`.');
    const topic = await usage('help', 'bogus');
    expect(topic).not.toContain('See `hwaas help`');
  });
  it("a group's help ends with examples", async () => {
    const help = await cli(['pbx', '--help']);
    expect(help.stdout).toMatch(/Examples:\n {2}\$ hwaas pbx list/);
  });
});
