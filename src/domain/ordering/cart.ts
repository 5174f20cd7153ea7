import type { Term } from '../../terms/term.js';
import type { BookLine } from '../kernel/model.js';
import type { LoadedBook } from '../catalog/pricebooks.js';

import { MAX_QTY, type RequestedItem } from '../catalog/items.js';

/**
 * The interactive order's cart, without prompts: what is in it, in the order it was
 * added. Quantities stay within a line's limit; the prompts only ask and show.
 */
export class Cart {
  private readonly lines = new Map<string, number>();

  /** Adds to a line (or starts one); returns the line's quantity, at most the limit. */
  add(sku: string, qty: number): number {
    const total = Math.min(MAX_QTY, (this.lines.get(sku) ?? 0) + qty);
    this.lines.set(sku, total);
    return total;
  }

  set(sku: string, qty: number): void {
    this.lines.set(sku, Math.min(MAX_QTY, qty));
  }

  remove(sku: string): void {
    this.lines.delete(sku);
  }

  qty(sku: string): number | undefined {
    return this.lines.get(sku);
  }

  get size(): number {
    return this.lines.size;
  }

  entries(): [string, number][] {
    return [...this.lines];
  }

  /** What to quote or order: at the price list's price (a partner never sets its own). */
  items(): RequestedItem[] {
    return [...this.lines].map(([sku, qty]) => ({ sku, qty, price: null }));
  }
}

/** The products of a price book that can be ordered as HWaaS on a term: eligible and priced (none without a book). */
export function orderableProducts(book: LoadedBook | null, term: Term): BookLine[] {
  return (book?.lines ?? []).filter((p) => p.hwaas && p.prices[term] !== undefined);
}

/** How many of `qty` wait for stock, given what is available now (null: a service, never waits). */
export function backordered(available: number | null, qty: number): number {
  if (available === null || available - qty >= 0) return 0;
  return qty - Math.max(available, 0);
}
