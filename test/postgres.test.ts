import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, newStore, onSqlite, rawSql, storeFingerprint } from './helpers.js';

// What only a shared store has: logins, row-level security, roles in a cluster, a
// server that may be away. The rest of the suite runs on both backends.
const sql = async (url: string, text: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
};
const as = (url: string, role: string) => url.replace(/^postgresql:\/\/[^@]+@/, `postgresql://${role}@`);
const error = (result: { stderr: string }) => JSON.parse(result.stderr).error;

describe.skipIf(onSqlite)('a shared store on PostgreSQL', () => {
  let db: string;
  let roles: Record<string, string>;
  beforeAll(async () => {
    db = await demoStore();
    const users = await rawSql<{ id: string; db_role: string }>(db, 'SELECT id, db_role FROM users');
    roles = Object.fromEntries(users.map((u) => [u.id, u.db_role]));
  });
  // These connect as a login by hand (the owner: as the administrator it acts as).
  const run = (login: string, ...args: string[]) => cli(login === 'postgres' ? ['--db', db, '--as', 'USR-ADMIN', '--json', ...args] : ['--db', as(db, login), '--json', ...args]);

  describe('who you are comes from the database login', () => {
    it('each demo user is a login role, and init says which', async () => {
      const fresh = await newStore();
      const init = await cli(['--db', fresh, 'init', '--demo', '--json']);
      const users = init.json().users as { id: string; dbRole: string }[];
      expect(users.find((u) => u.id === 'USR-ADMIN')!.dbRole).toBe('postgres');
      for (const user of users.filter((u) => u.id !== 'USR-ADMIN')) expect(user.dbRole).toMatch(new RegExp(`^hwaas_[0-9a-f]{8}_${user.id.toLowerCase().replace('-', '_')}$`));
      expect((await sql(fresh, 'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [users[0]!.dbRole])).rows[0].rolcanlogin).toBe(true);
    });

    it('a partner login acts as its user, and only as itself', async () => {
      expect((await run(roles['USR-001']!, 'whoami')).json().id).toBe('USR-001');
      expect((await run(roles['USR-001']!, '--as', 'anna.keller@alpentelecom.example', 'whoami')).json().id).toBe('USR-001');
      const other = await run(roles['USR-001']!, '--as', 'USR-002', 'whoami');
      expect(other.code).toBe(1);
      expect(error(other)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('only Wildix staff may act as someone else') });
      const env = await cli(['--db', as(db, roles['USR-001']!), '--json', 'whoami'], { env: { HWAAS_USER: 'USR-101' } });
      expect(error(env).code).toBe('NOT_ALLOWED');
    });

    it('staff logins and the store\'s owner may act as anyone', async () => {
      expect((await run(roles['USR-101']!, 'whoami')).json().id).toBe('USR-101');
      expect((await run(roles['USR-101']!, '--as', 'USR-002', 'whoami')).json().id).toBe('USR-002');
      expect((await run('postgres', 'whoami')).json().id).toBe('USR-ADMIN');
      const owner = await sql(db, 'SELECT 1'); // the suite's owner URL, without --as: the administrator
      expect(owner.rowCount).toBe(1);
      expect((await cli(['--db', as(db, roles['USR-101']!), '--as', 'USR-003', '--json', 'customers', 'list'])).json().every((c: { partner: string }) => c.partner === 'PTR-003')).toBe(true);
    });

    it('a login that is no user of the store is refused', async () => {
      await sql(db, 'CREATE ROLE stranger LOGIN');
      const result = await run('stranger', 'customers', 'list');
      expect(result.code).toBe(1);
      expect(error(result).code).toMatch(/NOT_ALLOWED/);
    });
  });

  describe('isolation enforced by the database itself (row-level security)', () => {
    it('a partner role counts only its own rows through raw SQL, and changes none of another partner\'s', async () => {
      const anna = as(db, roles['USR-001']!);
      expect(Number((await sql(anna, 'SELECT count(*) FROM customers')).rows[0].count)).toBe(6);
      expect((await sql(anna, "UPDATE customers SET name = 'mine now' WHERE id = 'CUS-0006'")).rowCount).toBe(0);
      await expect(sql(anna, "DELETE FROM pbxs WHERE id = 'PBX-1007'")).rejects.toThrow(/permission denied/);
      expect((await sql(anna, "SELECT DISTINCT partner_id FROM invoices")).rows.map((r) => r.partner_id)).toEqual(['PTR-001']);
      expect((await sql(anna, 'SELECT count(*) FROM pbxs')).rows[0].count).toBe(String((await rawSql(db, "SELECT p.id FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE c.partner_id = 'PTR-001'")).length));
      await expect(sql(anna, "INSERT INTO customers (id, partner_id, name, search_key, created_at) VALUES ('CUS-9000', 'PTR-002', 'Planted', 'planted', 'now')")).rejects.toThrow(/row-level security/);
      await expect(sql(anna, 'UPDATE stock SET on_hand = 999')).rejects.toThrow(/permission denied/);
      await expect(sql(anna, "UPDATE invoices SET paid_on = '2026-11-24'")).rejects.toThrow(/permission denied/);
      expect((await rawSql(db, "SELECT name FROM customers WHERE id = 'CUS-0006'"))[0]).toEqual({ name: '=SUM Accounting Ltd' });
    });

    it('orders of another partner are invisible through raw SQL too', async () => {
      expect((await cli(['--db', as(db, roles['USR-002']!), 'order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=1', '--save'])).code).toBe(0);
      const anna = as(db, roles['USR-001']!);
      expect((await sql(anna, "SELECT count(*) FROM orders WHERE partner_id = 'PTR-002'")).rows[0].count).toBe('0');
      expect((await sql(anna, 'SELECT count(*) FROM order_lines')).rows[0].count).toBe('0');
      expect(Number((await sql(as(db, roles['USR-101']!), 'SELECT count(*) FROM orders')).rows[0].count)).toBeGreaterThan(0);
    });

    it('staff roles see everything', async () => {
      expect(Number((await sql(as(db, roles['USR-101']!), 'SELECT count(*) FROM customers')).rows[0].count)).toBe(14);
    });

    it('db check adds up the whole store, even run by a partner', async () => {
      expect((await run(roles['USR-001']!, 'db', 'check')).json().ok).toBe(true);
    });
  });

  describe('roles belong to the cluster: two stores in it do not collide', () => {
    it('a second store has its own logins, and a login of one cannot reach the other', async () => {
      const other = await newStore();
      const init = await cli(['--db', other, 'init', '--demo', '--json']);
      const otherRoles = init.json().users.map((u: { dbRole: string }) => u.dbRole).filter((r: string) => r !== 'postgres');
      for (const role of otherRoles) expect(Object.values(roles)).not.toContain(role);
      // Anna of the first store cannot even connect to the second.
      const result = await cli(['--db', as(other, roles['USR-001']!), '--json', 'customers', 'list']);
      expect(result.code).toBe(1);
      expect(error(result).code).toBe('NOT_ALLOWED');
      await expect(sql(as(other, roles['USR-001']!), 'SELECT 1')).rejects.toThrow(/permission denied for database/);
    });
  });

  describe('schema and migrations', () => {
    it('two inits at once on a new database do not race (advisory lock): one store, once', async () => {
      const fresh = await newStore();
      const { args } = { args: ['--db', fresh, 'init', '--demo', '--json'] };
      const inits = await Promise.all(
        Array.from({ length: 3 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' }).on('exit', resolve))),
      );
      expect(inits).toEqual([0, 0, 0]);
      expect((await rawSql(fresh, 'SELECT count(*) AS n FROM customers'))[0]).toEqual({ n: '14' });
      expect((await rawSql(fresh, "SELECT value FROM settings WHERE key = 'schema_version'"))[0]).toEqual({ value: '1' });
    });

    it('a newer schema is refused, with the store untouched', async () => {
      const newer = await demoStore();
      await rawSql(newer, "UPDATE settings SET value = '99' WHERE key = 'schema_version'");
      const before = await storeFingerprint(newer);
      for (const args of [['customers', 'list'], ['init']]) {
        const result = await cli(['--db', newer, '--json', ...args]);
        expect(result.code).toBe(1);
        expect(error(result).code).toBe('STORE_TOO_NEW');
      }
      expect(await storeFingerprint(newer)).toBe(before);
    });

    it('money is bigint and dates are date, no float anywhere', async () => {
      const columns = (await rawSql<{ data_type: string; column_name: string; table_name: string }>(
        db,
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'",
      )).map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`);
      expect(columns.filter((c) => /_minor /.test(c) && !c.endsWith(' bigint'))).toEqual([]);
      expect(columns.filter((c) => /_on |period_start /.test(c) && !c.endsWith(' date'))).toEqual([]);
      expect(columns.filter((c) => /real|double|numeric/.test(c))).toEqual([]);
    });
  });

  describe('db copy and db backup', () => {
    it('SQLite → PostgreSQL → SQLite round-trips the demo store with identical orders list --json', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hwaas-copy-'));
      const file = join(dir, 'laptop.db');
      expect((await cli(['--db', file, 'init', '--demo'])).code).toBe(0);
      const order = (...args: string[]) => cli(['--db', file, '--date', '2026-11-24', ...args]);
      expect((await order('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=3', '--item', 'MONOLED=2', '--checkout', '--yes')).code).toBe(0);
      expect((await order('--as', 'USR-002', 'order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'DUOLED=1', '--save')).code).toBe(0);
      expect((await order('--as', 'USR-101', 'orders', 'approve', 'ORD-000001')).code).toBe(0);
      const listed = (await cli(['--db', file, '--as', 'USR-101', 'orders', 'list', '--json'])).stdout;

      const shared = await newStore();
      const copy = await cli(['--db', file, '--as', 'USR-101', '--json', 'db', 'copy', '--to', shared]);
      expect(copy.code, copy.stderr).toBe(0);
      expect(copy.json()).toMatchObject({ backend: 'postgres', verified: true });
      expect((await cli(['--db', shared, '--as', 'USR-101', 'orders', 'list', '--json'])).stdout).toBe(listed);
      expect((await cli(['--db', shared, 'db', 'check', '--json'])).json().ok).toBe(true);
      // Every copied user has a login there; Anna's sees only her orders.
      const anna = (await rawSql<{ db_role: string }>(shared, "SELECT db_role FROM users WHERE id = 'USR-001'"))[0]!.db_role;
      expect((await cli(['--db', as(shared, anna), 'orders', 'list', '--json'])).json().map((o: { id: string }) => o.id)).toEqual(['ORD-000001']);
      // New orders continue the numbering.
      expect((await cli(['--db', shared, '--date', '2026-11-24', '--as', 'USR-001', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save'])).json().id).toBe('ORD-000003');

      const back = join(dir, 'back.db');
      expect((await cli(['--db', shared, '--as', 'USR-101', 'db', 'backup', back])).code).toBe(0);
      const again = (await cli(['--db', back, '--as', 'USR-101', 'orders', 'list', '--json'])).json();
      expect(again.slice(0, 2)).toEqual(JSON.parse(listed));
      expect((await cli(['--db', back, 'db', 'check', '--json'])).json().ok).toBe(true);
    });

    it('refuses a target that holds data, and a partner may not copy the store', async () => {
      const copy = await cli(['--db', db, '--json', 'db', 'copy', '--to', await demoStore()]);
      expect(copy.code).toBe(1);
      const full = await run('postgres', 'db', 'copy', '--to', await demoStore());
      expect(error(full)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('is not empty') });
      const partner = await run(roles['USR-001']!, 'db', 'copy', '--to', join(mkdtempSync(join(tmpdir(), 'hwaas-copy-')), 'x.db'));
      expect(error(partner).code).toBe('NOT_ALLOWED');
    });
  });

  describe('the server failing is not a bug', () => {
    it.each([
      ['a server that is not there', () => 'postgresql://postgres@%2Ftmp%2Fno-such-socket-dir/x', 1, 'UNREACHABLE', 'cannot reach the PostgreSQL server'],
      ['a database that does not exist', () => db.replace(/\/[^/]+$/, '/no_such_database'), 1, 'NO_STORE', 'there is no database'],
      ['a login that does not exist', () => as(db, 'nobody_at_all'), 1, 'NOT_ALLOWED', 'refused the login'],
      ['a URL without a database', () => db.replace(/\/[^/]+$/, '/'), 2, 'NOT_A_STORE', 'names no database'],
    ])('%s: one sentence, no stack', async (_name, url, code, errorCode, message) => {
      const result = await cli(['--db', url(), '--json', 'customers', 'list']);
      expect(result.code).toBe(code);
      expect(error(result)).toMatchObject({ code: errorCode, message: expect.stringContaining(message) });
    });

    it('a password in the URL is never shown', async () => {
      const result = await cli(['--db', 'postgresql://someone:s3cret@%2Ftmp%2Fno-such-socket-dir/x', 'db', 'info']);
      expect(result.stderr).not.toContain('s3cret');
    });
  });
});
