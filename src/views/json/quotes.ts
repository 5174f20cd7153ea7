import { type QuoteRecord, type Tier, orderId } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import type { Quote } from '../../terms/quote.js';
import type { Term } from '../../terms/term.js';
import { type Amount, type DateText, type ErrorJson, type Timestamp, amount, date } from './common.js';

/** A line of a quote, both sides. */
export interface QuoteLineJson {
  sku: string;
  name: string;
  qty: number;
  unitPrice: Amount;
  amount: Amount;
  renewal: Amount;
  resaleUnitPrice: Amount | null;
  resaleAmount: Amount | null;
  resaleRenewal: Amount | null;
  margin: Amount | null;
}

/** The quote JSON of the contract ("Quote JSON"). */
export interface QuoteJson {
  pbx: string | null;
  term: Term;
  activated: DateText;
  currency: string;
  start: DateText;
  end: DateText;
  periodStart: DateText;
  days: number;
  periodDays: number;
  lines: QuoteLineJson[];
  total: Amount;
  renewalDate: DateText | null;
  renewalTotal: Amount | null;
  /** Only when a change of term takes effect at the renewal. */
  renewalTerm?: Term;
  resaleTotal: Amount | null;
  resaleRenewalTotal: Amount | null;
  marginTotal: Amount | null;
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

/** The price book a quote was priced from: null validFrom when every line had its own price and no book was in force. */
export interface PriceBookRefJson {
  tier: Tier;
  currency: string;
  validFrom: DateText | null;
}

/** What the quote use case returns: the quote and what a table says around it. */
export interface QuoteResultJson {
  quote: QuoteJson;
  /** The PBX quoted for (null ad hoc). */
  pbx: { id: string; name: string; customer: string } | null;
  priceBook: PriceBookRefJson;
  /** The arithmetic of each line in words, when asked for (buy side, or the sell side's). */
  explanation: string[] | null;
}

/** A quote sent to a customer, as `quotes list` shows it. */
export interface QuoteRecordJson {
  number: string;
  partner: string;
  customer: string | null;
  pbx: string | null;
  issuedOn: DateText;
  validUntil: DateText;
  currency: string;
  resaleTotal: Amount;
  total: Amount;
  margin: Amount;
  createdBy: string;
  /** Past its valid-until on the day looked at. */
  expired: boolean;
  /** sent, accepted, declined, expired (past its valid-until, neither declined nor ordered) or ordered. */
  status: 'sent' | 'accepted' | 'declined' | 'expired' | 'ordered';
  /** The order made from it. */
  order: string | null;
  /** When it was accepted, declined or ordered, and by whom. */
  decidedAt: Timestamp | null;
  decidedBy: string | null;
}
export const quoteRecordJson = (q: QuoteRecord, expired: boolean): QuoteRecordJson => ({
  number: q.number,
  partner: q.partner,
  customer: q.customer,
  pbx: q.pbx,
  issuedOn: formatDate(q.issuedOn),
  validUntil: formatDate(q.validUntil),
  currency: q.currency,
  resaleTotal: formatAmount(q.resaleTotal),
  total: formatAmount(q.total),
  margin: formatAmount(q.resaleTotal - q.total),
  createdBy: q.createdBy,
  expired,
  status: (q.status === 'sent' || q.status === 'accepted') && expired ? 'expired' : q.status,
  order: q.orderSeq === null ? null : orderId(q.orderSeq),
  decidedAt: q.decidedAt,
  decidedBy: q.decidedBy,
});
export const QUOTE_RECORD_KEYS = [
  'number',
  'partner',
  'customer',
  'pbx',
  'issuedOn',
  'validUntil',
  'currency',
  'resaleTotal',
  'total',
  'margin',
  'createdBy',
  'expired',
  'status',
  'order',
  'decidedAt',
  'decidedBy',
] as const;

/** A line of a quote as its document said it. */
export interface SentLineJson {
  sku: string;
  name: string;
  qty: number;
  unitPrice: string;
  resaleUnitPrice: string;
  resaleAmount: string;
  resaleRenewal: string;
  amount: string;
  margin: string;
}

/** `quotes show`: the record and what its document said. */
export interface SentQuoteJson extends QuoteRecordJson {
  priceBook: { tier: string; book: string | null };
  quote: { term: string; start: string; end: string; days: number; periodDays: number; renewalDate: string | null; resaleRenewalTotal: string | null; lines: SentLineJson[] } & Record<string, unknown>;
  customerName: string | null;
  pbxName: string | null;
}

/** One outcome of `quote --file`: the quote, or the refusal (its sentence said by the caller, with its hint). */
export type CaseOutcomeJson = QuoteJson | { error: ErrorJson };

export interface CaseCheckJson {
  index: number;
  name: string;
  passed: boolean;
  differences: { field: string; expected: unknown; got: unknown }[];
  reason?: string;
}

/** A file a use case made (a PDF, a sheet, a CSV): its bytes and what it is. */
export interface DocumentJson {
  /** A name to save it under. */
  name: string;
  mediaType: string;
  /** The bytes, as base64 over HTTP. */
  content: Uint8Array;
  /** "Quote Q-2026-00001", "Order confirmation ORD-000042 (internal copy)". */
  title: string;
  /** The number a customer's quote was recorded under. */
  number: string | null;
  /** What the document lacks (a partner profile without its VAT number, a customer without an address): said on stderr. */
  warnings?: string[];
}
