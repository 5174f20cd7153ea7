import type { Column } from './style.js';

/**
 * How a listing looks: its table's columns (staff see a partner column), its JSON keys in
 * order (the CSV header of a listing without an import kind), the CSV of one that has an
 * import kind (the import's own columns, so that exporting and importing back changes
 * nothing), and the sentence for an empty table.
 */
export interface ListingView<T> {
  readonly columns: (viewer: 'staff' | 'partner' | undefined, items: readonly T[]) => readonly Column<T>[];
  readonly keys: readonly string[];
  readonly csv?: { readonly keys: readonly string[]; readonly rows: (items: readonly T[]) => Record<string, unknown>[] };
  readonly empty: string;
}
