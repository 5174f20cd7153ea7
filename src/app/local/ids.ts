import { canonicalId } from '../../domain/kernel/ids.js';
import { UsageError } from '../../errors.js';
import { checkSerial, requireDistinct } from '../../domain/ordering/serials.rules.js';
import { type CalendarDate, formatDate, parseDate } from '../../terms/dates.js';

/** An ID a use case was given, as hwaas writes it; a blank one is an input error that names its field. */
export function idOf(value: string, field: string, what = 'an ID'): string {
  if (value.trim() === '') throw new UsageError(`${field}: give ${what} (it is blank).`, 'INVALID_INPUT', { field });
  return canonicalId(value);
}

/** A product's SKU as the catalogue writes it; a blank one is an input error that names its field. */
export function skuOf(value: string, field: string): string {
  if (value.trim() === '') throw new UsageError(`${field}: give a SKU (it is blank).`, 'INVALID_INPUT', { field });
  return value.trim().toUpperCase();
}

/** An ID that may be left out (absent: the use case's default); given blank, it is an input error, never the default by accident. */
export function optionalId(value: string | null | undefined, field: string): string | undefined {
  return value === undefined || value === null ? undefined : idOf(value, field);
}

/** A filter by ID: absent lists every one; blank is an input error, never "every one" by accident. */
export function idFilter(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value.trim() === '') throw new UsageError(`${field}: give an ID (it is blank); leave it out to list every one.`, 'INVALID_INPUT', { field });
  return canonicalId(value);
}

/** A period to list by, each end optional and included: `from` after `to` is an input error. */
export function dateRange(from: string | null | undefined, to: string | null | undefined): { from: CalendarDate | null; to: CalendarDate | null } {
  const start = from === undefined || from === null ? null : parseDate(from, 'from');
  const end = to === undefined || to === null ? null : parseDate(to, 'to');
  if (start !== null && end !== null && start > end) throw new UsageError(`to: ${formatDate(end)} is before from (${formatDate(start)}).`, 'INVALID_INPUT', { field: 'to' });
  return { from: start, to: end };
}

/** Serial numbers a request names: each checked, none twice. */
export function serialsOf(value: readonly string[] | null | undefined, field = 'serials'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UsageError(`${field}: a list of serial numbers.`, 'INVALID_INPUT', { field });
  const serials = value.map((v) => checkSerial(String(v), field));
  requireDistinct(serials, field);
  return serials;
}
