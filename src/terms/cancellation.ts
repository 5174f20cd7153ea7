import { type CalendarDate, addMonths, daysBetween } from './dates.js';
import { type PbxLicense, type TermSegment, periodsOverlapping, segmentOn } from './period.js';
import { prorate } from './proration.js';
import { type Term, TERM_MONTHS } from './term.js';
import { divideRoundHalfUp } from './money.js';

/** A unit is charged for at least this many months from its line's start. */
export const MINIMUM_MONTHS = 6;

/** One PBX period of a final charge: the part of `[e, minimumUntil)` that falls in it. */
export interface FinalChargePart {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly term: Term;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly days: number;
  readonly periodDays: number;
  readonly unitPrice: bigint;
  readonly amount: bigint;
}

export interface FinalCharge {
  readonly minimumUntil: CalendarDate;
  readonly amount: bigint;
  readonly parts: readonly FinalChargePart[];
}

/**
 * docs/terms.md "Cancellation and the six-month minimum": `qty` units of a line that
 * started on `since` stop at `effectiveOn` (the end of a PBX period). With `m =
 * addMonths(since, 6)`, if they stop before `m` the final charge covers `[effectiveOn, m)`:
 * for every PBX period `[b, b')` that overlaps it, `price × qty × overlapDays / days(b, b')`,
 * each part rounded half up; otherwise it is 0. `priceOf` is the line's unit price in a
 * term segment (after a change of term the new term's price applies).
 */
export function finalCharge(pbx: PbxLicense, effectiveOn: CalendarDate, since: CalendarDate, qty: number, priceOf: (segment: TermSegment) => bigint): FinalCharge {
  const minimumUntil = addMonths(since, MINIMUM_MONTHS);
  if (effectiveOn >= minimumUntil) return { minimumUntil, amount: 0n, parts: [] };
  const parts = periodsOverlapping(pbx, effectiveOn, minimumUntil).map((period): FinalChargePart => {
    const from = period.start > effectiveOn ? period.start : effectiveOn;
    // biome-ignore lint/complexity/useMathMinMax: calendar dates are branded numbers; Math.min would lose the brand
    const to = period.end < minimumUntil ? period.end : minimumUntil;
    const unitPrice = priceOf(segmentOn(pbx, period.start)!);
    const days = daysBetween(from, to);
    const periodDays = daysBetween(period.start, period.end);
    return { periodStart: period.start, periodEnd: period.end, term: period.term, from, to, days, periodDays, unitPrice, amount: prorate(unitPrice, qty, days, periodDays) };
  });
  return { minimumUntil, amount: parts.reduce((sum, p) => sum + p.amount, 0n), parts };
}

/** Monthly recurring revenue of a line: `unitPrice × qty ÷ months of the term`, half up to the minor unit once. */
export function monthlyRecurring(unitPrice: bigint, qty: number, term: Term): bigint {
  return divideRoundHalfUp(unitPrice * BigInt(qty), BigInt(TERM_MONTHS[term]));
}
