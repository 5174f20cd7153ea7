import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { type Currency, divideRoundHalfUp } from '../../terms/money.js';
import { TERM_MONTHS, TERMS, type Term } from '../../terms/term.js';
import { UsageError } from '../../errors.js';
import type { Actor, BookLine, PriceKind, Tier } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';
import { noPriceBook, storeBooks, tierFor } from './pricebooks.js';

import { resalePricer } from './resale.js';

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
  /** The price book it lists: its tier and the date its version is valid from. */
  readonly tier: Tier;
  readonly validFrom: CalendarDate;
  /** The partner's own list for its customers: its resale prices, nothing of Wildix's buy prices. */
  readonly resale: boolean;
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
  products: readonly BookLine[],
  options: Omit<Pricelist, 'categories'>,
  price: (product: BookLine, kind: PriceKind, buy: bigint) => bigint = (_p, _k, buy) => buy,
): Pricelist {
  const categories = new Map<string, PricelistItem[]>();
  for (const product of [...products].sort((a, b) => a.position - b.position)) {
    const table: Partial<Record<PriceKind, bigint>> = {};
    for (const [kind, buy] of Object.entries(product.prices) as [PriceKind, bigint][]) table[kind] = price(product, kind, buy);
    let item: PricelistItem | null = null;
    if (options.type === 'opex') {
      if (product.hwaas && TERMS.every((t) => table[t] !== undefined)) {
        item = { sku: product.sku, name: product.name, category: product.category, prices: { monthly: table.monthly!, yearly: table.yearly!, 'five-year': table['five-year']! }, price: null };
      }
    } else if (table.capex !== undefined) {
      item = { sku: product.sku, name: product.name, category: product.category, prices: null, price: table.capex };
    }
    if (!item) continue;
    const list = categories.get(product.category) ?? [];
    if (list.length === 0) categories.set(product.category, list);
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

/** What every page and sheet of a buy (cost) price list says: it is not for customers. */
export const COST_MARK = 'CONFIDENTIAL: cost prices from Wildix (what the partner pays). Not for customers.';

/** The partner's own list is titled as its document; the buy list as Wildix's. */
export function pricelistTitle(list: Pick<Pricelist, 'type' | 'resale'>): string {
  return list.resale ? `Price list${list.type === 'opex' ? ': devices as a service' : ''}` : PRICELIST_TITLES[list.type];
}

/** Which kind a price list file is, written into its metadata (PDF keywords, XLSX keywords): `--force` never replaces the other kind. */
export const pricelistKindMarker = (resale: boolean): string => (resale ? 'hwaas price list: resale' : 'hwaas price list: cost');

/** The default file name: the resale list's says so, the buy list's keeps its 0.5 name. */
export const pricelistFileName = (list: Pick<Pricelist, 'type' | 'currency' | 'date' | 'resale'>, format: string): string =>
  `hwaas-pricelist-${list.resale ? 'resale-' : ''}${list.type}-${list.currency}-${formatDate(list.date)}.${format}`;

/**
 * The price list the acting user asked for: its partner's tier and currency unless staff
 * name others, from the book in force on a date (default today); with `resale`, the
 * partner's own prices for its customers.
 */
export async function loadPricelist(
  store: Store,
  actor: Actor,
  options: { type: PricelistType; currency: Currency | null; tier: Tier | null; on: CalendarDate | null; resale: boolean },
): Promise<Pricelist> {
  const partner = actor.user.partner ? await store.parties.partner(actor.user.partner) : null;
  const tier = tierFor(actor, partner?.tier ?? null, options.tier);
  const currency: Currency = options.currency ?? partner?.currency ?? 'EUR';
  const on = options.on ?? actor.today;
  if (options.resale && !partner) throw new UsageError("resale: a resale price list is a partner's own: act as the partner's user.", 'USAGE', { field: 'resale' });
  if (options.resale && options.type === 'capex')
    throw new UsageError('resale: resale prices are those of HWaaS (OpEx), not of the CapEx list; leave out type capex.', 'USAGE', { field: 'resale', fields: ['type'] });
  const book = await storeBooks(store).inForce(tier, currency, on);
  if (!book) throw noPriceBook(tier, currency, on);
  const pricer = options.resale && partner ? resalePricer(await store.resale.list(partner.id)) : null;
  return buildPricelist(
    book.lines,
    {
      type: options.type,
      currency,
      tier,
      validFrom: book.validFrom,
      resale: pricer !== null,
      date: on,
      partner: partner ? { id: partner.id, name: partner.name } : null,
      samplePrices: (await store.settings.get('sample_prices')) === '1',
      sandbox: (await store.mode()) === 'sandbox',
    },
    pricer ? (product, kind, buy) => (kind === 'capex' ? buy : pricer.unitPrice(product.sku, product.category, kind, currency, buy)) : undefined,
  );
}
