import type { HwaasError } from '../errors.js';
import type { Agreement, Customer, Invoice, OrderSummary, Partner, StockLevel, User } from '../domain/kernel/model.js';
import { currentPeriod, type PbxOnDay } from '../domain/parties/pbxs.js';
import { type Pricelist, monthlyEquivalent, pricelistItems } from '../domain/catalog/pricelist.js';
import type { CaseOutcome } from '../domain/quoting/quoteCases.js';
import type { ImportReport } from '../domain/imports/run.js';
import { type CalendarDate, formatDate } from '../terms/dates.js';
import { formatAmount } from '../terms/money.js';
import type { Quote } from '../terms/quote.js';
import type { Term } from '../terms/term.js';
import { errorText } from './hints.js';
import type { OrderView } from '../domain/ordering/orderView.js';

/**
 * The JSON shapes of the command-line contract (docs/cli.md), in one place, built
 * from values the domain returns. Amounts are strings with two decimals, dates
 * `YYYY-MM-DD`, keys camelCase; nothing here reads the store.
 */

const date = (d: CalendarDate | null): string | null => (d === null ? null : formatDate(d));
const amount = (minor: bigint | null): string | null => (minor === null ? null : formatAmount(minor));

export const userJson = (u: User) => ({ id: u.id, email: u.email, name: u.name, role: u.role, partner: u.partner });
/** A user in `users list` and from `users add|disable|enable`: whoami's shape, with its state and, on a shared store, its login. */
export const userRecordJson = (u: User) => ({ ...userJson(u), disabled: Boolean(u.disabledAt), dbRole: u.dbRole ?? null });
export const USER_KEYS = ['id', 'email', 'name', 'role', 'partner', 'disabled', 'dbRole'] as const;

export const partnerJson = (p: Partner) => ({
  id: p.id,
  name: p.name,
  country: p.country,
  currency: p.currency,
  tier: p.tier,
  areaManagerName: p.areaManagerName,
  areaManagerEmail: p.areaManagerEmail,
});
export const PARTNER_KEYS = ['id', 'name', 'country', 'currency', 'tier', 'areaManagerName', 'areaManagerEmail'] as const;

export const customerJson = (c: Customer) => ({ id: c.id, name: c.name, partner: c.partner, country: c.country, vat: c.vat, email: c.email });
export const CUSTOMER_KEYS = ['id', 'name', 'partner', 'country', 'vat', 'email'] as const;

/** A PBX as `pbx list --json` shows it, with its current period and expiration on the day it was looked at. */
export function pbxJson(row: PbxOnDay) {
  const { pbx } = row;
  const period = currentPeriod(row);
  return {
    id: pbx.id,
    name: pbx.name,
    customer: pbx.customer,
    partner: pbx.partner,
    type: pbx.type,
    // The licence in force on the day (after a change of term, the new one).
    license: row.status.kind === 'active' ? row.status.period.term : pbx.license,
    activated: formatDate(pbx.activated),
    cancelledOn: date(pbx.cancelledOn),
    periodStart: period ? formatDate(period.start) : null,
    expiresOn: period ? formatDate(period.expiresOn) : null,
  };
}
export const PBX_KEYS = ['id', 'name', 'customer', 'partner', 'type', 'license', 'activated', 'cancelledOn', 'periodStart', 'expiresOn'] as const;

export const agreementJson = (a: Agreement) => ({ id: a.id, customer: a.customer, signedOn: formatDate(a.signedOn), file: a.file });
export const AGREEMENT_KEYS = ['id', 'customer', 'signedOn', 'file'] as const;

export const invoiceJson = (i: Invoice, daysOverdue: number, stage: string) => ({
  number: i.number,
  partner: i.partner,
  amount: formatAmount(i.amount),
  currency: i.currency,
  issuedOn: formatDate(i.issuedOn),
  dueOn: formatDate(i.dueOn),
  paidOn: date(i.paidOn),
  overdue: daysOverdue > 0,
  daysOverdue,
  stage,
});
export const INVOICE_KEYS = ['number', 'partner', 'amount', 'currency', 'issuedOn', 'dueOn', 'paidOn', 'overdue', 'daysOverdue', 'stage'] as const;

export const stockJson = (s: StockLevel) => ({ sku: s.sku, name: s.name, onHand: s.onHand, reserved: s.reserved, available: s.onHand - s.reserved });
export const STOCK_KEYS = ['sku', 'name', 'onHand', 'reserved', 'available'] as const;

/** The quote JSON of the contract ("Quote JSON"). */
export interface QuoteJson {
  pbx: string | null;
  term: Term;
  activated: string;
  currency: string;
  start: string;
  end: string;
  periodStart: string;
  days: number;
  periodDays: number;
  lines: {
    sku: string;
    name: string;
    qty: number;
    unitPrice: string;
    amount: string;
    renewal: string;
    resaleUnitPrice: string | null;
    resaleAmount: string | null;
    resaleRenewal: string | null;
    margin: string | null;
  }[];
  total: string;
  renewalDate: string | null;
  renewalTotal: string | null;
  renewalTerm?: string;
  resaleTotal: string | null;
  resaleRenewalTotal: string | null;
  marginTotal: string | null;
  marginPercent: string | null;
}

export function quoteJson(quote: Quote): QuoteJson {
  return {
    pbx: quote.pbx,
    term: quote.term,
    activated: formatDate(quote.activated),
    currency: quote.currency,
    start: formatDate(quote.start),
    end: formatDate(quote.end),
    periodStart: formatDate(quote.periodStart),
    days: quote.days,
    periodDays: quote.periodDays,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      qty: line.qty,
      unitPrice: formatAmount(line.unitPrice),
      amount: formatAmount(line.amount),
      renewal: formatAmount(line.renewal),
      resaleUnitPrice: amount(line.resaleUnitPrice),
      resaleAmount: amount(line.resaleAmount),
      resaleRenewal: amount(line.resaleRenewal),
      margin: amount(line.margin),
    })),
    total: formatAmount(quote.total),
    renewalDate: date(quote.renewalDate),
    renewalTotal: amount(quote.renewalTotal),
    // Only when a change of term takes effect at the renewal: the JSON of the contract otherwise.
    ...(quote.renewalTerm !== undefined && quote.renewalTerm !== quote.term ? { renewalTerm: quote.renewalTerm } : {}),
    resaleTotal: amount(quote.resaleTotal),
    resaleRenewalTotal: amount(quote.resaleRenewalTotal),
    marginTotal: amount(quote.marginTotal),
    marginPercent: quote.marginPercent,
  };
}

export const errorJson = (error: HwaasError) => ({ code: error.code, message: errorText(error) });

/** One outcome of `quote --file`: the quote, or the refusal. */
export const caseOutcomeJson = (outcome: CaseOutcome) => ('quote' in outcome ? quoteJson(outcome.quote) : { error: errorJson(outcome.error) });

export interface Difference {
  readonly field: string;
  readonly expected: unknown;
  readonly got: unknown;
}

/** The fields of a case's `expect` that its outcome does not match, compared as JSON. */
export function compareCase(outcome: CaseOutcome, expect: Readonly<Record<string, unknown>>): Difference[] {
  const json = 'quote' in outcome ? (quoteJson(outcome.quote) as unknown as Record<string, unknown>) : null;
  const differences: Difference[] = [];
  for (const [field, expected] of Object.entries(expect)) {
    let got: unknown;
    if (field === 'error') got = 'error' in outcome ? outcome.error.code : null;
    else got = json ? json[field] : undefined;
    if (JSON.stringify(got) !== JSON.stringify(expected)) differences.push({ field, expected, got: got === undefined && 'error' in outcome ? `error ${outcome.error.code}` : got });
  }
  return differences;
}

/** The order JSON of the contract: figures fixed at checkout, or a draft's estimate as of today. */
export function orderJson(view: OrderView) {
  const { order, figures, prices } = view;
  const { quote, estimate } = figures;
  const note = (sku: string) => {
    const n = prices.get(sku);
    return { listPrice: amount(n?.listPrice ?? null), priceOverride: n?.override ?? false };
  };
  return {
    id: order.id,
    status: order.status,
    customer: order.customer,
    pbx: order.pbx,
    term: order.term,
    createdAt: order.createdAt,
    placedAt: order.placedAt,
    start: quote ? formatDate(quote.start) : null,
    end: quote ? formatDate(quote.end) : null,
    currency: order.currency,
    estimate,
    lines: quote
      ? quote.lines.map((l) => ({
          sku: l.sku,
          name: l.name,
          qty: l.qty,
          unitPrice: formatAmount(l.unitPrice),
          amount: formatAmount(l.amount),
          renewal: formatAmount(l.renewal),
          ...note(l.sku),
          resaleUnitPrice: amount(l.resaleUnitPrice),
          resaleAmount: amount(l.resaleAmount),
          resaleRenewal: amount(l.resaleRenewal),
          margin: amount(l.margin),
        }))
      : order.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, unitPrice: null, amount: null, renewal: null, ...note(l.sku), resaleUnitPrice: null, resaleAmount: null, resaleRenewal: null, margin: null })),
    total: quote ? formatAmount(quote.total) : null,
    renewalTotal: quote ? amount(quote.renewalTotal) : null,
    resaleTotal: amount(quote?.resaleTotal ?? null),
    resaleRenewalTotal: amount(quote?.resaleRenewalTotal ?? null),
    marginTotal: amount(quote?.marginTotal ?? null),
    marginPercent: quote?.marginPercent ?? null,
    warnings: order.warnings,
    events: order.events.map((e) => ({ at: e.at, by: e.by, from: e.from, to: e.to })),
  };
}

export const orderSummaryJson = (o: OrderSummary) => ({
  id: o.id,
  status: o.status,
  partner: o.partner,
  customer: o.customer,
  pbx: o.pbx,
  term: o.term,
  currency: o.currency,
  total: amount(o.total),
  createdAt: o.createdAt,
  placedAt: o.placedAt,
  savedTotal: amount(o.savedTotal),
});
export const ORDER_SUMMARY_KEYS = ['id', 'status', 'partner', 'customer', 'pbx', 'term', 'currency', 'total', 'createdAt', 'placedAt', 'savedTotal'] as const;

/** The price list JSON of the contract, plus each term's monthly equivalent for OpEx. */
export function pricelistJson(list: Pricelist) {
  return {
    type: list.type,
    currency: list.currency,
    tier: list.resale ? null : list.tier,
    validFrom: formatDate(list.validFrom),
    resale: list.resale,
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

/** `hwaas import --json`, and the `details` of its error: what a run did, or would do, and why not. */
export const importJson = (r: ImportReport) => ({
  kind: r.kind,
  file: r.file,
  dryRun: r.dryRun,
  rows: r.rows,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  ...(r.kind === 'pricebook' ? { removed: r.removed } : {}),
  warnings: r.warnings,
  errors: r.errors,
  errorCount: r.errorCount,
});

/**
 * The CSV of the listings that have an import kind: the import's canonical columns, in
 * its order, with what an import reads back as the same values (dates YYYY-MM-DD,
 * amounts with two decimals, blank for nothing).
 */
export const IMPORT_CSV = {
  customers: {
    keys: ['id', 'name', 'country', 'vat', 'email', 'partner'],
    rows: (rows: readonly Customer[]) => rows.map((c) => ({ id: c.id, name: c.name, country: c.country, vat: c.vat, email: c.email, partner: c.partner })),
  },
  pbxs: {
    keys: ['id', 'customer', 'name', 'type', 'license', 'activated', 'cancelled'],
    rows: (rows: readonly PbxOnDay[]) =>
      rows.map(({ pbx }) => ({ id: pbx.id, customer: pbx.customer, name: pbx.name, type: pbx.type, license: pbx.license, activated: date(pbx.activated), cancelled: date(pbx.cancelledOn) })),
  },
  invoices: {
    keys: ['number', 'partner', 'amount', 'currency', 'issued', 'due', 'paid'],
    rows: (rows: readonly Invoice[]) =>
      rows.map((i) => ({ number: i.number, partner: i.partner, amount: amount(i.amount), currency: i.currency, issued: date(i.issuedOn), due: date(i.dueOn), paid: date(i.paidOn) })),
  },
  agreements: {
    keys: ['customer', 'signed', 'file'],
    // One row per customer, its latest agreement: the import's key is the customer.
    rows: (rows: readonly Agreement[]) => [...new Map(rows.map((a) => [a.customer, a])).values()].map((a) => ({ customer: a.customer, signed: date(a.signedOn), file: a.file })),
  },
  stock: {
    keys: ['sku', 'on_hand'],
    rows: (rows: readonly StockLevel[]) => rows.map((l) => ({ sku: l.sku, on_hand: l.onHand })),
  },
} as const;
