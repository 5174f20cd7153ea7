import { UsageError } from '../../errors.js';
import { type Cell, cellText } from './cells.js';

import type { Scope } from '../kernel/model.js';

/**
 * Which column of a file is which: headers are matched ignoring case, accents,
 * spaces, underscores, hyphens and other punctuation ("E-Mail", "e_mail" and "EMAIL"
 * are all `email`), and each column has documented synonyms ("Company" is a
 * customer's `name`).
 */

export interface ColumnSpec {
  /** The canonical name: what exports write and the README lists. */
  readonly name: string;
  /** Required for everyone, or only when acting as staff (a partner's user imports into its own partner). */
  readonly required: boolean | 'staff';
  readonly synonyms: readonly string[];
}

/** "Activation Date" → "activationdate"; "Händler-Nr." → "handlernr". */
export function normalHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export interface ColumnMap {
  /** Canonical column → its index in each row. */
  readonly index: ReadonlyMap<string, number>;
  /** Canonical column → the header as the file wrote it (for messages). */
  readonly header: ReadonlyMap<string, string>;
  /** Headers that match no column: a warning, not an error. */
  readonly unknown: readonly string[];
}

/**
 * Maps a header row onto a kind's columns. A required column that is missing, or two
 * columns that mean the same, is a usage error (exit 2) before any row is read.
 */
export function mapColumns(file: string, kind: string, cells: readonly Cell[], columns: readonly ColumnSpec[], scope: Scope): ColumnMap {
  const lookup = new Map<string, ColumnSpec>();
  for (const column of columns) for (const name of [column.name, ...column.synonyms]) lookup.set(normalHeader(name), column);
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  const unknown: string[] = [];
  cells.forEach((cell, i) => {
    const written = cellText(cell)
      .replace(/^\uFEFF/, '')
      .trim();
    if (written === '') return;
    const column = lookup.get(normalHeader(written));
    if (!column) {
      unknown.push(written);
      return;
    }
    const before = header.get(column.name);
    if (before !== undefined) {
      throw new UsageError(`${file}: the columns "${before}" and "${written}" both mean ${column.name}; keep one.`);
    }
    index.set(column.name, i);
    header.set(column.name, written);
  });
  const missing = columns.filter((c) => (c.required === true || (c.required === 'staff' && scope.kind === 'staff')) && !index.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    const found = cells.map((c) => cellText(c).trim()).filter((c) => c !== '');
    throw new UsageError(
      `${file}: no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} for an import of ${kind}; the columns found are ${found.length ? found.map((c) => `"${c}"`).join(', ') : 'none (an empty first row)'}.`,
      'INVALID_INPUT',
      { hint: { kind: 'import-columns', pricebook: kind === 'pricebook' } },
    );
  }
  return { index, header, unknown };
}
