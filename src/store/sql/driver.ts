import { type CalendarDate, formatDate, tryParseDate } from '../../terms/dates.js';
import { type Scope, scopedPartner } from '../../domain/kernel/model.js';
import { RefusedError } from '../../errors.js';

/**
 * What the shared repositories need from a database: run a statement with `?`
 * placeholders, and the few things the databases do differently, each a named
 * capability (the repositories never ask which database it is). SQLite and PostgreSQL
 * each implement it; the SQL is written once.
 */
export interface SqlDriver {
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  get<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** The number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** A flag as the database stores it (0 or 1 in SQLite, a boolean in PostgreSQL). */
  flag(value: boolean): unknown;
  /**
   * What a SELECT ends with to hold its rows until the transaction ends (` FOR UPDATE`
   * where rows are locked one by one); empty where a write transaction holds the whole store.
   */
  readonly forUpdate: string;
  /** A counter's next number, in the caller's transaction (rolled back with it: numbers never skip); a counter that `create`s starts at 0. */
  nextNumber(counter: string, create?: boolean): Promise<number>;
  /** Moves a counter to `n` if it is below (an ID given explicitly, `id`, which exists). */
  raiseCounter(counter: string, n: number, id: string): Promise<void>;
  /** Adds `qty` to a SKU's reservation (negative to release); a stock row is made if there is none. */
  adjustReserved(sku: string, qty: number): Promise<void>;
  /** Many rows into one table, as fast as the database takes them (a copy of a whole store): multi-row INSERTs, or COPY. */
  insertRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
}

/** The capabilities as portable SQL does them, for a driver whose writes hold the whole store. */
export const portable = {
  async nextNumber(sql: Pick<SqlDriver, 'get' | 'run'>, counter: string, create = false): Promise<number> {
    if (create) await sql.run('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING', [counter]);
    const row = await sql.get<{ value: unknown }>('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value', [counter]);
    if (!row || row.value === null) throw new Error(`no counter ${counter}`);
    return Number(row.value);
  },
  async raiseCounter(sql: Pick<SqlDriver, 'run'>, counter: string, n: number): Promise<void> {
    await sql.run('UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = ?', [n, n, counter]);
  },
  /** As many rows per INSERT as the statement's parameters allow. */
  async insertRows(sql: Pick<SqlDriver, 'run'>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`, chunk.flat());
    }
  },
  async adjustReserved(sql: Pick<SqlDriver, 'run'>, sku: string, qty: number): Promise<void> {
    // An upsert would check the new row's CHECK (reserved >= 0) before resolving the conflict: update first.
    if ((await sql.run('UPDATE stock SET reserved = reserved + ? WHERE sku = ?', [qty, sku])) === 0) {
      await sql.run('INSERT INTO stock (sku, reserved) VALUES (?, ?)', [sku, qty]);
    }
  },
};

/**
 * The partner filter of a scope, for a column: the one place where rows are limited
 * to the acting partner (`null`: staff see everything). Every repository that reads
 * partner-owned rows builds its WHERE from this.
 */
export function partnerClause(scope: Scope, column: string): { sql: string; params: unknown[] } | null {
  const partner = scopedPartner(scope);
  return partner === null ? null : { sql: `${column} = ?`, params: [partner] };
}

/** Builds `WHERE a AND b` from the clauses that apply; an empty string when none does. */
export function where(...clauses: ({ sql: string; params: unknown[] } | null | false | undefined)[]): { sql: string; params: unknown[] } {
  const present = clauses.filter((c): c is { sql: string; params: unknown[] } => Boolean(c));
  return { sql: present.length ? ` WHERE ${present.map((c) => c.sql).join(' AND ')}` : '', params: present.flatMap((c) => c.params) };
}

export const clause = (sql: string, ...params: unknown[]) => ({ sql, params });

// Values come back as each driver gives them (bigint or number for integers, 0/1 or
// boolean for flags, text for dates): these read them all exactly.
export const int = (value: unknown): number => Number(value);
export const money = (value: unknown): bigint => BigInt(value as bigint | number | string);
export const optionalMoney = (value: unknown): bigint | null => (value === null || value === undefined ? null : money(value));
export const optionalInt = (value: unknown): number | null => (value === null || value === undefined ? null : int(value));
export const flag = (value: unknown): boolean => value === true || value === 1n || value === 1 || value === '1';

/** Dates are stored as `YYYY-MM-DD` (text in SQLite, `date` in PostgreSQL). */
export const dateText = (date: CalendarDate): string => formatDate(date);
export function toDate(text: unknown): CalendarDate {
  const date = tryParseDate(String(text));
  // Written by something other than hwaas (an edit by hand, a server's odd date): said, not a crash.
  if (date === null) throw new RefusedError('INVALID_DATA', `the store holds "${String(text)}" where a date belongs, which hwaas did not write and cannot read: Wildix staff can correct it.`);
  return date;
}
export const optionalDate = (text: unknown): CalendarDate | null => (text === null || text === undefined ? null : toDate(text));

/** `(?, ?, ?)` for `IN` with `n` values (n ≥ 1). */
export const placeholders = (n: number): string => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/** `%text%` for LIKE … ESCAPE '\', with the user's `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The next free ID of a kind (CUS-0015, PBX-1023): a counter row, raised in the
 * caller's transaction. A kind's IDs may also be given (demo data, imports): the
 * insert is tried with `ON CONFLICT DO NOTHING` and the counter moves on until one is free.
 */
export async function insertWithNextId<I>(sql: SqlDriver, counter: string, format: (n: number) => I, insert: (id: I) => Promise<boolean>): Promise<I> {
  for (;;) {
    const id = format(await sql.nextNumber(counter));
    if (await insert(id)) return id;
  }
}

/** Of IDs given explicitly, the one with the highest number in hwaas's own format (CUS-0100), if any. */
export function highestNumbered(ids: Iterable<string>, pattern: RegExp): string | null {
  let best: string | null = null;
  let most = 0;
  for (const id of ids) {
    const n = Number(pattern.exec(id)?.[1] ?? 0);
    if (Number.isSafeInteger(n) && n > most) {
      most = n;
      best = id;
    }
  }
  return best;
}

/** An ID given explicitly (demo data, an import) moves its counter past it, so the next generated one is free. */
export async function raiseCounter(sql: SqlDriver, counter: string, id: string, pattern: RegExp): Promise<void> {
  const match = pattern.exec(id);
  if (!match) return;
  const n = Number(match[1]);
  if (Number.isSafeInteger(n)) await sql.raiseCounter(counter, n, id);
}
