import { UsageError } from '../errors.js';

/**
 * A calendar date with no time of day and no time zone, held as the number of
 * days since 1970-01-01. The brand keeps it from mixing with other numbers.
 */
export type CalendarDate = number & { readonly __calendarDate: unique symbol };

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

export const MIN_YEAR = 1;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic,
// proleptic Gregorian calendar, valid far beyond the years we accept.
export function fromCivil(year: number, month: number, day: number): CalendarDate {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as CalendarDate;
}

export function toCivil(date: CalendarDate): CivilDate {
  const z = date + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date if `text` is a real `YYYY-MM-DD` date, else null. */
export function tryParseDate(text: string): CalendarDate | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return fromCivil(year, month, day);
}

/** Strict `YYYY-MM-DD`; `what` names the value in the error ("--start", "activation date"). */
export function parseDate(text: string, what = 'date'): CalendarDate {
  const date = tryParseDate(text);
  if (date === null) {
    const hint = DATE_PATTERN.test(text) ? 'that day does not exist' : 'write it as YYYY-MM-DD, e.g. 2020-08-01';
    throw new UsageError(`${what}: "${text}" is not a calendar date (${hint}).`);
  }
  return date;
}

export function formatDate(date: CalendarDate): string {
  const { year, month, day } = toCivil(date);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The last date hwaas handles: dates are written with four-digit years. */
export const MAX_DATE = fromCivil(9999, 12, 31);

/** A computed date past 9999-12-31 is the input's fault (a far "today" or start), never stored data's. */
export function checkWithinCalendar(date: CalendarDate, what: string): CalendarDate {
  if (date > MAX_DATE) {
    throw new UsageError(`${what} would fall after 9999-12-31, the last date hwaas handles: choose an earlier date.`);
  }
  return date;
}

/** Calendar days from `a` to `b`, `b` exclusive. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return b - a;
}

/** Moves year and month by `months`, clamping the day to the target month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return addMonthsCivil(toCivil(date), months);
}

/** addMonths from an already split date: the term engine's hot path splits the anchor once. */
export function addMonthsCivil({ year, month, day }: CivilDate, months: number): CalendarDate {
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return fromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
