import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/store/sql/tables.js';
import { demoStore, onPostgres, rawSql } from './helpers.js';

/** `db copy` copies the columns TABLES names: a column added to a schema and not there is silently lost in a copy. */
describe('db copy knows the whole schema', () => {
  it('every table and every column of the store is one that db copy copies', async () => {
    const db = await demoStore();
    const tables = onPostgres
      ? (await rawSql<{ name: string }>(db, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).map((r) => r.name)
      : (await rawSql<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((r) => r.name);
    expect(tables.sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const table of TABLES) {
      const columns = onPostgres
        ? (await rawSql<{ name: string }>(db, "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?", [table.name])).map((r) => r.name)
        : (await rawSql<{ name: string }>(db, `SELECT name FROM pragma_table_info('${table.name}')`)).map((r) => r.name);
      expect(columns.sort(), table.name).toEqual(Object.keys(table.columns).sort());
    }
  });
});
