import { describe, expect, it } from 'vitest';
import { type TableSpec, TABLES, isNullable, typeOf } from '../src/store/schema.js';
import { newStore, cli, onPostgres } from './helpers.js';
import { type ActualTable, introspect } from './support/introspect.js';

// One declaration of the schema (src/store/schema.ts); each backend's migrations are written
// in its own dialect. What a migrated store really has, on SQLite and on PostgreSQL, is held
// against the declaration: names, types, nullability, keys, references and indexes.

/** How each backend spells a declared type. */
const SPELLING = onPostgres
  ? { text: 'text', int: 'integer', bigint: 'bigint', money: 'bigint', bool: 'boolean', date: 'date', timestamp: 'text' }
  : { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', money: 'INTEGER', bool: 'INTEGER', date: 'TEXT', timestamp: 'TEXT' };

/** What the declaration says a backend's store has, in the words of support/introspect.ts. */
function expected(table: TableSpec): ActualTable {
  const columns: ActualTable['columns'] = {};
  for (const [name, declared] of Object.entries(table.columns)) {
    // SQLite lets a PRIMARY KEY of a rowid table hold NULL unless it says NOT NULL, and these
    // did not: a quirk of SQLite's, not a rule (hwaas never writes a key without a value).
    const keyQuirk =
      !onPostgres &&
      table.key.length === 1 &&
      table.key[0] === name &&
      (table.identity === name || !['settings', 'partners', 'users', 'counters', 'products', 'invoices', 'stock', 'tokens'].includes(table.name));
    columns[name] = { type: SPELLING[typeOf(declared)], notNull: keyQuirk ? false : !isNullable(declared) };
  }
  const foreignKeys = Object.entries(table.references ?? {}).map(([from, to]) => `(${from}) -> ${to}`);
  const indexes = (table.indexes ?? []).flatMap((index) => {
    const columns = index.columns.join(',');
    if (index.caseInsensitive) {
      // SQLite: a UNIQUE COLLATE NOCASE column (and an index on lower() for lookups); PostgreSQL: a unique index on lower().
      return onPostgres ? [`unique ${table.name}_by_lower_${columns} (lower(${columns}))`] : [`unique (${columns})`, `${table.name}_by_lower_${columns} (<expression>)`];
    }
    if (!index.name) return [`unique (${columns})`];
    return [`${index.unique ? 'unique ' : ''}${index.name} (${columns})`];
  });
  return { columns, primaryKey: [...table.key], foreignKeys, indexes };
}

describe('the schema of a migrated store is the declared one', async () => {
  const db = await newStore();
  const init = await cli(['--db', db, 'init']);
  const actual = init.code === 0 ? await introspect(db) : {};

  it('has exactly the declared tables', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(Object.keys(actual).sort()).toEqual(TABLES.map((t) => t.name).sort());
  });

  it.each(TABLES.map((t) => [t.name, t] as const))('%s: columns, types, nullability, key, references, indexes', (_name, table) => {
    const got = actual[table.name]!;
    const want = expected(table);
    expect(got.columns).toEqual(want.columns);
    expect(got.primaryKey).toEqual(want.primaryKey);
    expect([...got.foreignKeys].sort()).toEqual([...want.foreignKeys].sort());
    // PostgreSQL names a UNIQUE constraint's index after the table: a unique index made by CREATE UNIQUE INDEX is named in the declaration.
    const normal = (list: readonly string[]) => list.map((i) => i.replace(/^unique \w+_by_db_role \(db_role\)$/, 'unique (db_role)')).sort();
    expect(normal(got.indexes)).toEqual(normal(want.indexes));
  });

  it('lists the tables so that every reference points back (db copy writes them in this order)', () => {
    const seen = new Set<string>();
    for (const table of TABLES) {
      for (const to of Object.values(table.references ?? {})) {
        const target = to.slice(0, to.indexOf('('));
        if (target !== table.name) expect(seen.has(target), `${table.name} references ${target} before it`).toBe(true);
      }
      seen.add(table.name);
    }
  });
});
