import { RefusedError } from '../errors.js';
import { type CalendarDate, MAX_DATE, addMonths, addMonthsCivil, checkWithinCalendar, formatDate, toCivil } from './dates.js';
import { type License, type Term, TERM_MONTHS } from './term.js';

/** A half-open period `[start, end)`; `end` is the expiration, the first day not covered. */
export interface Period {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  /** Which period since activation: 0 is the first. */
  readonly index: number;
}

/** Boundary `k` of a subscription activated on `activated`, always counted from the anchor. */
export function boundary(activated: CalendarDate, term: Term, k: number): CalendarDate {
  return addMonths(activated, k * TERM_MONTHS[term]);
}

/** The period that contains `date` (which must not be before `activated`). */
export function periodOn(activated: CalendarDate, term: Term, date: CalendarDate): Period & { readonly term: Term } {
  if (date < activated) throw new RangeError('periodOn: date before activation');
  const months = TERM_MONTHS[term];
  const anchor = toCivil(activated);
  const on = toCivil(date);
  let k = Math.floor(((on.year - anchor.year) * 12 + (on.month - anchor.month)) / months);
  // The month count ignores days, so the estimate is off by at most one period.
  let start = addMonthsCivil(anchor, k * months);
  if (start > date) {
    k -= 1;
    start = addMonthsCivil(anchor, k * months);
  }
  let end = addMonthsCivil(anchor, (k + 1) * months);
  if (end <= date) {
    k += 1;
    start = end;
    end = addMonthsCivil(anchor, (k + 1) * months);
  }
  if (end > MAX_DATE) checkWithinCalendar(end, `The ${term} period that contains ${formatDate(date)} ends on a date that`);
  return { start, end, index: k, term };
}

/**
 * A stretch of a PBX's life on one term, anchored at its own start: its boundaries are
 * `addMonths(from, k × months)`. The first segment starts at the activation.
 */
export interface TermSegment {
  readonly from: CalendarDate;
  readonly term: Term;
}

/** The subscription facts of a PBX that the term engine needs. */
export interface PbxLicense {
  readonly id?: string | null;
  /** The licence it was activated with. */
  readonly license: License;
  readonly activated: CalendarDate;
  /** First day the PBX no longer runs, if it was cancelled. */
  readonly cancelledOn: CalendarDate | null;
  /** Changes of term after the activation, oldest first; each starts at a boundary of the segment before it. */
  readonly termChanges?: readonly TermSegment[];
}

/** The segment that contains `date` (the first one before the activation); null for a perpetual PBX. */
export function segmentOn(pbx: PbxLicense, date: CalendarDate): TermSegment | null {
  if (pbx.license === 'perpetual') return null;
  const changes = pbx.termChanges;
  if (changes) for (let i = changes.length - 1; i >= 0; i--) if (changes[i]!.from <= date) return changes[i]!;
  return { from: pbx.activated, term: pbx.license };
}

/** The PBX's licence on `date`: the term of its segment then, or perpetual. */
export function termOn(pbx: PbxLicense, date: CalendarDate): License {
  if (!pbx.termChanges || pbx.termChanges.length === 0) return pbx.license; // one segment: the hot path of every quote
  return segmentOn(pbx, date)?.term ?? 'perpetual';
}

/** The PBX's period that contains `date` (on or after the activation), whatever the PBX's cancellation says. */
export function pbxPeriodOn(pbx: PbxLicense, date: CalendarDate): Period & { readonly term: Term } {
  if (pbx.license !== 'perpetual' && (!pbx.termChanges || pbx.termChanges.length === 0)) return periodOn(pbx.activated, pbx.license, date);
  const segment = segmentOn(pbx, date);
  if (!segment) throw new RangeError('pbxPeriodOn: a perpetual PBX has no periods');
  return periodOn(segment.from, segment.term, date);
}

/** The PBX's periods that overlap `[from, to)`, in order (continuing past a cancellation as if it renewed). */
export function periodsOverlapping(pbx: PbxLicense, from: CalendarDate, to: CalendarDate): (Period & { readonly term: Term })[] {
  const periods: (Period & { readonly term: Term })[] = [];
  for (let day = from; day < to; ) {
    const period = pbxPeriodOn(pbx, day);
    periods.push(period);
    day = period.end;
  }
  return periods;
}

/** The current period and expiration of a PBX on `date`, or why there is none. */
export type PbxStatus =
  | { readonly kind: 'perpetual' }
  | { readonly kind: 'not-yet-active' }
  | { readonly kind: 'ended'; readonly endedOn: CalendarDate }
  | { readonly kind: 'active'; readonly period: Period & { readonly term: Term }; readonly expiresOn: CalendarDate; readonly renews: boolean };

export function pbxStatusOn(pbx: PbxLicense, date: CalendarDate): PbxStatus {
  if (pbx.license === 'perpetual') return { kind: 'perpetual' };
  if (date < pbx.activated) return { kind: 'not-yet-active' };
  if (pbx.cancelledOn !== null && date >= pbx.cancelledOn) return { kind: 'ended', endedOn: pbx.cancelledOn };
  const period = pbxPeriodOn(pbx, date);
  if (pbx.cancelledOn !== null && pbx.cancelledOn <= period.end) {
    return { kind: 'active', period, expiresOn: pbx.cancelledOn, renews: false };
  }
  return { kind: 'active', period, expiresOn: period.end, renews: true };
}

/** The period a service gets when it starts on `start`: co-terminated with the PBX. */
export interface CoTermination {
  readonly term: Term;
  /** The PBX's period that contains the start: the proration denominator. */
  readonly period: Period;
  readonly start: CalendarDate;
  /** The PBX's expiration on `start`; the service ends with it. */
  readonly end: CalendarDate;
  /** Whether the service renews with the PBX at `end` (not when the PBX was cancelled). */
  readonly renews: boolean;
}

/**
 * docs/terms.md "Co-termination": the service must have the PBX's term, starts on a
 * subscription PBX that is running, and ends on the PBX's expiration.
 */
export function coTerminate(pbx: PbxLicense, start: CalendarDate, requestedTerm?: Term | null): CoTermination {
  const name = pbx.id ? `PBX ${pbx.id}` : 'The PBX';
  if (pbx.license === 'perpetual') {
    throw new RefusedError('NOT_SUBSCRIPTION', `${name} has a perpetual licence: HWaaS exists only for subscription PBXs (monthly, yearly, five-year).`);
  }
  const term = termOn(pbx, start) as Term;
  if (requestedTerm && requestedTerm !== term) {
    throw new RefusedError(
      'TERM_MISMATCH',
      `${name} has ${term} licences${term !== pbx.license ? ` from ${formatDate(segmentOn(pbx, start)!.from)}` : ''}, so a ${requestedTerm} service cannot be attached to it: every service on a PBX shares its term.`,
      { hint: { kind: 'use-term', term } },
    );
  }
  if (start < pbx.activated) {
    throw new RefusedError(
      'BEFORE_ACTIVATION',
      `${name} is activated on ${formatDate(pbx.activated)}: a service cannot start on ${formatDate(start)}, before it; choose a start on or after the activation.`,
    );
  }
  const status = pbxStatusOn(pbx, start);
  if (status.kind === 'ended') {
    throw new RefusedError('PBX_ENDED', `${name} was cancelled and ended on ${formatDate(status.endedOn)}: nothing can be ordered for it from then on.`);
  }
  if (status.kind !== 'active') throw new Error(`unreachable PBX status ${status.kind}`);
  return { term, period: status.period, start, end: status.expiresOn, renews: status.renews };
}
