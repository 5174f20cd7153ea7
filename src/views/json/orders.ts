import type { OrderStatus, OrderSummary } from '../../domain/kernel/model.js';
import type { OrderView } from '../../domain/ordering/orderView.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import type { Term } from '../../terms/term.js';
import { type Amount, type DateText, type Timestamp, amount } from './common.js';
import type { QuoteLineJson } from './quotes.js';

export interface OrderLineJson extends QuoteLineJson {
  listPrice: Amount | null;
  priceOverride: boolean;
  /** Serial numbers of the devices shipped, as staff recorded them. */
  serials: string[];
}

/** The order JSON of the contract: figures fixed at checkout, or a draft's estimate as of today. */
export interface OrderJson {
  id: string;
  status: OrderStatus;
  customer: string;
  pbx: string;
  term: Term;
  createdAt: Timestamp;
  placedAt: Timestamp | null;
  start: DateText | null;
  end: DateText | null;
  currency: string;
  estimate: boolean;
  lines: (OrderLineJson | (Omit<OrderLineJson, 'unitPrice' | 'amount' | 'renewal'> & { unitPrice: null; amount: null; renewal: null }))[];
  total: Amount | null;
  renewalTotal: Amount | null;
  resaleTotal: Amount | null;
  resaleRenewalTotal: Amount | null;
  marginTotal: Amount | null;
  marginPercent: string | null;
  warnings: string[];
  /** `actedBy`: Wildix staff who acted as `by` (through a server, with --as), else null. */
  events: { at: Timestamp; by: string; actedBy: string | null; from: OrderStatus | null; to: OrderStatus }[];
  /** The customer's name (a table says it). */
  customerName: string | null;
  /** Why a draft cannot be priced today, when it cannot. */
  problem: string | null;
  /** The figures as a quote (fixed at checkout, or a draft's as if checked out today), for documents and tables. */
  renewalDate: DateText | null;
  renewalTerm: Term | null;
  periodStart: DateText | null;
  days: number | null;
  periodDays: number | null;
  activated: DateText | null;
  /** `quote` for an order made from a quote (its number in `quote`), `import` for a line brought in, else null. */
  source: 'import' | 'quote' | null;
  quote: string | null;
}

export function orderJson(view: OrderView): OrderJson {
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
          serials: [...(order.lines.find((o) => o.sku === l.sku)?.serials ?? [])],
        }))
      : order.lines.map((l) => ({
          sku: l.sku,
          name: l.name,
          qty: l.qty,
          unitPrice: null,
          amount: null,
          renewal: null,
          ...note(l.sku),
          resaleUnitPrice: null,
          resaleAmount: null,
          resaleRenewal: null,
          margin: null,
          serials: [...l.serials],
        })),
    total: quote ? formatAmount(quote.total) : null,
    renewalTotal: quote ? amount(quote.renewalTotal) : null,
    resaleTotal: amount(quote?.resaleTotal ?? null),
    resaleRenewalTotal: amount(quote?.resaleRenewalTotal ?? null),
    marginTotal: amount(quote?.marginTotal ?? null),
    marginPercent: quote?.marginPercent ?? null,
    warnings: [...order.warnings],
    events: order.events.map((e) => ({ at: e.at, by: e.by, actedBy: e.actedBy, from: e.from, to: e.to })),
    customerName: view.customer?.name ?? null,
    problem: figures.problem,
    renewalDate: quote?.renewalDate === null || !quote ? null : formatDate(quote.renewalDate),
    renewalTerm: quote?.renewalTerm ?? null,
    periodStart: quote ? formatDate(quote.periodStart) : null,
    days: quote?.days ?? null,
    periodDays: quote?.periodDays ?? null,
    activated: quote ? formatDate(quote.activated) : null,
    source: order.source,
    quote: order.quote,
  };
}

export interface OrderSummaryJson {
  id: string;
  status: OrderStatus;
  partner: string;
  customer: string;
  pbx: string;
  term: Term;
  currency: string;
  total: Amount | null;
  createdAt: Timestamp;
  placedAt: Timestamp | null;
  savedTotal: Amount | null;
  customerName: string | null;
  /** `import` for a line brought in by `import services`, `quote` for an order made from a quote, else null. */
  source: 'import' | 'quote' | null;
}
export const orderSummaryJson = (o: OrderSummary, customerName: string | null): OrderSummaryJson => ({
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
  customerName,
  source: o.source,
});
export const ORDER_SUMMARY_KEYS = ['id', 'status', 'partner', 'customer', 'pbx', 'term', 'currency', 'total', 'createdAt', 'placedAt', 'savedTotal', 'customerName', 'source'] as const;

/** What checking out a draft would do now, asked before it is done. */
export interface CheckoutPreviewJson {
  order: OrderJson;
  /** The day the figures are for: checkout is refused on another (midnight passed while asking). */
  day: DateText;
  /** The draft's first charge when it was saved, when checkout re-prices it to another. */
  savedTotal: Amount | null;
}

/** What placing an order would cost today, asked before it is placed. */
export interface OrderPreviewJson {
  total: Amount;
  currency: string;
  resaleTotal: Amount | null;
  day: DateText;
}
