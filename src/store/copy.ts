import { RefusedError } from '../errors.js';
import type { Store } from '../domain/kernel/port.js';
import type { SqlDriver } from './sql/driver.js';
import { INIT_TABLES, LOCAL_SETTINGS, type ColumnKind, TABLES, type TableSpec, kindOf, moneyColumns } from './schema.js';
import { ADMIN_USER } from '../domain/parties/users.js';

/** What a backend gives `db copy`: its driver, a consistent snapshot to read in, and what it does after a copy lands. */
export interface CopyableStore extends Store {
  readonly driver: SqlDriver;
  /** Runs `read` in one consistent snapshot of the whole store (concurrent writers do not show through). */
  snapshot<T>(read: (sql: SqlDriver) => Promise<T>): Promise<T>;
  /** Inside the copy's transaction, once every row is in: identities, logins. Returns how many users it added. */
  finishCopy(sql: SqlDriver): Promise<number>;
}

export type CopyProgress = (table: string, done: number, total: number) => void;

const BATCH = 2_000;

/** A value as both backends agree on it: integers as bigint, flags as boolean, dates and text as text. */
function canonical(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'int':
      return BigInt(value as bigint | number | string);
    case 'bool':
      return value === true || value === 1n || value === 1 || value === '1' || value === 't';
    default:
      return String(value);
  }
}

/** A canonical value as one backend stores it. */
const stored = (value: unknown, kind: ColumnKind, sql: SqlDriver): unknown => (kind === 'bool' && value !== null ? sql.flag(Boolean(value)) : value);

/** Rows of a table in key order, a batch at a time (keyset pagination: no OFFSET scans). */
async function* batches(sql: SqlDriver, table: TableSpec): AsyncGenerator<Record<string, unknown>[]> {
  const columns = Object.keys(table.columns).join(', ');
  const key = table.key.join(', ');
  let after: unknown[] | null = null;
  for (;;) {
    const where = after ? ` WHERE (${key}) > (${table.key.map(() => '?').join(', ')})` : '';
    const rows: Record<string, unknown>[] = await sql.all<Record<string, unknown>>(`SELECT ${columns} FROM ${table.name}${where} ORDER BY ${key} LIMIT ${BATCH}`, after ?? []);
    if (rows.length === 0) return;
    yield rows;
    const last: Record<string, unknown> = rows[rows.length - 1]!;
    after = table.key.map((k) => last[k]);
    if (rows.length < BATCH) return;
  }
}

/** Counts, money sums and stock levels: what must be equal on both sides of a copy. */
async function summary(sql: SqlDriver): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of TABLES) {
    const filter = table.name === 'settings' ? ` WHERE key NOT IN (${[...LOCAL_SETTINGS].map(() => '?').join(', ')})` : '';
    const params = table.name === 'settings' ? [...LOCAL_SETTINGS] : [];
    out.set(`${table.name} rows`, String((await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table.name}${filter}`, params))!.n));
    for (const column of moneyColumns(table)) {
      out.set(`${table.name}.${column} sum`, String((await sql.get<{ s: unknown }>(`SELECT COALESCE(SUM(${column}), 0) AS s FROM ${table.name}`))!.s));
    }
  }
  for (const row of await sql.all<{ sku: string; on_hand: unknown; reserved: unknown }>('SELECT sku, on_hand, reserved FROM stock ORDER BY sku')) {
    out.set(`stock ${row.sku}`, `${String(row.on_hand)} on hand, ${String(row.reserved)} reserved`);
  }
  return out;
}

/** What a store holds beyond what plain `init` writes (its settings, counters and administrator), for people: "1 price book, 2 users". */
async function beyondInit(sql: SqlDriver): Promise<string[]> {
  const held: string[] = [];
  for (const table of TABLES) {
    if (INIT_TABLES.has(table.name)) continue;
    const admin = table.name === 'users' ? ' WHERE id <> ?' : '';
    const n = Number((await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table.name}${admin}`, admin ? [ADMIN_USER.id] : []))!.n);
    if (n > 0) held.push(`${n.toLocaleString('en')} ${table.noun}${n === 1 ? '' : 's'}${table.name === 'users' ? ' besides its administrator' : ''}`);
  }
  return held;
}

/**
 * Copies every row of `source` into `target` in one consistent snapshot and one
 * transaction, then checks that counts, money sums and stock levels match; a
 * difference rolls the copy back. The target holds nothing beyond what plain `init` wrote:
 * a copy replaces everything, so anything more would be lost.
 */
export async function copyStore(source: CopyableStore, target: CopyableStore, onProgress?: CopyProgress): Promise<{ rows: number }> {
  return source.snapshot(async (from) => {
    const expected = await summary(from);
    const totals = new Map<string, number>();
    for (const table of TABLES) totals.set(table.name, Number((await from.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table.name}`))!.n));
    return target.write(async () => {
      const to = target.driver;
      const held = await beyondInit(to);
      if (held.length > 0) {
        throw new RefusedError(
          'INVALID_STATE',
          `the store at ${target.info.location} is not new: it holds ${held.join(', ')}; a copy replaces everything in its target, so it goes only into a store that plain \`hwaas init\` made and nothing else wrote to. Nothing was changed.`,
        );
      }
      // What init put there (the catalog, its administrator, settings) gives way to the copy.
      for (const table of [...TABLES].reverse()) {
        if (table.name === 'settings') await to.run(`DELETE FROM settings WHERE key NOT IN (${[...LOCAL_SETTINGS].map(() => '?').join(', ')})`, [...LOCAL_SETTINGS]);
        else await to.run(`DELETE FROM ${table.name}`);
      }
      let copied = 0;
      for (const table of TABLES) {
        const names = Object.keys(table.columns);
        let done = 0;
        for await (const rows of batches(from, table)) {
          const values: unknown[][] = [];
          for (const row of rows) {
            if (table.name === 'settings' && LOCAL_SETTINGS.has(String(row.key))) continue;
            // Logins belong to a backend's cluster: the target makes its own.
            values.push(names.map((name) => (table.name === 'users' && name === 'db_role' ? null : stored(canonical(row[name], kindOf(table.columns[name]!)), kindOf(table.columns[name]!), to))));
          }
          await to.insertRows(table.name, names, values);
          done += rows.length;
          copied += rows.length;
          onProgress?.(table.name, done, totals.get(table.name) ?? done);
        }
      }
      const addedUsers = await target.finishCopy(to);
      const got = await summary(to);
      if (addedUsers > 0) got.set('users rows', String(Number(got.get('users rows')) - addedUsers));
      const differences = [...expected].filter(([what, value]) => got.get(what) !== value).map(([what, value]) => `${what}: ${value} in the source, ${got.get(what) ?? 'nothing'} in the copy`);
      if (differences.length > 0) {
        throw new RefusedError('CHECK_FAILED', `the copy does not match the source (${differences.slice(0, 5).join('; ')}); nothing was kept.`);
      }
      return { rows: copied };
    });
  });
}
