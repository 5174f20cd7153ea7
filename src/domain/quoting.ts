import { NotFoundError } from '../errors.js';
import type { CalendarDate } from '../terms/dates.js';
import type { Currency } from '../terms/money.js';
import { type PbxLicence, coTerminate } from '../terms/period.js';
import { type Quote, buildQuote } from '../terms/quote.js';
import type { Term } from '../terms/term.js';
import type { CatalogData } from './data.js';
import type { Actor, Customer, Partner, Pbx, PriceKind, Product, Scope } from './model.js';
import type { Repositories, Store } from './port.js';
import { type PriceBook, type RequestedItem, priceItems } from './pricing.js';

/** What a quote is asked for, from flags or from a cases file: a PBX, or a term and an activation (ad hoc). */
export type QuoteInput = {
  readonly start: CalendarDate;
  readonly currency?: Currency | null;
  readonly items: readonly RequestedItem[];
} & ({ readonly pbx: string; readonly term?: Term | null } | { readonly pbx?: null; readonly term: Term; readonly activated: CalendarDate });

/** What quoting needs from the world; the store's version applies the acting user's scope. */
export interface QuoteSources {
  readonly book: PriceBook;
  /** null for an unknown PBX and for another partner's alike. */
  findPbx(id: string): Promise<Pbx | null>;
  /** The currency a PBX is quoted in: its partner's. */
  currencyOf(pbx: Pbx): Promise<Currency>;
}

export interface QuotedPbx {
  readonly quote: Quote;
  readonly pbx: Pbx | null;
}

/** Prices and co-terminates one quote. Throws the refusals of TERMS.md and the catalog. */
export async function makeQuote(sources: QuoteSources, input: QuoteInput): Promise<QuotedPbx> {
  let licence: PbxLicence;
  let currency: Currency;
  let pbx: Pbx | null = null;
  let requestedTerm: Term | null = null;
  if (input.pbx) {
    pbx = await sources.findPbx(input.pbx);
    if (!pbx) throw new NotFoundError('PBX', input.pbx);
    licence = pbx;
    currency = input.currency ?? (await sources.currencyOf(pbx));
    requestedTerm = input.term ?? null;
  } else {
    const adHoc = input as { term: Term; activated: CalendarDate };
    licence = { id: null, license: adHoc.term, activated: adHoc.activated, cancelledOn: null };
    currency = input.currency ?? 'EUR';
  }
  if (licence.license === 'perpetual' || (requestedTerm !== null && requestedTerm !== licence.license)) {
    coTerminate(licence, input.start, requestedTerm); // throws the refusal with its reason
  }
  await sources.book.load(currency);
  const items = priceItems(sources.book, input.items, licence.license as Term, currency);
  return { quote: buildQuote({ pbx: licence, requestedTerm, start: input.start, currency, items }), pbx };
}

/** A price book whose prices are loaded per currency, once, and then looked up without waiting. */
function loadedBook(products: readonly Product[], load: (currency: Currency) => Promise<Map<string, Partial<Record<PriceKind, bigint>>>>): PriceBook {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const prices = new Map<Currency, Map<string, Partial<Record<PriceKind, bigint>>>>();
  return {
    product: (sku) => bySku.get(sku) ?? null,
    skus: () => [...bySku.keys()],
    load: async (currency) => {
      if (!prices.has(currency)) prices.set(currency, await load(currency));
    },
    price: (sku, currency, kind) => {
      const table = prices.get(currency);
      if (!table) throw new Error(`prices in ${currency} were not loaded`);
      return table.get(sku)?.[kind] ?? null;
    },
  };
}

/** data/catalog.json as a price book: ad-hoc quotes work without a store (handy in CI). */
export function catalogPriceBook(catalog: CatalogData): PriceBook {
  return loadedBook(catalog.products, async (currency) => new Map(catalog.products.map((p) => [p.sku, p.prices[currency] ?? {}])));
}

/** The store as a quote source, seen by one acting user; products are read once, prices once per currency. */
export async function storeQuoteSources(store: Repositories, scope: Scope): Promise<QuoteSources> {
  const book = loadedBook(await store.catalog.products(), (currency) => store.catalog.prices(currency));
  const pbxs = new Map<string, Pbx | null>();
  const currencies = new Map<string, Currency>();
  return {
    book,
    findPbx: async (id) => {
      if (!pbxs.has(id)) pbxs.set(id, await store.pbxs.get(scope, id));
      return pbxs.get(id)!;
    },
    currencyOf: async (pbx) => {
      let currency = currencies.get(pbx.partner);
      if (!currency) currencies.set(pbx.partner, (currency = (await store.parties.partner(pbx.partner))?.currency ?? 'EUR'));
      return currency;
    },
  };
}

/** Who a quote document is from and for, and how it is marked: what a PDF writer needs besides the quote. */
export interface QuoteParties {
  readonly partner: Partner | null;
  readonly customer: Customer | null;
  readonly samplePrices: boolean;
  readonly sandbox: boolean;
}

/** The partner and customer of a quote on a PBX (or the acting partner's, ad hoc); without a store, none. */
export async function quoteParties(store: Store | null, actor: Actor | null, pbx: Pbx | null): Promise<QuoteParties> {
  if (!store || !actor) return { partner: null, customer: null, samplePrices: true, sandbox: false };
  const partnerId = pbx?.partner ?? actor.user.partner;
  return {
    partner: partnerId ? await store.parties.partner(partnerId) : null,
    customer: pbx ? await store.customers.get(actor.scope, pbx.customer) : null,
    samplePrices: (await store.settings.get('sample_prices')) === '1',
    sandbox: (await store.mode()) === 'sandbox',
  };
}
