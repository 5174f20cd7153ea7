import { type CalendarDate, daysBetween, formatDate } from './dates.js';
import { type Currency, divideRoundHalfUp, formatAmount } from './money.js';
import { type PbxLicense, coTerminate } from './period.js';
import { prorate } from './proration.js';
import type { Term } from './term.js';

export interface QuoteItem {
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  /** Price per device per term, in minor units. */
  readonly unitPrice: bigint;
  /** The partner's resale price per device per term; null on a quote without a resale side. */
  readonly resaleUnitPrice?: bigint | null;
}

export interface QuoteLine extends QuoteItem {
  /** The prorated first charge. */
  readonly amount: bigint;
  /** The full charge at each renewal. */
  readonly renewal: bigint;
  readonly resaleUnitPrice: bigint | null;
  /** The same proration on the resale side: same days, same rounding. */
  readonly resaleAmount: bigint | null;
  readonly resaleRenewal: bigint | null;
  /** resaleAmount − amount. */
  readonly margin: bigint | null;
}

export interface QuoteRequest {
  readonly pbx: PbxLicense;
  /** A term the user asked for; refused when it is not the PBX's. */
  readonly requestedTerm?: Term | null;
  readonly start: CalendarDate;
  readonly currency: Currency;
  readonly items: readonly QuoteItem[];
}

export interface Quote {
  readonly pbx: string | null;
  readonly term: Term;
  readonly activated: CalendarDate;
  readonly currency: Currency;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly periodStart: CalendarDate;
  readonly days: number;
  readonly periodDays: number;
  readonly lines: readonly QuoteLine[];
  readonly total: bigint;
  /** null when the PBX was cancelled and the services end with it. */
  readonly renewalDate: CalendarDate | null;
  readonly renewalTotal: bigint | null;
  /** The term it renews on, when a change of term takes effect at the renewal (else the quote's own). */
  readonly renewalTerm?: Term;
  /** The resale side (null on a quote without one): sums of the rounded lines. */
  readonly resaleTotal: bigint | null;
  readonly resaleRenewalTotal: bigint | null;
  readonly marginTotal: bigint | null;
  /** marginTotal ÷ resaleTotal × 100, half up to one decimal; null without a resale side or when resaleTotal is 0. */
  readonly marginPercent: string | null;
}

/**
 * The quote as its customer sees it: the resale side in the place of the buy side, and
 * nothing of the buy side left (no buy price, no margin). Throws without a resale side.
 */
export function resaleSide(quote: Quote): Quote {
  if (quote.resaleTotal === null) throw new Error('resaleSide: the quote has no resale side');
  return {
    ...quote,
    lines: quote.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      qty: l.qty,
      unitPrice: l.resaleUnitPrice!,
      amount: l.resaleAmount!,
      renewal: l.resaleRenewal!,
      resaleUnitPrice: null,
      resaleAmount: null,
      resaleRenewal: null,
      margin: null,
    })),
    total: quote.resaleTotal,
    renewalTotal: quote.resaleRenewalTotal,
    resaleTotal: null,
    resaleRenewalTotal: null,
    marginTotal: null,
    marginPercent: null,
  };
}

/** A ratio in percent, half up (ties away from zero) to one decimal, as text: "25.0", "-3.5". */
export function percentOf(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const tenths = divideRoundHalfUp(part * 1000n, whole);
  const negative = tenths < 0n;
  const abs = negative ? -tenths : tenths;
  return `${negative ? '-' : ''}${abs / 10n}.${abs % 10n}`;
}

/** docs/terms.md from end to end: co-terminate, prorate each line, round once, sum the rounded lines. */
export function buildQuote(request: QuoteRequest): Quote {
  const coterm = coTerminate(request.pbx, request.start, request.requestedTerm);
  const days = daysBetween(coterm.start, coterm.end);
  const periodDays = daysBetween(coterm.period.start, coterm.period.end);
  let total = 0n;
  let renewalTotal = 0n;
  let resaleTotal: bigint | null = null;
  let resaleRenewalTotal = 0n;
  const lines: QuoteLine[] = [];
  // A plain loop with explicit fields: spreading objects that hold bigints is a slow path in V8.
  for (const item of request.items) {
    const amount = prorate(item.unitPrice, item.qty, days, periodDays);
    const renewal = item.unitPrice * BigInt(item.qty);
    total += amount;
    renewalTotal += renewal;
    const resaleUnitPrice = item.resaleUnitPrice ?? null;
    let resaleAmount: bigint | null = null;
    let resaleRenewal: bigint | null = null;
    if (resaleUnitPrice !== null) {
      resaleAmount = prorate(resaleUnitPrice, item.qty, days, periodDays);
      resaleRenewal = resaleUnitPrice * BigInt(item.qty);
      resaleTotal = (resaleTotal ?? 0n) + resaleAmount;
      resaleRenewalTotal += resaleRenewal;
    }
    lines.push({
      sku: item.sku,
      name: item.name,
      qty: item.qty,
      unitPrice: item.unitPrice,
      amount,
      renewal,
      resaleUnitPrice,
      resaleAmount,
      resaleRenewal,
      margin: resaleAmount === null ? null : resaleAmount - amount,
    });
  }
  const marginTotal = resaleTotal === null ? null : resaleTotal - total;
  return {
    pbx: request.pbx.id ?? null,
    term: coterm.term,
    activated: request.pbx.activated,
    currency: request.currency,
    start: coterm.start,
    end: coterm.end,
    periodStart: coterm.period.start,
    days,
    periodDays,
    lines,
    total,
    renewalDate: coterm.renews ? coterm.end : null,
    renewalTotal: coterm.renews ? renewalTotal : null,
    resaleTotal,
    resaleRenewalTotal: resaleTotal !== null && coterm.renews ? resaleRenewalTotal : null,
    marginTotal,
    marginPercent: resaleTotal === null || marginTotal === null ? null : percentOf(marginTotal, resaleTotal),
  };
}

const TERM_UNIT: Readonly<Record<Term, string>> = { monthly: 'month', yearly: 'year', 'five-year': 'five years' };

/** The exact value of n/d written with `places` decimals, truncated, and whether it was exact. */
function decimalExpansion(numerator: bigint, denominator: bigint, places: number): { text: string; exact: boolean } {
  const scale = 10n ** BigInt(places);
  const scaled = (numerator * scale) / denominator;
  const exact = (numerator * scale) % denominator === 0n;
  const units = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(places, '0');
  return { text: `${units}.${fraction}`, exact };
}

/**
 * The arithmetic of each line, in words and numbers, for a partner to show a
 * customer how the figure was reached.
 */
export function explainQuote(quote: Quote, compact = false): string[] {
  const out: string[] = [];
  const start = formatDate(quote.start);
  const end = formatDate(quote.end);
  const periodStart = formatDate(quote.periodStart);
  const periodEndNote = quote.renewalDate === null ? ' (the PBX is cancelled: the services end with it)' : '';
  out.push(
    `The services start on ${start} and end with the PBX on ${end}${periodEndNote}: ${quote.days} of the ${quote.periodDays} days of its current ${quote.term} period (${periodStart} to ${end}, end date not included).`,
  );
  for (const line of quote.lines) {
    const unit = formatAmount(line.unitPrice);
    const full = formatAmount(line.renewal);
    if (compact) {
      // A long quote: one short line each; the rule is said once, before them.
      out.push(
        quote.days === quote.periodDays
          ? `${line.sku}: ${unit} × ${line.qty} = ${formatAmount(line.amount)}`
          : `${line.sku}: ${unit} × ${line.qty} × ${quote.days}/${quote.periodDays} = ${formatAmount(line.amount)}`,
      );
      continue;
    }
    if (quote.days === quote.periodDays) {
      out.push(`${line.sku}: ${unit} ${quote.currency} per ${TERM_UNIT[quote.term]} × ${line.qty} = ${full}; the start is on a term boundary, so the whole term is charged.`);
      continue;
    }
    const numerator = line.unitPrice * BigInt(line.qty) * BigInt(quote.days);
    const denominator = BigInt(quote.periodDays) * 100n;
    const value = decimalExpansion(numerator, denominator, 4);
    out.push(
      `${line.sku}: ${unit} ${quote.currency} per ${TERM_UNIT[quote.term]} × ${line.qty} × ${quote.days}/${quote.periodDays} days = ${value.exact ? '' : '≈'}${value.text}${value.exact ? '' : '…'}, rounded half up to the cent: ${formatAmount(line.amount)}. It renews at ${full} on ${quote.renewalDate === null ? 'no date (no renewal)' : formatDate(quote.renewalDate)}.`,
    );
  }
  out.push(
    `Total first charge: the sum of the rounded lines, ${formatAmount(quote.total)} ${quote.currency}.` +
      (quote.renewalTotal === null ? '' : ` Each renewal after that: ${formatAmount(quote.renewalTotal)} ${quote.currency}.`),
  );
  return out;
}

/**
 * The quote with the resale unit prices of some lines replaced (an order made from a quote
 * the customer accepted: its prices hold while the quote is valid): the same days, the same
 * rounding per line, the totals summed again.
 */
export function withResalePrices(quote: Quote, prices: ReadonlyMap<string, bigint>): Quote {
  if (prices.size === 0) return quote;
  const lines = quote.lines.map((l): QuoteLine => {
    const price = prices.get(l.sku);
    if (price === undefined) return l;
    const resaleAmount = prorate(price, l.qty, quote.days, quote.periodDays);
    return { ...l, resaleUnitPrice: price, resaleAmount, resaleRenewal: price * BigInt(l.qty), margin: resaleAmount - l.amount };
  });
  const sided = lines.every((l) => l.resaleAmount !== null);
  const resaleTotal = sided ? lines.reduce((sum, l) => sum + l.resaleAmount!, 0n) : null;
  const marginTotal = resaleTotal === null ? null : resaleTotal - quote.total;
  return {
    ...quote,
    lines,
    resaleTotal,
    resaleRenewalTotal: resaleTotal !== null && quote.renewalTotal !== null ? lines.reduce((sum, l) => sum + l.resaleRenewal!, 0n) : null,
    marginTotal,
    marginPercent: resaleTotal === null || marginTotal === null ? null : percentOf(marginTotal, resaleTotal),
  };
}
