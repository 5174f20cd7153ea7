import { UsageError } from '../errors.js';
import type { Listing } from '../views/json/common.js';
import type { ListingView } from '../views/text/listing.js';
import { tableLines } from '../views/text/style.js';
import type { Context } from './context.js';

export type ListFormat = 'table' | 'csv' | 'json';

/** --json and --format json are the same thing. */
export function listFormat(ctx: Context, format: unknown): ListFormat {
  if (ctx.json) {
    if (format !== undefined && format !== 'json') throw new UsageError(`--json and --format ${String(format)} contradict each other: give one.`, 'USAGE');
    return 'json';
  }
  return (format as ListFormat | undefined) ?? 'table';
}

/** A listing as a table for people, or as JSON (its rows) or CSV with the same camelCase keys for scripts. */
export async function printListing<T>(ctx: Context, format: ListFormat, listing: Listing<T>, view: ListingView<T>, empty = view.empty): Promise<void> {
  const rows = listing.items;
  if (format === 'json') {
    // The keys of the contract (docs/cli.md), in its order: what a use case adds for tables stays out.
    ctx.printJson(rows.map((row) => Object.fromEntries(view.keys.map((key) => [key, (row as Record<string, unknown>)[key]]))));
    return;
  }
  if (format === 'csv') {
    const { objectsToCsv } = await import('../export/csv.js');
    const forTerminal = ctx.io.stdout.isTTY === true;
    ctx.io.stdout.write(view.csv ? objectsToCsv(view.csv.rows(rows), view.csv.keys, { forTerminal }) : objectsToCsv(rows as unknown as Record<string, unknown>[], view.keys, { forTerminal }));
    return;
  }
  if (rows.length === 0) {
    ctx.err(empty);
    return;
  }
  // Written as it is drawn, a batch at a time, waiting when the reader is slower (`| less`).
  let batch = '';
  for (const line of tableLines(ctx.style, view.columns(listing.viewer, rows), rows)) {
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
