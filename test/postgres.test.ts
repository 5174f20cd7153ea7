import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/store/postgres/schema.js';
import { BIN, cli, demoStore, newStore, onPostgres, onSqlite, rawSql, rebaseInvoices, storeFingerprint, translate, childEnv } from './helpers.js';

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

/** SQL as the store's application role (the server's), seeing `scope` ('*', a partner's ID, or nothing). */
async function asServer(url: string, scope: string | null, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const id = (await client.query("SELECT value FROM settings WHERE key = 'store_id'")).rows[0].value as string;
    await client.query(`SET ROLE hwaas_${id}_app`);
    if (scope !== null) await client.query("SELECT set_config('hwaas.scope', $1, false)", [scope]);
    await work(client);
  } finally {
    await client.end();
  }
}
const count = async (client: pg.Client, text: string, params: unknown[] = []) => Number((await client.query(text, params)).rows[0].count);

describe.skipIf(onSqlite)('a shared store on PostgreSQL', () => {
  let db: string;
  beforeAll(async () => {
    db = await demoStore();
  });
  // The store's owner (a PostgreSQL URL is the owner's), acting as the administrator.
  const run = (...args: string[]) => cli(['--db', db, '--as', 'USR-ADMIN', '--json', ...args]);

  describe("a PostgreSQL URL is the store's owner's", () => {
    it('no user has a login: init lists users, and the owner acts as anyone it names', async () => {
      const fresh = await newStore();
      const init = await cli(['--db', fresh, 'init', '--demo', '--json']);
      expect(init.code, init.stderr).toBe(0);
      for (const user of init.json().users) expect(Object.keys(user)).toEqual(['id', 'email', 'name', 'role', 'partner']);
      expect(init.json().needTokens).toBeUndefined();
      // The one role of the store that logs in is its server's (the application role, which owns nothing).
      const id = (await rawSql<{ value: string }>(fresh, "SELECT value FROM settings WHERE key = 'store_id'"))[0]!.value;
      expect((await rawSql<{ rolname: string }>(fresh, 'SELECT rolname FROM pg_roles WHERE rolname LIKE ? AND rolcanlogin', [`hwaas\\_${id}\\_%`])).map((r) => r.rolname)).toEqual([`hwaas_${id}_app`]);
      expect((await cli(['--db', fresh, '--as', 'USR-002', '--json', 'whoami'])).json().id).toBe('USR-002');
      expect((await cli(['--db', fresh, '--as', 'USR-003', '--json', 'customers', 'list'])).json().every((c: { partner: string }) => c.partner === 'PTR-003')).toBe(true);
    });

    it('a login that is not the owner cannot reach the store: one sentence, exit 1', async () => {
      const own = await newStore();
      expect((await cli(['--db', own, 'init'])).code).toBe(0);
      await sql(own, 'DROP ROLE IF EXISTS stranger; CREATE ROLE stranger LOGIN');
      for (const store of [own, db]) {
        // (A database made from a template does not inherit the template's CONNECT rights: there the stranger connects, and reads nothing.)
        const result = await cli(['--db', as(store, 'stranger'), '--json', 'customers', 'list']);
        expect(result.code).toBe(1);
        expect(error(result)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining("a PostgreSQL URL is for the store's owner") });
      }
      await expect(sql(as(own, 'stranger'), 'SELECT 1')).rejects.toThrow(/permission denied for database/);
    });

    it('holds no rule of its own: no trigger and no function re-derives what the domain decides', async () => {
      expect(await rawSql(db, "SELECT proname FROM pg_proc WHERE proname LIKE 'hwaas%'")).toEqual([]);
      expect(
        await rawSql(db, "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal"),
      ).toEqual([]);
      // What describes data stays: keys, checks, uniqueness.
      await expect(sql(db, 'UPDATE order_lines SET qty = 0 WHERE order_seq = (SELECT min(order_seq) FROM order_lines)')).resolves.toBeDefined();
      await expect(
        sql(
          db,
          "INSERT INTO rmas (seq, partner_id, pbx_id, sku, qty, reason, deliver_to, status, created_at, created_by) VALUES (1, 'PTR-001', 'PBX-1001', 'WP480G', 6, 'x', 'partner', 'requested', 'now', 'USR-001')",
        ),
      ).rejects.toThrow(/rmas_qty_check/);
    });
  });

  describe("row-level security: a second wall behind the server's own filter", () => {
    it("the server's role with a partner's scope sees and changes only that partner's rows", async () => {
      const all = async (table: string) => Number((await rawSql<{ count: string }>(db, `SELECT count(*) FROM ${table}`))[0]!.count);
      const annas = Number((await rawSql<{ count: string }>(db, "SELECT count(*) FROM customers WHERE partner_id = 'PTR-001'"))[0]!.count);
      expect(annas).toBeLessThan(await all('customers'));
      await asServer(db, 'PTR-001', async (client) => {
        expect(await count(client, 'SELECT count(*) FROM customers')).toBe(annas);
        expect((await client.query('SELECT DISTINCT partner_id FROM invoices')).rows.map((r) => r.partner_id)).toEqual(['PTR-001']);
        expect(await count(client, "SELECT count(*) FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE c.partner_id <> 'PTR-001'")).toBe(0);
        expect(await count(client, "SELECT count(*) FROM users WHERE role = 'staff'")).toBe(0);
        expect(await count(client, 'SELECT count(*) FROM partners')).toBe(1);
        expect((await client.query("UPDATE customers SET name = 'mine now' WHERE id = 'CUS-0006'")).rowCount).toBe(0);
        expect((await client.query("DELETE FROM invoices WHERE partner_id = 'PTR-002'")).rowCount).toBe(0);
        await expect(client.query("INSERT INTO customers (id, partner_id, name, search_key, created_at) VALUES ('CUS-9000', 'PTR-002', 'Planted', 'planted', 'now')")).rejects.toThrow(
          /row-level security/,
        );
      });
      expect((await rawSql(db, "SELECT name FROM customers WHERE id = 'CUS-0006'"))[0]).toEqual({ name: '=SUM Accounting Ltd' });
    });

    it("without a scope it sees nothing; with staff's it sees everything; it owns nothing and writes no setting", async () => {
      await asServer(db, null, async (client) => {
        for (const table of ['customers', 'orders', 'invoices', 'users', 'tokens', 'quotes']) expect(await count(client, `SELECT count(*) FROM ${table}`), table).toBe(0);
      });
      await asServer(db, '*', async (client) => {
        expect(await count(client, 'SELECT count(*) FROM customers')).toBe(Number((await rawSql<{ count: string }>(db, 'SELECT count(*) FROM customers'))[0]!.count));
        await expect(client.query("UPDATE settings SET value = 'x' WHERE key = 'store_id'")).rejects.toThrow(/permission denied/);
        await expect(client.query('DROP TABLE customers')).rejects.toThrow(/must be owner/);
        await expect(client.query('ALTER TABLE customers DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
        await expect(client.query('CREATE TABLE planted (x int)')).rejects.toThrow(/permission denied/);
      });
    });

    it('a transaction sets its own scope (SET LOCAL): a partner confined inside one sees its rows only', async () => {
      await asServer(db, '*', async (client) => {
        await client.query('BEGIN');
        await client.query("SELECT set_config('hwaas.scope', 'PTR-002', true)");
        expect((await client.query('SELECT DISTINCT partner_id FROM customers')).rows.map((r) => r.partner_id)).toEqual(['PTR-002']);
        await client.query('COMMIT');
        expect((await client.query('SELECT DISTINCT partner_id FROM customers ORDER BY 1')).rows.length).toBeGreaterThan(1);
      });
    });

    it("db check adds up every partner's orders, and sees a mismatch", async () => {
      const store = await demoStore();
      const partner = await cli(['--db', store, '--as', 'USR-001', '--json', 'db', 'check']);
      expect(error(partner).code).toBe('NOT_ALLOWED');
      expect((await cli(['--db', store, '--as', 'USR-101', '--json', 'db', 'check'])).json().ok).toBe(true);
      // An order reserves two DUOLED; the stock row is then made to say otherwise.
      const order = await cli(['--db', store, '--as', 'USR-001', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'DUOLED=2', '--checkout', '--yes']);
      expect(order.code, order.stderr).toBe(0);
      await rawSql(store, "UPDATE stock SET reserved = reserved + 5 WHERE sku = 'DUOLED'");
      const check = await cli(['--db', store, '--as', 'USR-101', '--json', 'db', 'check']);
      expect(error(check)).toMatchObject({ code: 'CHECK_FAILED', message: expect.stringMatching(/DUOLED has \d+ reserved, but open orders hold \d+/) });
    });
  });

  describe('schema and migrations', () => {
    it('two inits at once on a new database do not race (advisory lock): one store, once', async () => {
      const fresh = await newStore();
      const { args } = { args: ['--db', fresh, 'init', '--demo', '--json'] };
      const inits = await Promise.all(Array.from({ length: 3 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' }).on('exit', resolve))));
      expect(inits).toEqual([0, 0, 0]);
      expect((await rawSql(fresh, 'SELECT count(*) AS n FROM customers'))[0]).toEqual({ n: '14' });
      expect((await rawSql(fresh, "SELECT value FROM settings WHERE key = 'schema_version'"))[0]).toEqual({ value: String(SCHEMA_VERSION) });
    });

    it('a newer schema is refused, with the store untouched', async () => {
      const newer = await demoStore();
      await rawSql(newer, "UPDATE settings SET value = '99' WHERE key = 'schema_version'");
      const before = await storeFingerprint(newer);
      // An older hwaas does not even rebuild it: --force deletes only a store it knows.
      for (const args of [['customers', 'list'], ['init'], ['init', '--demo', '--force', '--yes']]) {
        const result = await cli(['--db', newer, '--json', ...args]);
        expect(result.code).toBe(1);
        expect(error(result).code).toBe('STORE_TOO_NEW');
      }
      expect(await storeFingerprint(newer)).toBe(before);
    });

    it('money is bigint and dates are date, no float anywhere', async () => {
      const columns = (
        await rawSql<{ data_type: string; column_name: string; table_name: string }>(db, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'")
      ).map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`);
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
      expect((await order('--as', 'USR-004', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'DUOLED=1', '--save')).code).toBe(0);
      expect((await order('--as', 'USR-101', 'orders', 'approve', 'ORD-000001')).code).toBe(0);
      expect((await cli(['--db', file, '--as', 'USR-101', 'users', 'disable', 'USR-003'])).code).toBe(0);
      const listed = (await cli(['--db', file, '--as', 'USR-101', 'orders', 'list', '--json'])).stdout;
      // (The PostgreSQL store has its owner's user besides the copied ones.)
      const people = async (db: string) => [
        (await cli(['--db', db, '--as', 'USR-101', 'partners', 'list', '--json'])).json(),
        (await cli(['--db', db, '--as', 'USR-101', 'users', 'list', '--json'])).json().filter((u: { id: string }) => u.id !== 'USR-ADMIN'),
      ];
      const before = await people(file);

      const shared = await newStore();
      const copy = await cli(['--db', file, '--as', 'USR-101', '--json', 'db', 'copy', '--to', shared]);
      expect(copy.code, copy.stderr).toBe(0);
      expect(copy.json()).toMatchObject({ backend: 'postgres', verified: true });
      expect((await cli(['--db', shared, '--as', 'USR-101', 'orders', 'list', '--json'])).stdout).toBe(listed);
      // Tiers and disabled users travel too (a copy once enabled every disabled user).
      expect((await people(shared)).map((list) => list.map(({ dbRole: _, ...rest }: Record<string, unknown>) => rest))).toEqual(
        before.map((list) => list.map(({ dbRole: _, ...rest }: Record<string, unknown>) => rest)),
      );
      expect((await cli(['--db', file, '--as', 'USR-003', 'whoami'])).code).toBe(1);
      expect((await cli(['--db', shared, 'db', 'check', '--json'])).json().ok).toBe(true);
      // No copied user has a login there; Anna sees only her orders.
      expect(await rawSql(shared, 'SELECT id FROM users WHERE db_role IS NOT NULL')).toEqual([{ id: 'USR-ADMIN' }]);
      expect((await cli(['--db', shared, '--as', 'USR-001', 'orders', 'list', '--json'])).json().map((o: { id: string }) => o.id)).toEqual(['ORD-000001']);
      // New orders continue the numbering.
      expect((await cli(['--db', shared, '--date', '2026-11-24', '--as', 'USR-001', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save'])).json().id).toBe(
        'ORD-000003',
      );

      const back = join(dir, 'back.db');
      expect((await cli(['--db', shared, '--as', 'USR-101', 'db', 'backup', back])).code).toBe(0);
      const again = (await cli(['--db', back, '--as', 'USR-101', 'orders', 'list', '--json'])).json();
      expect(again.slice(0, 2)).toEqual(JSON.parse(listed));
      expect((await cli(['--db', back, 'db', 'check', '--json'])).json().ok).toBe(true);
    });

    it('refuses a target that holds data, and a partner may not copy the store', async () => {
      const full = await run('db', 'copy', '--to', await demoStore());
      expect(error(full)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('is not new: it holds') });
      const partner = await cli(['--db', db, '--as', 'USR-001', '--json', 'db', 'copy', '--to', join(mkdtempSync(join(tmpdir(), 'hwaas-copy-')), 'x.db')]);
      expect(error(partner).code).toBe('NOT_ALLOWED');
    });

    it('a store copied into a file and back is a store of its own, with users managed as anywhere', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'hwaas-back-')), 'c1.db');
      const out = await cli(['--db', db, '--as', 'USR-ADMIN', 'db', 'copy', '--to', file]);
      expect(out.code, out.stderr).toBe(0);
      const again = await newStore();
      const back = await cli(['--db', file, '--as', 'USR-101', 'db', 'copy', '--to', again]);
      expect(back.code, back.stderr).toBe(0);
      expect(await rawSql(again, 'SELECT id FROM users WHERE db_role IS NOT NULL')).toEqual([{ id: 'USR-ADMIN' }]);
      const added = await cli(['--db', again, '--as', 'USR-ADMIN', '--json', 'users', 'add', '--role', 'staff', '--email', 'new@wildix.example', '--name', 'New']);
      expect(added.code, added.stderr).toBe(0);
      expect((await cli(['--db', again, '--as', 'USR-ADMIN', '--json', 'users', 'disable', added.json().id])).code).toBe(0);
    });
  });

  describe('two changes of one order at the same moment', () => {
    // The stock row is held by another session while both commands run, so that both
    // have read the order before either writes: the second finds it changed.
    async function race(store: string, commands: string[][]): Promise<{ code: number | null; stderr: string }[]> {
      const holder = new pg.Client({ connectionString: store });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query("SELECT * FROM stock WHERE sku = 'WP480G' FOR UPDATE");
      const runs = commands.map(
        (args) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const { args: argv, env } = translate(args);
            const child = spawn(process.execPath, [BIN, ...argv], { env: { ...childEnv(), ...env } });
            let stderr = '';
            child.stderr.on('data', (c) => (stderr += c));
            child.on('exit', (code) => resolve({ code, stderr }));
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await holder.query('COMMIT');
      await holder.end();
      return Promise.all(runs);
    }

    it('two cancellations: one cancels and releases, the other is told', async () => {
      const store = await demoStore();
      await rebaseInvoices(store); // the racing commands run on the real clock
      const order = (await cli(['--db', store, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=7', '--checkout', '--yes'])).json().id;
      const results = await race(store, [
        ['--db', store, '--json', 'orders', 'cancel', order, '--yes'],
        ['--db', store, '--json', 'orders', 'cancel', order, '--yes'],
      ]);
      expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
      expect(JSON.parse(results.find((r) => r.code === 1)!.stderr).error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('changed at the same moment') });
      expect((await cli(['--db', store, '--as', 'USR-101', '--json', 'db', 'check'])).json().ok).toBe(true);
    });

    it('a cancellation and a shipment: one of them, never both', async () => {
      const store = await demoStore();
      await rebaseInvoices(store); // the racing commands run on the real clock
      const order = (await cli(['--db', store, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes'])).json().id;
      expect((await cli(['--db', store, '--as', 'USR-101', 'orders', 'approve', order])).code).toBe(0);
      const onHand = Number((await rawSql<{ on_hand: string }>(store, "SELECT on_hand FROM stock WHERE sku = 'WP480G'"))[0]!.on_hand);
      const results = await race(store, [
        ['--db', store, '--json', 'orders', 'cancel', order, '--yes'],
        ['--db', store, '--as', 'USR-101', '--json', 'orders', 'ship', order],
      ]);
      expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
      const status = (await rawSql<{ status: string }>(store, 'SELECT status FROM orders WHERE seq = ?', [Number(order.slice(4))]))[0]!.status;
      const after = Number((await rawSql<{ on_hand: string }>(store, "SELECT on_hand FROM stock WHERE sku = 'WP480G'"))[0]!.on_hand);
      expect(after).toBe(status === 'shipped' ? onHand - 2 : onHand);
      expect((await cli(['--db', store, '--as', 'USR-101', '--json', 'db', 'check'])).json().ok).toBe(true);
    });
  });

  describe("a copy of a store's database", () => {
    it('is served as it is, and init gives it an identity (and a server role) of its own', async () => {
      const copy = await demoStore(); // CREATE DATABASE … TEMPLATE
      const before = (await rawSql<{ value: string }>(copy, "SELECT value FROM settings WHERE key = 'store_id'"))[0]!.value;
      const init = await cli(['--db', copy, 'init', '--demo', '--json']);
      expect(init.code, init.stderr).toBe(0);
      const after = (await rawSql<{ value: string }>(copy, "SELECT value FROM settings WHERE key = 'store_id'"))[0]!.value;
      expect(after).not.toBe(before);
      await asServer(copy, 'PTR-001', async (client) => {
        expect(await count(client, "SELECT count(*) FROM customers WHERE partner_id <> 'PTR-001'")).toBe(0);
      });
    });
  });

  // libfaketime (npm run test:dates) stops the timer PostgreSQL's lock_timeout waits on.
  describe.skipIf(process.env.HWAAS_MOVED_CLOCK)('a lock held elsewhere', () => {
    it('is STORE_BUSY after the lock timeout, not a hang', async () => {
      const store = await demoStore();
      const holder = new pg.Client({ connectionString: store });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
      try {
        const started = Date.now();
        const result = await cli(['--db', store, '--json', 'orders', 'list'], { env: { PGOPTIONS: '-c lock_timeout=1s' } });
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(result.code).toBe(1);
        expect(error(result).code).toBe('STORE_BUSY');
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    });
  });

  describe('an owner that is no superuser (as the README sets it up)', () => {
    it('inits, copies a store in (COPY under row-level security), serves it as the app role, and sees every row as itself', async () => {
      const name = `own_${process.pid}_${Date.now() % 100000}`;
      await sql(db, 'DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $r$hwaas_owner_t$r$) THEN CREATE ROLE hwaas_owner_t LOGIN CREATEROLE; END IF; END $$');
      await sql(db.replace(/\/[^/]+$/, '/postgres'), `CREATE DATABASE ${name} OWNER hwaas_owner_t`);
      const target = as(db.replace(/\/[^/]+$/, `/${name}`), 'hwaas_owner_t');
      expect((await cli(['--db', target, 'init'])).code).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'hwaas-owner-'));
      const file = join(dir, 'laptop.db');
      expect((await cli(['--db', file, 'init', '--demo'])).code).toBe(0);
      const copy = await cli(['--db', file, '--as', 'USR-101', '--json', 'db', 'copy', '--to', target]);
      expect(copy.code, copy.stderr).toBe(0);
      expect((await cli(['--db', target, '--json', 'customers', 'list'])).json()).toHaveLength(14);
      expect((await cli(['--db', target, '--as', 'USR-001', '--json', 'customers', 'list'])).json()).toHaveLength(6);
      // Row-level security is forced again after the copy.
      expect(await rawSql(target.replace('hwaas_owner_t@', 'postgres@'), "SELECT relname FROM pg_class WHERE relname = 'customers' AND relforcerowsecurity")).toEqual([{ relname: 'customers' }]);
      await asServer(target, 'PTR-002', async (client) => {
        expect((await client.query('SELECT DISTINCT partner_id FROM customers')).rows.map((r) => r.partner_id)).toEqual(['PTR-002']);
      });
    });
  });

  describe('init as a login that may not', () => {
    it('is one sentence (a superuser made the store; another role tries)', async () => {
      const fresh = await newStore();
      expect((await cli(['--db', fresh, 'init'])).code).toBe(0);
      await sql(fresh, 'DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $r$late_admin$r$) THEN CREATE ROLE late_admin LOGIN CREATEROLE; END IF; END $$');
      await sql(fresh, `GRANT CONNECT ON DATABASE ${fresh.replace(/.*\//, '')} TO late_admin`);
      const result = await cli(['--db', as(fresh, 'late_admin'), '--json', 'init']);
      expect(result.code).toBe(1);
      expect(error(result).code).toBe('NOT_ALLOWED');
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

// Failures node-postgres reports only in words, from servers that misbehave on purpose:
// no cluster needed, so they run once, with the SQLite half.
describe.skipIf(onPostgres)('a PostgreSQL server that misbehaves', () => {
  async function server(onConnection: (socket: Socket) => void): Promise<{ url: (query?: string) => string; close: () => Promise<void> }> {
    const listener = createServer(onConnection);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    return {
      url: (query = '') => `postgresql://someone@127.0.0.1:${port}/shop${query}`,
      close: () => new Promise((resolve) => listener.close(() => resolve())),
    };
  }
  const runAgainst = (url: string) => cli(['--db', url, '--json', 'customers', 'list']);

  it('one that closes the connection: UNREACHABLE', async () => {
    const s = await server((socket) => socket.destroy());
    try {
      const result = await runAgainst(s.url());
      expect(result.code).toBe(1);
      expect(error(result)).toMatchObject({ code: 'UNREACHABLE', message: expect.stringContaining('cannot reach the PostgreSQL server for postgresql://someone@127.0.0.1') });
    } finally {
      await s.close();
    }
  });

  it('one that never answers: UNREACHABLE after connect_timeout', async () => {
    const sockets: Socket[] = [];
    const s = await server((socket) => sockets.push(socket));
    try {
      const started = Date.now();
      const result = await runAgainst(s.url('?connect_timeout=1'));
      expect(Date.now() - started).toBeLessThan(8000);
      expect(error(result).code).toBe('UNREACHABLE');
    } finally {
      for (const socket of sockets) socket.destroy();
      await s.close();
    }
  });

  it('one without TLS, under the default sslmode (prefer): a plain connection; then it wants a password no one gave', async () => {
    // SSLRequest → "N"; then the startup message → AuthenticationSASL (SCRAM-SHA-256).
    const s = await server((socket) => {
      socket.once('data', (first: Buffer) => {
        if (first.length === 8 && first.readInt32BE(4) === 80877103) {
          socket.write('N');
          return;
        }
        const mechanism = Buffer.from('SCRAM-SHA-256\0\0');
        const message = Buffer.alloc(9);
        message.write('R', 0);
        message.writeInt32BE(8 + mechanism.length, 1);
        message.writeInt32BE(10, 5);
        socket.write(Buffer.concat([message, mechanism]));
      });
    });
    try {
      const result = await cli(['--db', s.url(), '--json', 'customers', 'list'], { env: { HOME: mkdtempSync(join(tmpdir(), 'hwaas-nopass-')) } });
      expect(result.code).toBe(1);
      expect(error(result)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('wants a password for someone') });
      // sslmode=require does not fall back.
      const required = await runAgainst(s.url('?sslmode=require'));
      expect(error(required)).toMatchObject({ code: 'UNREACHABLE', message: expect.stringContaining('does not encrypt connections') });
    } finally {
      await s.close();
    }
  });

  it('a misspelt scheme is refused, and creates nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hwaas-scheme-'));
    for (const location of ['postgress://admin@/hwaas?host=/tmp', 'pg://admin@h/db', 'postgres:/admin@h/db', 'jdbc:postgresql://h/db']) {
      const result = await cli(['--db', location, '--json', 'init'], { cwd });
      expect(result.code, location).toBe(2);
      expect(error(result)).toMatchObject({ code: 'NOT_A_STORE', message: expect.stringContaining('is neither a file path nor a postgres:// URL') });
    }
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'postgress:'))).toBe(false);
  });
});
