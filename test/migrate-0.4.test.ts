import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/store/schema.js';
import { ROOT, cli, newStore, onPostgres, rawSql, runScript } from './helpers.js';

// A store made by the released hwaas 0.4 (test/fixtures/v0.4) migrates and keeps every row;
// what 0.4 printed for its listings and orders, the migrated store prints still.
const FIXTURES = join(ROOT, 'test/fixtures/v0.4');

/** hwaas 0.4's logins on a shared store: a group role each for staff and partners, and a login per user in its group. */
const LOGINS_04 = `
  UPDATE settings SET value = current_database() WHERE key = 'database';
  DO $$
  DECLARE store text := (SELECT value FROM settings WHERE key = 'store_id'); u record;
  BEGIN
    EXECUTE format('DROP ROLE IF EXISTS %I, %I', 'hwaas_' || store || '_staff', 'hwaas_' || store || '_partner');
    EXECUTE format('CREATE ROLE %I NOLOGIN', 'hwaas_' || store || '_staff');
    EXECUTE format('CREATE ROLE %I NOLOGIN', 'hwaas_' || store || '_partner');
    FOR u IN SELECT role, db_role FROM users WHERE db_role LIKE 'hwaas\\_%' LOOP
      EXECUTE format('DROP ROLE IF EXISTS %I', u.db_role);
      EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', u.db_role, 'hwaas_' || store || '_' || u.role);
    END LOOP;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), 'hwaas_' || store || '_staff', 'hwaas_' || store || '_partner');
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I, %I', 'hwaas_' || store || '_staff', 'hwaas_' || store || '_partner');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO %I', 'hwaas_' || store || '_staff');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON customers, orders, order_lines, cancellations TO %I', 'hwaas_' || store || '_partner');
  END $$;
`;

async function store04(): Promise<string> {
  if (onPostgres) {
    const db = await newStore();
    await runScript(db, readFileSync(join(FIXTURES, 'store.pg.sql'), 'utf8'));
    await runScript(db, LOGINS_04);
    return db;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'hwaas-04-')), 'store.db');
  copyFileSync(join(FIXTURES, 'store.db'), path);
  return path;
}

/** The tables a 0.4 store has (tokens came with 0.5's server, events with 0.6's corrections). */
const TABLES_04 = TABLES.filter((t) => t.name !== 'tokens' && t.name !== 'events');
const counts = async (db: string) =>
  Object.fromEntries(await Promise.all(TABLES_04.map(async (t) => [t.name, Number((await rawSql<{ n: unknown }>(db, `SELECT count(*) AS n FROM ${t.name}`))[0]!.n)] as const)));

describe('a 0.4 store', async () => {
  const db = await store04();
  const before = await counts(db).catch(() => null);
  const init = await cli(['--db', db, '--json', 'init']);

  it('migrates to the current schema and keeps every row', async () => {
    expect(init.code, init.stderr).toBe(0);
    const after = await counts(db);
    // A shared store gains one setting: the password its server's role logs in with.
    expect(after).toEqual(onPostgres && before ? { ...before, settings: before.settings! + 1 } : before);
  });

  it.each(readdirSync(join(FIXTURES, 'json')).map((file) => [file.replace(/\.json$/, '').replace(/_/g, ' '), file] as const))('prints what 0.4 printed for %s', async (_name, file) => {
    const [user, ...args] = file.replace(/\.json$/, '').split('_');
    const now = await cli(['--db', db, '--date', '2026-11-24', '--as', user!, '--json', ...args]);
    expect(now.code, now.stderr).toBe(0);
    // The logins of a shared store are its own, and a field may have been added since: what 0.4 said is still said.
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) => (key === 'dbRole' ? undefined : v)));
    // (A store copied into PostgreSQL has its owner's user besides the copied ones, since 0.4.)
    const got = file.includes('users_list') ? now.json().filter((u: { id: string }) => u.id !== 'USR-ADMIN') : now.json();
    expect(strip(got)).toMatchObject(strip(JSON.parse(readFileSync(join(FIXTURES, 'json', file), 'utf8'))) as object);
  });
});

describe.skipIf(!onPostgres)("a 0.4 store's database logins", () => {
  let db: string;
  let logins: { id: string; db_role: string; disabled_at: string | null }[];
  let init: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    db = await store04();
    logins = await rawSql(db, "SELECT id, db_role, disabled_at FROM users WHERE db_role LIKE 'hwaas\\_%' ORDER BY id");
    init = await cli(['--db', db, '--json', 'init']);
  });

  it('are gone, and init names the users who now need a token', async () => {
    expect(init.code, init.stderr).toBe(0);
    expect([...init.json().needTokens].sort()).toEqual(logins.filter((u) => u.disabled_at === null).map((u) => u.id));
    expect(await rawSql(db, 'SELECT id FROM users WHERE db_role IS NOT NULL')).toEqual([{ id: 'USR-ADMIN' }]);
    // Their roles, and the groups that gave them rights, are dropped; nothing of 0.4's remains.
    const names = logins.map((u) => u.db_role);
    expect(await rawSql(db, 'SELECT rolname FROM pg_roles WHERE rolname = ANY(?::text[]) OR rolname ~ ?', [names, '^hwaas_[0-9a-f]{8}_(staff|partner)$'])).toEqual([]);
    expect(await rawSql(db, "SELECT proname FROM pg_proc WHERE proname LIKE 'hwaas%'")).toEqual([]);
  });

  it('a 0.4 login connects no more: one sentence, exit 1', async () => {
    const url = db.replace(/^postgresql:\/\/[^@]+@/, `postgresql://${logins[0]!.db_role}@`);
    const result = await cli(['--db', url, '--json', 'customers', 'list']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.code).toMatch(/NOT_ALLOWED/);
  });

  it('says so in words, and a second init has nothing more to say', async () => {
    const fresh = await store04();
    const text = await cli(['--db', fresh, 'init']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /The users' database logins are gone: users reach this store through `hwaas serve` with a token now\. Give each of these one \(`hwaas users token create ID`\): (USR-\d+, )+USR-\d+\.$/m,
    );
    expect(text.stdout).toContain('USR-001');
    expect(text.stdout).not.toMatch(/create ID`\): .*USR-003/);
    expect((await cli(['--db', fresh, '--json', 'init'])).json().needTokens).toBeUndefined();
  });
});
