import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/store/schema.js';
import { ROOT, cli, newStore, onPostgres, rawSql, runScript } from './helpers.js';

// A store made by the released hwaas 0.4 (test/fixtures/v0.4) migrates and keeps every row;
// what 0.4 printed for its listings and orders, the migrated store prints still.
const FIXTURES = join(ROOT, 'test/fixtures/v0.4');

async function store04(): Promise<string> {
  if (onPostgres) {
    const db = await newStore();
    await runScript(db, readFileSync(join(FIXTURES, 'store.pg.sql'), 'utf8'));
    return db;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'hwaas-04-')), 'store.db');
  copyFileSync(join(FIXTURES, 'store.db'), path);
  return path;
}

/** The tables a 0.4 store has (tokens came with 0.5's server). */
const TABLES_04 = TABLES.filter((t) => t.name !== 'tokens');
const counts = async (db: string) =>
  Object.fromEntries(await Promise.all(TABLES_04.map(async (t) => [t.name, Number((await rawSql<{ n: unknown }>(db, `SELECT count(*) AS n FROM ${t.name}`))[0]!.n)] as const)));

describe('a 0.4 store', async () => {
  const db = await store04();
  const before = await counts(db).catch(() => null);
  const init = await cli(['--db', db, '--json', 'init']);

  it('migrates to the current schema and keeps every row', async () => {
    expect(init.code, init.stderr).toBe(0);
    const after = await counts(db);
    expect(after).toEqual(before);
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
