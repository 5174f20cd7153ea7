import { type CalendarDate, formatDate, tryParseDate } from '../../terms/dates.js';
import { type Scope, scopedPartner } from '../../domain/kernel/model.js';
import { RefusedError } from '../../errors.js';

/**
 * What the shared repositories need from a database: run a statement with `?`
 * placeholders. SQLite and PostgreSQL each implement it; the SQL is written once.
 */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  get<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** The number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

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
    const id = format(await nextNumber(sql, counter));
    if (await insert(id)) return id;
  }
}

/**
 * The counter's next number, in the caller's transaction (rolled back with it: numbers
 * never skip). On PostgreSQL through a function: a partner's login writes no counter.
 */
async function nextNumber(sql: SqlDriver, counter: string): Promise<number> {
  const row =
    sql.dialect === 'postgres'
      ? await sql.get<{ value: unknown }>('SELECT hwaas_next_id(?) AS value', [counter])
      : await sql.get<{ value: unknown }>('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value', [counter]);
  if (!row || row.value === null) throw new Error(`no counter ${counter}`);
  return int(row.value);
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

/**
 * An ID given explicitly (demo data, an import) moves its counter past it, so the next
 * generated one is free. On PostgreSQL through a function that checks the row exists
 * (and, for a partner's login, is its own): no one moves a counter to a number of choice.
 */
export async function raiseCounter(sql: SqlDriver, counter: string, id: string, pattern: RegExp): Promise<void> {
  const match = pattern.exec(id);
  if (!match) return;
  const n = Number(match[1]);
  if (!Number.isSafeInteger(n)) return;
  if (sql.dialect === 'postgres') await sql.run('SELECT hwaas_raise_counter(?, ?)', [counter, id]);
  else await sql.run('UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = ?', [n, n, counter]);
}
