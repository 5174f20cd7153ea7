import type { Currency } from '../terms/money.js';
import type { Term } from '../terms/term.js';
import type { Product } from './model.js';
import { MAX_QTY, type PriceBook, type RequestedItem } from './pricing.js';

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

/** The products that can be ordered as HWaaS on a term, in a currency: eligible and priced. */
export function orderableProducts(products: readonly Product[], book: PriceBook, currency: Currency, term: Term): Product[] {
  return products.filter((p) => p.hwaas && book.price(p.sku, currency, term) !== null);
}

/** How many of `qty` wait for stock, given what is available now (null: a service, never waits). */
export function backordered(available: number | null, qty: number): number {
  if (available === null || available - qty >= 0) return 0;
  return qty - Math.max(available, 0);
}
