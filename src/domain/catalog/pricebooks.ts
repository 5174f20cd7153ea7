import { RefusedError } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import { percentOf } from '../../terms/quote.js';
import type { Actor, BookKey, BookLine, PriceBookSummary, PriceKind, Product, Tier } from '../kernel/model.js';
import type { Repositories } from '../kernel/port.js';

import { requireStaff } from '../parties/users.js';

/**
 * Price books: Wildix's prices for one partner tier in one currency, each version valid
 * from a date. The buy price of a line is the one in the book of the partner's tier and
 * currency whose valid-from is the latest on or before the service start date.
 */

export const PRICE_KINDS: readonly PriceKind[] = ['capex', 'monthly', 'yearly', 'five-year'];
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

/** A version of a book, loaded: its lines by SKU. */
export interface LoadedBook extends BookKey {
  readonly lines: readonly BookLine[];
  line(sku: string): BookLine | null;
}

function loaded(key: BookKey, lines: readonly BookLine[]): LoadedBook {
  const bySku = new Map(lines.map((l) => [l.sku, l]));
  return { ...key, lines, line: (sku) => bySku.get(sku) ?? null };
}

/** Where books come from: the store, or hwaas's sample books when there is no store. Versions and lines are read once. */
export interface BookSource {
  /** Every product any book lists (for a line with its own price, and "did you mean"). */
  products(): Promise<ReadonlyMap<string, Product>>;
  /** The version in force on a date; null when the tier has none in that currency by then. */
  inForce(tier: Tier, currency: Currency, on: CalendarDate): Promise<LoadedBook | null>;
}

export function cachedBooks(
  loadProducts: () => Promise<readonly Product[]>,
  versions: (tier: Tier, currency: Currency) => Promise<readonly CalendarDate[]>,
  lines: (key: BookKey) => Promise<readonly BookLine[]>,
): BookSource {
  let products: Promise<ReadonlyMap<string, Product>> | null = null;
  const dates = new Map<string, Promise<readonly CalendarDate[]>>();
  const books = new Map<string, Promise<LoadedBook>>();
  return {
    products: () => (products ??= loadProducts().then((list) => new Map(list.map((p) => [p.sku, p])))),
    async inForce(tier, currency, on) {
      const pair = `${tier}/${currency}`;
      if (!dates.has(pair)) dates.set(pair, versions(tier, currency));
      const all = await dates.get(pair)!;
      let validFrom: CalendarDate | null = null;
      for (const date of all) if (date <= on && (validFrom === null || date > validFrom)) validFrom = date;
      if (validFrom === null) return null;
      const id = `${pair}/${validFrom}`;
      const key: BookKey = { tier, currency, validFrom };
      if (!books.has(id))
        books.set(
          id,
          Promise.resolve(lines(key)).then((l) => loaded(key, l)),
        );
      return books.get(id)!;
    },
  };
}

export const storeBooks = (store: Repositories): BookSource =>
  cachedBooks(
    () => store.catalog.products(),
    (tier, currency) => store.pricebooks.versions(tier, currency),
    (key) => store.pricebooks.lines(key),
  );

export function noPriceBook(tier: Tier, currency: Currency, on: CalendarDate): RefusedError {
  return new RefusedError('NO_PRICE_BOOK', `there is no ${tier} price book in ${currency} valid on ${formatDate(on)}.`, { hint: { kind: 'pricebook-import', tier, currency } });
}

export const bookName = (key: BookKey): string => `the ${key.tier} ${key.currency} price book valid from ${formatDate(key.validFrom)}`;

// ─── list, show, diff (staff) ───────────────────────────────────────────────────

export async function listBooks(store: Repositories, actor: Actor): Promise<PriceBookSummary[]> {
  requireStaff(actor, 'Listing price books');
  return store.pricebooks.list();
}

export async function showBook(store: Repositories, actor: Actor, tier: Tier, currency: Currency, on: CalendarDate): Promise<LoadedBook> {
  requireStaff(actor, 'Showing a price book');
  const book = await storeBooks(store).inForce(tier, currency, on);
  if (!book) throw noPriceBook(tier, currency, on);
  return book;
}

export interface PriceChange {
  readonly kind: PriceKind;
  readonly from: bigint | null;
  readonly to: bigint | null;
  /** (to − from) ÷ from × 100, half up to one decimal; null when a side is blank or from is 0. */
  readonly percent: string | null;
}

export interface BookDiff {
  readonly from: LoadedBook;
  readonly to: LoadedBook;
  readonly added: readonly BookLine[];
  readonly removed: readonly BookLine[];
  readonly changed: readonly { readonly line: BookLine; readonly changes: readonly PriceChange[] }[];
}

/** A change in percent, half up (away from zero) to one decimal, as text: "12.5", "-3.0". */
export const percentChange = (from: bigint, to: bigint): string | null => percentOf(to - from, from);

export async function diffBooks(store: Repositories, actor: Actor, tier: Tier, currency: Currency, fromDate: CalendarDate, toDate: CalendarDate): Promise<BookDiff> {
  requireStaff(actor, 'Comparing price books');
  const books = storeBooks(store);
  const from = await books.inForce(tier, currency, fromDate);
  if (!from) throw noPriceBook(tier, currency, fromDate);
  const to = await books.inForce(tier, currency, toDate);
  if (!to) throw noPriceBook(tier, currency, toDate);
  const changed: { line: BookLine; changes: PriceChange[] }[] = [];
  for (const line of to.lines) {
    const old = from.line(line.sku);
    if (!old) continue;
    const changes = PRICE_KINDS.filter((k) => old.prices[k] !== line.prices[k]).map((kind) => {
      const a = old.prices[kind] ?? null;
      const b = line.prices[kind] ?? null;
      return { kind, from: a, to: b, percent: a !== null && b !== null ? percentChange(a, b) : null };
    });
    if (changes.length > 0) changed.push({ line, changes });
  }
  return { from, to, added: to.lines.filter((l) => !from.line(l.sku)), removed: from.lines.filter((l) => !to.line(l.sku)), changed };
}

/** A partner user asking for another tier's prices is refused: a tier's prices are Wildix's and that tier's partners'. */
export function tierFor(actor: Actor, ownTier: Tier | null, asked: Tier | null): Tier {
  if (ownTier !== null && actor.scope.kind === 'partner') {
    if (asked !== null && asked !== ownTier) throw new RefusedError('NOT_ALLOWED', `a partner sees the prices of its own tier (${ownTier}), not ${asked}'s.`);
    return ownTier;
  }
  return asked ?? ownTier ?? 'reseller';
}
