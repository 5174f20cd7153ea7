import type { CalendarDate } from '../terms/dates.js';
import { type Currency, divideRoundHalfUp } from '../terms/money.js';
import { TERM_MONTHS, TERMS, type Term } from '../terms/term.js';
import type { Actor, PriceKind, Product } from './model.js';
import type { Store } from './port.js';

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

export const PRICELIST_TITLES: Readonly<Record<PricelistType, string>> = {
  opex: 'HWaaS price list (OpEx): devices as a service',
  capex: 'Price list (CapEx): purchase',
};

export const SAMPLE_NOTE = 'Sample prices for demonstration only: not a Wildix price list.';

/** The price list the acting user asked for: its partner's currency unless another is named. */
export async function loadPricelist(store: Store, actor: Actor, options: { type: PricelistType; currency: Currency | null }): Promise<Pricelist> {
  const partner = actor.user.partner ? await store.parties.partner(actor.user.partner) : null;
  const currency: Currency = options.currency ?? partner?.currency ?? 'EUR';
  return buildPricelist(await store.catalog.products(), await store.catalog.prices(currency), {
    type: options.type,
    currency,
    date: actor.today,
    partner: partner ? { id: partner.id, name: partner.name } : null,
    samplePrices: (await store.settings.get('sample_prices')) === '1',
    sandbox: (await store.mode()) === 'sandbox',
  });
}
