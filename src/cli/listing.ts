import { UsageError } from '../errors.js';
import type { Context } from './context.js';
import { type Column, tableLines } from './style.js';

export type ListFormat = 'table' | 'csv' | 'json';

/** --json and --format json are the same thing. */
export function listFormat(ctx: Context, format: unknown): ListFormat {
  if (ctx.json) {
    if (format !== undefined && format !== 'json') throw new UsageError(`--json and --format ${String(format)} contradict each other: give one.`, 'USAGE');
    return 'json';
  }
  return (format as ListFormat | undefined) ?? 'table';
}

/** A listing as a table for people, or as JSON/CSV with the same camelCase keys for scripts. */
export interface ListingSpec<T, J extends Record<string, unknown>> {
  readonly columns: readonly Column<T>[];
  readonly toJson: (row: T) => J;
  /** The JSON keys, in order: the CSV header, even when there are no rows. */
  readonly keys: readonly (keyof J & string)[];
  /** Said on stderr when a table would be empty. */
  readonly empty: string;
  /**
   * For a listing that has an import kind: its CSV is exactly the import's canonical
   * columns (and rows), so that exporting and importing back changes nothing.
   */
  readonly csv?: { readonly keys: readonly string[]; readonly rows: (rows: readonly T[]) => Record<string, unknown>[] };
}

export async function printListing<T, J extends Record<string, unknown>>(
  ctx: Context,
  format: ListFormat,
  rows: readonly T[],
  { columns, toJson, keys, empty, csv }: ListingSpec<T, J>,
): Promise<void> {
  if (format === 'json') {
    ctx.printJson(rows.map(toJson));
    return;
  }
  if (format === 'csv') {
    const { objectsToCsv } = await import('../export/csv.js');
    ctx.io.stdout.write(csv ? objectsToCsv(csv.rows(rows), csv.keys, { forTerminal: ctx.io.stdout.isTTY === true }) : objectsToCsv(rows.map(toJson), keys, { forTerminal: ctx.io.stdout.isTTY === true }));
    return;
  }
  if (rows.length === 0) {
    ctx.err(empty);
    return;
  }
  // Written as it is drawn, a batch at a time, waiting when the reader is slower (`| less`).
  let batch = '';
  for (const line of tableLines(ctx.style, columns, rows)) {
    batch += `${line}\n`;
    if (batch.length >= 64 * 1024) {
      await ctx.write(batch);
      batch = '';
    }
  }
  await ctx.write(batch);
}

/** A whole number flag such as --limit or --expiring-within. */
export function parseWholeNumber(text: unknown, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = String(text);
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag}: "${value}" is not a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}
