import { NotFoundError, UsageError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { CalendarDate } from '../terms/dates.js';
import type { Currency } from '../terms/money.js';
import { type PbxLicence, coTerminate } from '../terms/period.js';
import { type Quote, buildQuote } from '../terms/quote.js';
import type { Term } from '../terms/term.js';
import type { Pbx, PriceKind, Product, Scope } from './model.js';
import { type PriceBook, type RequestedItem, priceItems } from './pricing.js';

/** What a quote is asked for, from flags or from a cases file. */
export interface QuoteInput {
  readonly pbx?: string | null;
  readonly term?: Term | null;
  readonly activated?: CalendarDate | null;
  readonly start: CalendarDate;
  readonly currency?: Currency | null;
  readonly items: readonly RequestedItem[];
}

/** What quoting needs from the world; the store's version applies the acting user's scope. */
export interface QuoteSources {
  readonly book: PriceBook;
  /** null for an unknown PBX and for another partner's alike. */
  findPbx(id: string): Pbx | null;
  /** The currency a PBX is quoted in: its partner's. */
  currencyOf(pbx: Pbx): Currency;
}

export interface QuotedPbx {
  readonly quote: Quote;
  readonly pbx: Pbx | null;
}

/** Prices and co-terminates one quote. Throws the refusals of TERMS.md and the catalog. */
export function makeQuote(sources: QuoteSources, input: QuoteInput): QuotedPbx {
  let licence: PbxLicence;
  let currency: Currency;
  let pbx: Pbx | null = null;
  if (input.pbx) {
    pbx = sources.findPbx(input.pbx);
    if (!pbx) throw new NotFoundError('PBX', input.pbx);
    licence = pbx;
    currency = input.currency ?? sources.currencyOf(pbx);
  } else {
    if (!input.term) throw new UsageError('missing --term: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
    if (input.activated == null) throw new UsageError('missing --activated: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
    licence = { id: null, license: input.term, activated: input.activated, cancelledOn: null };
    currency = input.currency ?? 'EUR';
  }
  const requestedTerm = input.pbx ? (input.term ?? null) : null;
  if (licence.license === 'perpetual' || (requestedTerm !== null && requestedTerm !== licence.license)) {
    coTerminate(licence, input.start, requestedTerm); // throws the refusal with its reason
  }
  const items = priceItems(sources.book, input.items, licence.license as Term, currency);
  return { quote: buildQuote({ pbx: licence, requestedTerm, start: input.start, currency, items }), pbx };
}

/** The store as a quote source, seen by one acting user; prices are read once per currency. */
export function storeQuoteSources(store: Store, scope: Scope): QuoteSources {
  const products = new Map<string, Product>(store.catalog.products().map((p) => [p.sku, p]));
  const prices = new Map<Currency, Map<string, Partial<Record<PriceKind, bigint>>>>();
  const pbxs = new Map<string, Pbx | null>();
  const currencies = new Map<string, Currency>();
  return {
    book: {
      product: (sku) => products.get(sku) ?? null,
      skus: () => [...products.keys()],
      price: (sku, currency, kind) => {
        let table = prices.get(currency);
        if (!table) prices.set(currency, (table = store.catalog.prices(currency)));
        return table.get(sku)?.[kind] ?? null;
      },
    },
    findPbx: (id) => {
      if (!pbxs.has(id)) pbxs.set(id, store.pbxs.get(scope, id));
      return pbxs.get(id)!;
    },
    currencyOf: (pbx) => {
      let currency = currencies.get(pbx.partner);
      if (!currency) currencies.set(pbx.partner, (currency = store.parties.partner(pbx.partner)?.currency ?? 'EUR'));
      return currency;
    },
  };
}
