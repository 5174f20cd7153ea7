import type { ImportReport } from '../../domain/imports/run.js';

/** `hwaas import --json`, and the `details` of its error: what a run did, or would do, and why not. */
export interface ImportReportJson {
  kind: string;
  file: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  removed?: number;
  warnings: string[];
  errors: { row: number; column: string | null; message: string }[];
  errorCount: number;
  /** A price book's import: which version. */
  tier?: string;
  currency?: string;
  validFrom?: string;
}

export const importJson = (r: ImportReport): ImportReportJson => ({
  kind: r.kind,
  file: r.file,
  dryRun: r.dryRun,
  rows: r.rows,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  ...(r.kind === 'pricebook' ? { removed: r.removed } : {}),
  warnings: [...r.warnings],
  errors: r.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
  errorCount: r.errorCount,
});

/** How far a long job is: bytes of a file read (and rows found in them), or products of a list written. */
export interface ProgressJson {
  done: number;
  total: number | null;
  unit: 'bytes' | 'products';
  rows?: number;
}

/** What a long use case sends while it runs, then its result (over HTTP: one JSON document a line). */
export type JobEvent<T> = { readonly progress: ProgressJson } | { readonly result: T };
