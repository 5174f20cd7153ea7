import { UsageError } from '../../errors.js';
import type { CalendarDate } from '../../terms/dates.js';
import { type Cell, CellError, type CellOptions, type Parsed, cellAmount, cellDate, cellInteger, cellText, isBlank, withoutFormulaGuard } from './cells.js';
import { type ColumnMap, type ColumnSpec, mapColumns, normalHeader } from './columns.js';
import type { Actor } from '../kernel/model.js';
import type { Repositories, Store } from '../kernel/port.js';
import { checkText } from '../kernel/text.js';

import { requireStaff } from '../parties/users.js';

/**
 * `hwaas import`: rows of a CSV or XLSX file into the store, by kind. Keyed (a new key
 * is created, a changed row updated, an identical one left alone: importing twice
 * changes nothing), never deleting, and all or nothing: the whole file runs in one
 * transaction, every row is checked by the rules of the commands, and if any row is
 * wrong nothing is kept and every problem is named by row and column. A dry run is
 * the same run, rolled back. The file is read as a stream, a batch of rows at a time.
 */

export const IMPORT_KINDS = ['customers', 'pbxs', 'invoices', 'agreements', 'stock', 'services'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A row of the file as the reader gives it, numbered as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** Reads the file from its start; called again if the transaction has to run again. */
export type OpenSheet = () => AsyncIterable<SheetRow>;

export interface ImportOptions extends CellOptions {
  /** The file as the user named it, for messages. */
  readonly file: string;
  readonly dryRun: boolean;
}

export interface ImportProblem {
  readonly row: number;
  /** The column's header as the file writes it; null for a problem with the whole row. */
  readonly column: string | null;
  readonly message: string;
}

export interface ImportReport {
  readonly kind: string;
  readonly file: string;
  readonly dryRun: boolean;
  /** Data rows read (blank rows aside). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows of a price book version that the new file no longer lists (only a price book import removes). */
  removed: number;
  readonly warnings: string[];
  /** The first problems (at most MAX_KEPT); errorCount counts them all. */
  readonly errors: ImportProblem[];
  errorCount: number;
}

const MAX_KEPT = 1000;
const BATCH = 500;

/** One data row, read column by column; each problem is said once, for its column. */
export class RowReader {
  constructor(
    readonly row: number,
    private readonly cells: readonly Cell[],
    private readonly map: ColumnMap,
    readonly options: CellOptions,
    private readonly problem: (row: number, column: string | null, message: string) => void,
  ) {}

  /** The column is in the file (an absent optional column leaves what is stored as it is). */
  has(column: string): boolean {
    return this.map.index.has(column);
  }

  header(column: string): string {
    return this.map.header.get(column) ?? column;
  }

  private cell(column: string): Cell {
    const index = this.map.index.get(column);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  say(column: string | null, message: string): void {
    this.problem(this.row, column === null ? null : this.header(column), message);
  }

  private take<T>(column: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.say(column, parsed.problem);
    return undefined;
  }

  /** Absent column: undefined; blank cell: null (required: a problem, undefined). */
  private present(column: string, required: boolean): Cell | null | undefined {
    if (!this.has(column)) return undefined;
    const cell = this.cell(column);
    if (cell instanceof CellError) {
      this.say(column, cell.message ?? `holds the spreadsheet error ${cell.code}, not a value`);
      return undefined;
    }
    if (isBlank(cell)) {
      if (required) this.say(column, 'is empty');
      return required ? undefined : null;
    }
    return cell;
  }

  /**
   * Text, checked by `check` (one of the commands' own checks, which name what they
   * check by a label: here the column). A cell that looks like a formula (`=…`, `+…`,
   * `@…`) is text like any other: it is stored, never evaluated.
   */
  text<T = string>(
    column: string,
    required: boolean,
    check: (text: string, label: string) => T = (t, l) => checkText(t, l).trim() as T,
    options: { readonly keepLines?: boolean } = {},
  ): T | null | undefined {
    const cell = this.present(column, required);
    if (cell === undefined || cell === null) return cell;
    // A line break or tab inside a cell (Alt+Enter in a spreadsheet) is a space in a name; an address keeps its lines.
    const raw = typeof cell === 'string' ? withoutFormulaGuard(cell) : cellText(cell);
    const text = options.keepLines ? raw.replace(/\r\n|\r/g, '\n').replace(/\t/g, ' ') : raw.replace(/\r\n|[\r\n\t]/g, ' ');
    if (text.length > 10_000) {
      this.say(column, `has ${text.length.toLocaleString('en')} characters; at most 10,000 fit`);
      return undefined;
    }
    try {
      return check(text, LABEL);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // The checks end their sentences; here the message follows FILE:ROW:COLUMN.
      this.say(column, (error.message.startsWith(`${LABEL}: `) ? error.message.slice(LABEL.length + 2) : error.message).replace(/\.$/, ''));
      return undefined;
    }
  }

  date(column: string, required: boolean): CalendarDate | null | undefined {
    const cell = this.present(column, required);
    return cell === undefined || cell === null ? cell : this.take(column, cellDate(cell, this.options));
  }

  amount(column: string, required: boolean): bigint | null | undefined {
    const cell = this.present(column, required);
    return cell === undefined || cell === null ? cell : this.take(column, cellAmount(cell, this.options));
  }

  integer(column: string, required: boolean, min: number, max: number): number | null | undefined {
    const cell = this.present(column, required);
    return cell === undefined || cell === null ? cell : this.take(column, cellInteger(cell, min, max));
  }
}

/** What the checks of the commands call their input; replaced by the column in messages. */
const LABEL = 'column';

/** A kind of import: its columns, how a row becomes a record, and how a batch of records is applied. */
export interface ImportKindSpec<R, E> {
  readonly columns: readonly ColumnSpec[];
  /** The column that keys the rows. */
  readonly key: string;
  /** What keys the rows, for help, when it is more than one column. */
  readonly keyHelp?: string;
  /** Columns of hwaas's own export of this kind that an import does not read (figures it works out): ignored without a warning. */
  readonly exportOnly?: readonly string[];
  readonly staffOnly: boolean;
  /** Read once per run: partners, products, what every row is checked against. */
  prepare(tx: Repositories, actor: Actor): Promise<E>;
  /** The row's record, or null when a problem was said. */
  parse(row: RowReader, env: E, actor: Actor): R | null;
  keyOf(record: R): string;
  /** Looks the batch up, compares and writes; says a problem for a row with `say`; counts. */
  apply(tx: Repositories, env: E, actor: Actor, batch: readonly { row: RowReader; record: R }[], counts: Counts): Promise<void>;
  /** After the last batch of a file without problems: what the whole file decides (a price book drops what it no longer lists), and what to warn about. */
  finish?(tx: Repositories, env: E, actor: Actor, counts: Counts, warn: (message: string) => void): Promise<void>;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

const emptyReport = (kind: string, options: ImportOptions): ImportReport => ({
  kind,
  file: options.file,
  dryRun: options.dryRun,
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  removed: 0,
  warnings: [],
  errors: [],
  errorCount: 0,
});

/**
 * Reads the file row by row: the header is matched to the columns, each row parsed by
 * the kind's rules and handed to `take` once its key is known to be new in the file.
 */
async function scan<R, E>(
  kind: string,
  spec: ImportKindSpec<R, E>,
  env: E,
  actor: Actor,
  open: OpenSheet,
  options: ImportOptions,
  report: ImportReport,
  take: (row: RowReader, record: R) => Promise<void>,
): Promise<void> {
  const problem = (row: number, column: string | null, message: string) => {
    report.errorCount++;
    if (report.errors.length < MAX_KEPT) report.errors.push({ row, column, message });
  };
  const seen = new Map<string, number>();
  let map: ColumnMap | null = null;
  for await (const { row, cells } of open()) {
    if (cells.every(isBlank)) continue;
    if (map === null) {
      map = mapColumns(options.file, kind, cells, spec.columns, actor.scope);
      if (spec.exportOnly) {
        const known = new Set(spec.exportOnly.map(normalHeader));
        map = { ...map, unknown: map.unknown.filter((h) => !known.has(normalHeader(h))) };
      }
      if (map.unknown.length > 0)
        report.warnings.push(
          `${options.file}: column${map.unknown.length > 1 ? 's' : ''} ${map.unknown.map((h) => `"${h}"`).join(', ')} ${map.unknown.length > 1 ? 'are' : 'is'} not part of an import of ${kind}, and ignored.`,
        );
      continue;
    }
    report.rows++;
    const reader = new RowReader(row, cells, map, options, problem);
    const before = report.errorCount;
    const record = spec.parse(reader, env, actor);
    if (record === null || report.errorCount > before) continue;
    const key = spec.keyOf(record);
    const first = seen.get(key);
    if (first !== undefined) {
      reader.say(spec.key, `${key} appears again (first on row ${first}); each ${spec.key} once`);
      continue;
    }
    seen.set(key, row);
    await take(reader, record);
  }
  if (map === null) throw new UsageError(`${options.file}: the file is empty: it has no header row naming its columns.`);
}

/** A file's records without a store (hwaas's own sample files): every row checked as an import checks it. */
export async function readRecords<R, E>(kind: string, spec: ImportKindSpec<R, E>, env: E, actor: Actor, open: OpenSheet, options: ImportOptions): Promise<{ records: R[]; report: ImportReport }> {
  const report = emptyReport(kind, options);
  const records: R[] = [];
  await scan(kind, spec, env, actor, open, options, report, async (_row, record) => {
    records.push(record);
  });
  return { records, report };
}

/** Thrown inside the transaction to leave nothing behind (a dry run, or a file with problems). */
class Rollback extends Error {}

export async function importFile<R, E>(
  store: Store,
  actor: Actor,
  kind: string,
  spec: ImportKindSpec<R, E>,
  open: OpenSheet,
  options: ImportOptions,
  onRows?: (rows: number) => void,
): Promise<ImportReport> {
  if (spec.staffOnly) requireStaff(actor, `Importing ${kind}`);
  let report!: ImportReport;
  const run = async (tx: Repositories): Promise<void> => {
    report = emptyReport(kind, options);
    const env = await spec.prepare(tx, actor);
    let batch: { row: RowReader; record: R }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await spec.apply(tx, env, actor, batch, report);
      batch = [];
      onRows?.(report.rows);
    };
    await scan(kind, spec, env, actor, open, options, report, async (row, record) => {
      batch.push({ row, record });
      if (batch.length >= BATCH) await flush();
    });
    await flush();
    if (report.errorCount === 0) await spec.finish?.(tx, env, actor, report, (message) => report.warnings.push(message));
    if (report.errorCount > 0 || options.dryRun) throw new Rollback();
  };
  try {
    await store.write(run);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return report;
}
