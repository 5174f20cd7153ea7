import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/store/postgres/schema.js';
import { BIN, cli, demoStore, newStore, onPostgres, onSqlite, ownDemoStore, moveInvoices, rawSql, rebaseInvoices, storeFingerprint, translate, childEnv } from './helpers.js';

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

    it("staff logins and the store's owner may act as anyone", async () => {
      expect((await run(roles['USR-101']!, 'whoami')).json().id).toBe('USR-101');
      expect((await run(roles['USR-101']!, '--as', 'USR-002', 'whoami')).json().id).toBe('USR-002');
      expect((await run('postgres', 'whoami')).json().id).toBe('USR-ADMIN');
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
    it("a partner role counts only its own rows through raw SQL, and changes none of another partner's", async () => {
      const anna = as(db, roles['USR-001']!);
      expect(Number((await sql(anna, 'SELECT count(*) FROM customers')).rows[0].count)).toBe(6);
      expect((await sql(anna, "UPDATE customers SET name = 'mine now' WHERE id = 'CUS-0006'")).rowCount).toBe(0);
      await expect(sql(anna, "DELETE FROM pbxs WHERE id = 'PBX-1007'")).rejects.toThrow(/permission denied/);
      expect((await sql(anna, 'SELECT DISTINCT partner_id FROM invoices')).rows.map((r) => r.partner_id)).toEqual(['PTR-001']);
      expect((await sql(anna, 'SELECT count(*) FROM pbxs')).rows[0].count).toBe(
        String((await rawSql(db, "SELECT p.id FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE c.partner_id = 'PTR-001'")).length),
      );
      await expect(sql(anna, "INSERT INTO customers (id, partner_id, name, search_key, created_at) VALUES ('CUS-9000', 'PTR-002', 'Planted', 'planted', 'now')")).rejects.toThrow(/row-level security/);
      await expect(sql(anna, 'UPDATE stock SET on_hand = 999')).rejects.toThrow(/permission denied/);
      await expect(sql(anna, "UPDATE invoices SET paid_on = '2026-11-24'")).rejects.toThrow(/permission denied/);
      expect((await rawSql(db, "SELECT name FROM customers WHERE id = 'CUS-0006'"))[0]).toEqual({ name: '=SUM Accounting Ltd' });
    });

    it('orders of another partner are invisible through raw SQL too', async () => {
      expect((await cli(['--db', as(db, roles['USR-004']!), 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--save'])).code).toBe(0);
      const anna = as(db, roles['USR-001']!);
      expect((await sql(anna, "SELECT count(*) FROM orders WHERE partner_id = 'PTR-004'")).rows[0].count).toBe('0');
      expect((await sql(anna, 'SELECT count(*) FROM order_lines')).rows[0].count).toBe('0');
      expect(Number((await sql(as(db, roles['USR-101']!), 'SELECT count(*) FROM orders')).rows[0].count)).toBeGreaterThan(0);
    });

    it('staff roles see everything', async () => {
      expect(Number((await sql(as(db, roles['USR-101']!), 'SELECT count(*) FROM customers')).rows[0].count)).toBe(14);
    });

    it("db check adds up every partner's orders: staff run it, and it sees another partner's mismatch", async () => {
      const store = await demoStore();
      const partner = await cli(['--db', as(store, roles['USR-001']!), '--json', 'db', 'check']);
      expect(error(partner).code).toBe('NOT_ALLOWED');
      expect((await cli(['--db', as(store, roles['USR-101']!), '--json', 'db', 'check'])).json().ok).toBe(true);
      // An order reserves two DUOLED; the stock row is then made to say otherwise.
      const order = await cli(['--db', as(store, roles['USR-001']!), 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'DUOLED=2', '--checkout', '--yes']);
      expect(order.code, order.stderr).toBe(0);
      await rawSql(store, "UPDATE stock SET reserved = reserved + 5 WHERE sku = 'DUOLED'");
      const check = await cli(['--db', as(store, roles['USR-101']!), '--json', 'db', 'check']);
      expect(error(check)).toMatchObject({ code: 'CHECK_FAILED', message: expect.stringMatching(/DUOLED has \d+ reserved, but open orders hold \d+/) });
    });
  });

  describe('roles belong to the cluster: two stores in it do not collide', () => {
    it('a second store has its own logins, and a login of one cannot reach the other', async () => {
      const other = await newStore();
      const init = await cli(['--db', other, 'init', '--demo', '--json']);
      const otherRoles = init
        .json()
        .users.map((u: { dbRole: string }) => u.dbRole)
        .filter((r: string) => r !== 'postgres');
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
      // Every copied user has a login there; Anna's sees only her orders.
      const anna = (await rawSql<{ db_role: string }>(shared, "SELECT db_role FROM users WHERE id = 'USR-001'"))[0]!.db_role;
      expect((await cli(['--db', as(shared, anna), 'orders', 'list', '--json'])).json().map((o: { id: string }) => o.id)).toEqual(['ORD-000001']);
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
      const full = await run('postgres', 'db', 'copy', '--to', await demoStore());
      expect(error(full)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('is not new: it holds') });
      const partner = await run(roles['USR-001']!, 'db', 'copy', '--to', join(mkdtempSync(join(tmpdir(), 'hwaas-copy-')), 'x.db'));
      expect(error(partner).code).toBe('NOT_ALLOWED');
    });
  });

  describe("a partner's login in psql keeps hwaas's own rules", () => {
    let store: string;
    let anna: string;
    let placed: number;
    let own: Record<string, string>;
    beforeAll(async () => {
      // A store with its own grants (a template's copy keeps a new database's defaults until init).
      store = await ownDemoStore();
      own = Object.fromEntries((await rawSql<{ id: string; db_role: string }>(store, 'SELECT id, db_role FROM users')).map((u) => [u.id, u.db_role]));
      anna = as(store, own['USR-001']!);
      const order = await cli(['--db', anna, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes']);
      expect(order.code, order.stderr).toBe(0);
      placed = Number(order.json().id.slice(4));
    });
    const draft = async () =>
      Number((await cli(['--db', anna, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=3', '--save'])).json().id.slice(4));

    it('makes no temporary table (one named like a store table would come first in a search path)', async () => {
      await expect(sql(anna, 'CREATE TEMP TABLE users (id text, role text, partner_id text, db_role text)')).rejects.toThrow(/permission denied to create temporary tables/);
      // And every function that runs as the owner searches pg_temp last.
      const definers = await rawSql<{ name: string; config: string[] | null }>(store, "SELECT proname AS name, proconfig AS config FROM pg_proc WHERE prosecdef AND proname LIKE 'hwaas%'");
      expect(definers.length).toBeGreaterThanOrEqual(10);
      for (const f of definers) expect(f.config, f.name).toContain('search_path=pg_catalog, public, pg_temp');
      // Nobody outside the store may call them; the old ones that took a login name are gone.
      expect(await rawSql(store, "SELECT proname FROM pg_proc WHERE proname LIKE 'hwaas%' AND has_function_privilege('public', oid, 'EXECUTE')")).toEqual([]);
      await expect(sql(anna, "SELECT hwaas_partner_of('x')")).rejects.toThrow(/does not exist/);
    });

    it('sets no negotiated price, and places no draft at prices of its own', async () => {
      const seq = await draft();
      await expect(sql(anna, 'UPDATE order_lines SET price_override = 1 WHERE order_seq = $1', [seq])).rejects.toThrow(/permission denied/);
      await expect(sql(anna, "INSERT INTO order_lines (order_seq, line_no, sku, name, qty, price_override) VALUES ($1, 9, 'WP480G', 'x', 1, 1)", [seq])).rejects.toThrow(/permission denied/);
      // A draft "placed" by hand: the period of its PBX, a total of €0.02.
      await sql(anna, 'UPDATE order_lines SET unit_price_minor = 1, amount_minor = 1, renewal_minor = 3, list_price_minor = 1, reserved_qty = 3 WHERE order_seq = $1', [seq]);
      const same = (await rawSql<Record<string, string>>(store, 'SELECT start_on::text AS s, end_on::text AS e, period_start::text AS p, days, period_days FROM orders WHERE seq = ?', [placed]))[0]!;
      await expect(
        sql(
          anna,
          "UPDATE orders SET status = 'placed', start_on = $2, end_on = $3, period_start = $4, days = $5, period_days = $6, total_minor = 1, renewal_total_minor = 3, placed_at = '2026-11-24T10:00:00.000Z' WHERE seq = $1",
          [seq, same.s, same.e, same.p, same.days, same.period_days],
        ),
      ).rejects.toThrow(/not priced from the price book/);
      // Checkout by hwaas prices the draft from the price book, whatever its lines said.
      const checkout = await cli(['--db', anna, '--date', '2026-11-24', '--json', 'orders', 'checkout', `ORD-${String(seq).padStart(6, '0')}`, '--yes']);
      const list = (
        await rawSql<{ amount_minor: string }>(
          store,
          "SELECT l.yearly_minor AS amount_minor FROM price_book_lines l JOIN price_books b ON b.id = l.book_id WHERE l.sku = 'WP480G' AND b.tier = 'gold' AND b.currency = 'EUR' AND b.valid_from <= '2026-11-24' ORDER BY b.valid_from DESC LIMIT 1",
        )
      )[0]!.amount_minor;
      expect(checkout.json().lines[0]).toMatchObject({ unitPrice: (Number(list) / 100).toFixed(2), qty: 3 });
    });

    it("neither approves its own order nor writes an event in staff's name", async () => {
      await expect(sql(anna, "UPDATE orders SET status = 'approved' WHERE seq = $1", [placed])).rejects.toThrow(/only Wildix staff approve and ship/);
      await expect(sql(anna, 'UPDATE orders SET total_minor = 1 WHERE seq = $1', [placed])).rejects.toThrow(/figures are fixed/);
      await expect(
        sql(anna, "INSERT INTO order_events (order_seq, at, by_user, from_status, to_status) VALUES ($1, '2026-11-24T10:00:00.000Z', 'USR-101', 'placed', 'approved')", [placed]),
      ).rejects.toThrow(/events are its own user's/);
      await expect(sql(anna, 'UPDATE order_events SET by_user = $1', ['USR-101'])).rejects.toThrow(/permission denied/);
      await expect(
        sql(
          anna,
          "INSERT INTO orders (seq, partner_id, customer_id, pbx_id, term, status, currency, created_at, created_by) VALUES (900, 'PTR-001', 'CUS-0006', 'PBX-1007', 'yearly', 'draft', 'EUR', '2026-11-24T10:00:00.000Z', 'USR-001')",
        ),
      ).rejects.toThrow(/draft of your own customer's PBX/);
    });

    it('keeps the licence and activation of a PBX with orders', async () => {
      await expect(sql(anna, "UPDATE pbxs SET activated_on = '2019-11-27' WHERE id = 'PBX-1001'")).rejects.toThrow(/keeps its customer, licence and activation/);
      expect((await sql(anna, "UPDATE pbxs SET name = 'HQ (renamed)' WHERE id = 'PBX-1001'")).rowCount).toBe(1);
    });

    it('writes no counter and no stock: numbers and reservations come from functions that keep them true', async () => {
      await expect(sql(anna, 'UPDATE counters SET value = 9223372036854775807')).rejects.toThrow(/permission denied/);
      await expect(sql(anna, "SELECT hwaas_next_id('partner')")).rejects.toThrow(/only staff number partner/);
      await expect(sql(anna, "SELECT hwaas_raise_counter('order', 'ORD-5')")).rejects.toThrow(/moves only past an ID of your own/);
      await expect(sql(anna, "SELECT hwaas_raise_counter('customer', 'CUS-999999999')")).rejects.toThrow(/moves only past an ID of your own/);
      await expect(sql(anna, 'UPDATE stock SET reserved = 1000000')).rejects.toThrow(/permission denied/);
      await sql(anna, "SELECT hwaas_sync_reserved('WP480G')");
      expect((await cli(['--db', as(store, own['USR-101']!), '--json', 'db', 'check'])).json().ok).toBe(true);
    });
  });

  describe("what a second attack found: a partner's login still keeps to hwaas's rules", () => {
    let store: string;
    let own: Record<string, string>;
    const login = (user: string) => as(store, own[user]!);
    beforeAll(async () => {
      store = await ownDemoStore();
      own = Object.fromEntries((await rawSql<{ id: string; db_role: string }>(store, 'SELECT id, db_role FROM users')).map((u) => [u.id, u.db_role]));
    });
    const draft = async (user: string, customer: string, pbx: string) =>
      Number((await cli(['--db', login(user), '--date', '2026-11-24', '--json', 'order', '--customer', customer, '--pbx', pbx, '--item', 'WP480G=3', '--save'])).json().id.slice(4));

    it("on a live store, places nothing that does not start today (by the server's clock)", async () => {
      const seq = await draft('USR-001', 'CUS-0001', 'PBX-1001');
      await rawSql(store, "UPDATE settings SET value = 'live' WHERE key = 'mode'");
      const moved = await rebaseInvoices(store);
      try {
        await expect(sql(login('USR-001'), "UPDATE orders SET status = 'placed', start_on = '2027-04-30', placed_at = $2 WHERE seq = $1", [seq, new Date().toISOString()])).rejects.toThrow(
          /a live store places orders starting today/,
        );
        // And hwaas itself, on the machine's clock, places it.
        const placed = await cli(['--db', login('USR-001'), '--json', 'orders', 'checkout', `ORD-${String(seq).padStart(6, '0')}`, '--yes'], { realClock: true });
        expect(placed.json()).toMatchObject({ status: 'placed', start: new Date().toISOString().slice(0, 10) });
      } finally {
        await rawSql(store, "UPDATE settings SET value = 'sandbox' WHERE key = 'mode'");
        await moveInvoices(store, -moved);
      }
    });

    it('keeps the checkout rules: no placement with overdue invoices, no order in another currency', async () => {
      // Lone Star (PTR-003) has an invoice 14 days overdue: hwaas refuses its checkout, and so does the database.
      const seq = await draft('USR-003', 'CUS-0009', 'PBX-1011');
      await expect(sql(login('USR-003'), "UPDATE orders SET status = 'placed', start_on = '2026-11-24', placed_at = '2026-11-24T10:00:00.000Z' WHERE seq = $1", [seq])).rejects.toThrow(
        /overdue invoices/,
      );
      await expect(
        sql(
          login('USR-001'),
          "INSERT INTO orders (seq, partner_id, customer_id, pbx_id, term, status, currency, created_at, created_by) VALUES ((SELECT hwaas_next_id('order')), 'PTR-001', 'CUS-0001', 'PBX-1001', 'yearly', 'draft', 'USD', '2026-11-24T10:00:00.000Z', 'USR-001')",
        ),
      ).rejects.toThrow(/in your currency/);
      // Nor a number of its choosing.
      await expect(
        sql(
          login('USR-001'),
          "INSERT INTO orders (seq, partner_id, customer_id, pbx_id, term, status, currency, created_at, created_by) VALUES (9007199254740993, 'PTR-001', 'CUS-0001', 'PBX-1001', 'yearly', 'draft', 'EUR', '2026-11-24T10:00:00.000Z', 'USR-001')",
        ),
      ).rejects.toThrow(/numbered and created by hwaas/);
    });

    it('revives no cancelled PBX, and stores no date hwaas cannot read', async () => {
      const cancelled = (
        await rawSql<{ id: string; partner: string }>(store, 'SELECT p.id, c.partner_id AS partner FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE p.cancelled_on IS NOT NULL LIMIT 1')
      )[0]!;
      const user = Object.keys(own).find(
        (id) => id !== 'USR-ADMIN' && (own[id] ?? '').length > 0 && ['USR-001', 'USR-002', 'USR-003', 'USR-004'][['PTR-001', 'PTR-002', 'PTR-003', 'PTR-004'].indexOf(cancelled.partner)] === id,
      )!;
      await expect(sql(login(user), 'UPDATE pbxs SET cancelled_on = NULL WHERE id = $1', [cancelled.id])).rejects.toThrow(/cancellation is Wildix staff's to change/);
      await expect(
        sql(login('USR-001'), "INSERT INTO pbxs (id, customer_id, name, type, license, activated_on) VALUES ('PBX-BC', 'CUS-0001', 'x', 'cloud', 'yearly', '4713-01-01 BC')"),
      ).rejects.toThrow(/pbxs_dates/);
    });

    it("says the same of another partner's order as of one that does not exist", async () => {
      const theirs = await draft('USR-004', 'CUS-0011', 'PBX-1015');
      const event = (seq: number) =>
        sql(login('USR-001'), "INSERT INTO order_events (order_seq, at, by_user, from_status, to_status) VALUES ($1, '2026-11-24T10:00:00.000Z', 'USR-001', 'draft', 'cancelled')", [seq]);
      const message = async (seq: number) => ((await event(seq).catch((e: Error) => e)) as Error).message;
      expect(await message(theirs)).toBe(await message(999_999));
    });

    it("gives staff no say over the store's settings or a user's login, and no login to two users", async () => {
      await expect(sql(login('USR-101'), "UPDATE settings SET value = 'x' WHERE key = 'store_id'")).rejects.toThrow(/permission denied/);
      await expect(sql(login('USR-101'), "UPDATE users SET db_role = 'postgres' WHERE id = 'USR-101'")).rejects.toThrow(/permission denied/);
      await sql(login('USR-101'), "INSERT INTO users (id, email, name, role, partner_id) VALUES ('USR 001', 'twin@wildix.example', 'Twin', 'staff', NULL)");
      // Its ID reads like USR-001's once lowered: it gets a login of its own, not Anna's.
      expect((await sql(login('USR-101'), "SELECT hwaas_create_login('USR 001') AS login")).rows[0].login).toBe(`${own['USR-001']}_2`);
      // A login does not sit in an open transaction for long.
      expect((await rawSql<{ config: string[] }>(store, 'SELECT rolconfig AS config FROM pg_roles WHERE rolname = ?', [own['USR-001']]))[0]!.config).toContain(
        'idle_in_transaction_session_timeout=60s',
      );
    });

    it('a store copied into a file and back is a store of its own, with users managed as anywhere', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'hwaas-back-')), 'c1.db');
      const out = await cli(['--db', store, '--as', 'USR-ADMIN', 'db', 'copy', '--to', file]);
      expect(out.code, out.stderr).toBe(0);
      const again = await newStore();
      const back = await cli(['--db', file, '--as', 'USR-101', 'db', 'copy', '--to', again]);
      expect(back.code, back.stderr).toBe(0);
      const added = await cli(['--db', again, '--json', 'users', 'add', '--role', 'staff', '--email', 'new@wildix.example', '--name', 'New']);
      expect(added.code, added.stderr).toBe(0);
      expect((await cli(['--db', again, '--json', 'users', 'disable', added.json().id])).code).toBe(0);
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
    it("is told apart: its logins are the original's until init gives it its own", async () => {
      const copy = await demoStore(); // CREATE DATABASE … TEMPLATE: the demo template's logins
      const refused = await cli(['--db', copy, '--as', 'USR-101', '--json', 'users', 'disable', 'USR-002']);
      expect(error(refused)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('is a copy of the store in the database') });
      const init = await cli(['--db', copy, 'init', '--demo', '--json']);
      expect(init.code, init.stderr).toBe(0);
      const own = Object.fromEntries((init.json().users as { id: string; dbRole: string }[]).map((u) => [u.id, u.dbRole]));
      expect(own['USR-001']).not.toBe(roles['USR-001']);
      // The original's login no longer reaches the copy; the copy's own does, and may be disabled there alone.
      await expect(sql(as(copy, roles['USR-001']!), 'SELECT 1')).rejects.toThrow(/permission denied for database/);
      expect((await cli(['--db', as(copy, own['USR-001']!), '--json', 'whoami'])).json().id).toBe('USR-001');
      expect((await cli(['--db', as(copy, own['USR-101']!), '--json', 'users', 'disable', 'USR-002'])).code).toBe(0);
      expect((await cli(['--db', as(db, roles['USR-002']!), '--json', 'whoami'])).json().id).toBe('USR-002');
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
