import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import { type PbxLicense, coTerminate, termOn } from '../../terms/period.js';
import { type Quote, buildQuote } from '../../terms/quote.js';
import type { Term } from '../../terms/term.js';
import type { Actor, BookKey, Customer, Partner, Pbx, Scope, Tier } from '../kernel/model.js';
import type { Repositories, Store } from '../kernel/port.js';
import { type BookSource, noPriceBook, storeBooks } from '../catalog/pricebooks.js';
import { priceItems } from '../catalog/pricing.js';
import { type ResalePricer, resalePricer } from '../catalog/resale.js';

import type { RequestedItem } from '../catalog/items.js';

/** What a quote is asked for, from flags or from a cases file: a PBX, or a term and an activation (ad hoc). */
export type QuoteInput = {
  readonly start: CalendarDate;
  readonly currency?: Currency | null;
  /** The price book tier of an ad-hoc quote without a partner (staff); default reseller. */
  readonly tier?: Tier | null;
  readonly items: readonly RequestedItem[];
} & ({ readonly pbx: string; readonly term?: Term | null } | { readonly pbx?: null; readonly term: Term; readonly activated: CalendarDate });

/** What quoting needs from the world; the store's version applies the acting user's scope. */
export interface QuoteSources {
  readonly books: BookSource;
  /** null for an unknown PBX and for another partner's alike. */
  findPbx(id: string): Promise<Pbx | null>;
  partner(id: string): Promise<Partner | null>;
  /** The acting user's partner (a partner's user): whose ad-hoc quotes they are. */
  readonly actingPartner: string | null;
  /** A partner's resale rules, as prices. */
  resale(partner: string): Promise<ResalePricer>;
}

export interface QuotedPbx {
  readonly quote: Quote;
  readonly pbx: Pbx | null;
  /** The partner whose quote it is (its buy and resale sides); null for staff ad hoc and without a store. */
  readonly partner: Partner | null;
  readonly tier: Tier;
  /** The price book version used; null when every line had its own price and no book was in force. */
  readonly book: BookKey | null;
}

/** Prices and co-terminates one quote. Throws the refusals of docs/terms.md and the price book. */
export async function makeQuote(sources: QuoteSources, input: QuoteInput): Promise<QuotedPbx> {
  let subject: PbxLicense;
  let pbx: Pbx | null = null;
  let requestedTerm: Term | null = null;
  let partnerId: string | null;
  if (input.pbx) {
    pbx = await sources.findPbx(input.pbx);
    if (!pbx) throw new NotFoundError('PBX', input.pbx);
    subject = pbx;
    requestedTerm = input.term ?? null;
    partnerId = pbx.partner;
  } else {
    const adHoc = input as { term: Term; activated: CalendarDate };
    subject = { id: null, license: adHoc.term, activated: adHoc.activated, cancelledOn: null };
    partnerId = sources.actingPartner;
  }
  const partner = partnerId ? await sources.partner(partnerId) : null;
  const tier = partner ? partnerTier(partner, input.tier ?? null, sources.actingPartner !== null) : (input.tier ?? 'reseller');
  const currency = input.currency ?? partner?.currency ?? 'EUR';
  const licensed = termOn(subject, input.start);
  if (licensed === 'perpetual' || (requestedTerm !== null && requestedTerm !== licensed)) {
    coTerminate(subject, input.start, requestedTerm); // throws the refusal with its reason
  }
  const book = await sources.books.inForce(tier, currency, input.start);
  const resale = partner ? await sources.resale(partner.id) : null;
  const items = priceItems(await sources.books.products(), book, input.items, licensed as Term, currency, () => noPriceBook(tier, currency, input.start), resale);
  let quote = buildQuote({ pbx: subject, requestedTerm, start: input.start, currency, items });
  // A change of term that takes effect at the renewal: the lines renew on the new term, at the price of the book then.
  const change = pbx?.termChanges.find((c) => quote.renewalDate !== null && c.from === quote.renewalDate);
  if (change) {
    const next = await sources.books.inForce(tier, currency, change.from);
    const products = await sources.books.products();
    const lines = quote.lines.map((line) => {
      const price = next?.line(line.sku)?.prices[change.term];
      if (price === undefined || price === null) {
        throw new RefusedError(
          'NOT_PRICED',
          `${line.sku} has no ${change.term} price in the book in force on ${formatDate(change.from)}, when PBX ${pbx!.id} changes to ${change.term}: it could not renew, so it cannot be quoted or ordered for this PBX now.`,
        );
      }
      const resaleUnit = line.resaleRenewal === null || !resale ? null : resale.unitPrice(line.sku, products.get(line.sku)?.category ?? '', change.term, currency, price);
      return { ...line, renewal: price * BigInt(line.qty), resaleRenewal: resaleUnit === null ? line.resaleRenewal : resaleUnit * BigInt(line.qty) };
    });
    quote = {
      ...quote,
      lines,
      renewalTerm: change.term,
      renewalTotal: lines.reduce((sum, l) => sum + l.renewal, 0n),
      resaleRenewalTotal: quote.resaleRenewalTotal === null ? null : lines.reduce((sum, l) => sum + (l.resaleRenewal ?? 0n), 0n),
    };
  }
  return { quote, pbx, partner, tier, book: book ? { tier: book.tier, currency: book.currency, validFrom: book.validFrom } : null };
}

/** A partner's quote uses its own tier; a partner's user may not ask for another, and staff may not price a partner at another's. */
function partnerTier(partner: Partner, asked: Tier | null, askedByPartner: boolean): Tier {
  if (asked === null || asked === partner.tier) return partner.tier;
  if (askedByPartner) throw new RefusedError('NOT_ALLOWED', `a partner is quoted at its own tier (${partner.tier}), not ${asked}.`);
  throw new UsageError(`${partner.id} is a ${partner.tier} partner: its quotes use the ${partner.tier} price book; the tier is a choice only for an ad-hoc quote without a partner.`, 'USAGE');
}

/** The store as a quote source, seen by one acting user; books, partners and resale rules are read once. */
export function storeQuoteSources(store: Repositories, scope: Scope): QuoteSources {
  const pbxs = new Map<string, Pbx | null>();
  const partners = new Map<string, Promise<Partner | null>>();
  const pricers = new Map<string, Promise<ResalePricer>>();
  return {
    books: storeBooks(store),
    actingPartner: scope.kind === 'partner' ? scope.partnerId : null,
    findPbx: async (id) => {
      if (!pbxs.has(id)) pbxs.set(id, await store.pbxs.get(scope, id));
      return pbxs.get(id)!;
    },
    partner: (id) => {
      if (!partners.has(id)) partners.set(id, store.parties.partner(id));
      return partners.get(id)!;
    },
    resale: (id) => {
      if (!pricers.has(id)) pricers.set(id, store.resale.list(id).then(resalePricer));
      return pricers.get(id)!;
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
