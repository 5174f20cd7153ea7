import { type CalendarDate, formatDate } from '../terms/dates.js';
import { type Currency, divideRoundHalfUp, formatAmount } from '../terms/money.js';
import { TERM_MONTHS, TERMS, type Term } from '../terms/term.js';
import type { PriceKind, Product } from './model.js';

export type PricelistType = 'opex' | 'capex';

export interface PricelistItem {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  /** OpEx: price per device per term. */
  readonly prices: Readonly<Record<Term, bigint>> | null;
  /** CapEx: purchase price. */
  readonly price: bigint | null;
}

export interface Pricelist {
  readonly type: PricelistType;
  readonly currency: Currency;
  readonly date: CalendarDate;
  readonly partner: { readonly id: string; readonly name: string } | null;
  readonly samplePrices: boolean;
  /** Written from a sandbox store (demo data, a movable clock): its documents say so. */
  readonly sandbox: boolean;
  readonly categories: readonly { readonly name: string; readonly items: readonly PricelistItem[] }[];
}

/** What one term costs per month, so the saving of a longer term shows (rounded half up to the cent). */
export function monthlyEquivalent(price: bigint, term: Term): bigint {
  return divideRoundHalfUp(price, BigInt(TERM_MONTHS[term]));
}

/**
 * OpEx: every HWaaS-eligible product priced for every term in the currency.
 * CapEx: every product with a purchase price. Categories keep the catalog's order;
 * products are sorted by name within their category.
 */
export function buildPricelist(
  products: readonly Product[],
  prices: ReadonlyMap<string, Partial<Record<PriceKind, bigint>>>,
  options: { type: PricelistType; currency: Currency; date: CalendarDate; partner: Pricelist['partner']; samplePrices: boolean; sandbox: boolean },
): Pricelist {
  const categories = new Map<string, PricelistItem[]>();
  for (const product of [...products].sort((a, b) => a.position - b.position)) {
    const table = prices.get(product.sku) ?? {};
    let item: PricelistItem | null = null;
    if (options.type === 'opex') {
      if (product.hwaas && TERMS.every((t) => table[t] !== undefined)) {
        item = { sku: product.sku, name: product.name, category: product.category, prices: { monthly: table.monthly!, yearly: table.yearly!, 'five-year': table['five-year']! }, price: null };
      }
    } else if (table.capex !== undefined) {
      item = { sku: product.sku, name: product.name, category: product.category, prices: null, price: table.capex };
    }
    if (!item) continue;
    let list = categories.get(product.category);
    if (!list) categories.set(product.category, (list = []));
    list.push(item);
  }
  return {
    ...options,
    categories: [...categories].map(([name, items]) => ({
      name,
      items: items.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.sku.localeCompare(b.sku)),
    })),
  };
}

export const pricelistItems = (list: Pricelist): PricelistItem[] => list.categories.flatMap((c) => c.items);

/** The JSON of CLI.md, plus each term's monthly equivalent for OpEx. */
export function pricelistToJson(list: Pricelist) {
  return {
    type: list.type,
    currency: list.currency,
    date: formatDate(list.date),
    partner: list.partner?.name ?? null,
    samplePrices: list.samplePrices,
    items: pricelistItems(list).map((item) =>
      item.prices
        ? {
            sku: item.sku,
            name: item.name,
            category: item.category,
            prices: { monthly: formatAmount(item.prices.monthly), yearly: formatAmount(item.prices.yearly), 'five-year': formatAmount(item.prices['five-year']) },
            monthlyEquivalent: {
              monthly: formatAmount(item.prices.monthly),
              yearly: formatAmount(monthlyEquivalent(item.prices.yearly, 'yearly')),
              'five-year': formatAmount(monthlyEquivalent(item.prices['five-year'], 'five-year')),
            },
          }
        : { sku: item.sku, name: item.name, category: item.category, price: formatAmount(item.price!) },
    ),
  };
}

/** The flat table that CSV and XLSX share: header and rows of text or minor units. */
export function pricelistTable(list: Pricelist): { header: string[]; amountColumns: number[]; rows: (string | bigint)[][] } {
  if (list.type === 'opex') {
    return {
      header: ['sku', 'name', 'category', 'monthly', 'yearly', 'five-year', 'yearlyPerMonth', 'fiveYearPerMonth'],
      amountColumns: [3, 4, 5, 6, 7],
      rows: pricelistItems(list).map((i) => [
        i.sku,
        i.name,
        i.category,
        i.prices!.monthly,
        i.prices!.yearly,
        i.prices!['five-year'],
        monthlyEquivalent(i.prices!.yearly, 'yearly'),
        monthlyEquivalent(i.prices!['five-year'], 'five-year'),
      ]),
    };
  }
  return { header: ['sku', 'name', 'category', 'price'], amountColumns: [3], rows: pricelistItems(list).map((i) => [i.sku, i.name, i.category, i.price!]) };
}

export const PRICELIST_TITLES: Readonly<Record<PricelistType, string>> = {
  opex: 'HWaaS price list (OpEx): devices as a service',
  capex: 'Price list (CapEx): purchase',
};

export const SAMPLE_NOTE = 'Sample prices for demonstration only: not a Wildix price list.';
