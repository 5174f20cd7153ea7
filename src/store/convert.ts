import { type CalendarDate, formatDate, parseDate } from '../terms/dates.js';

/** Dates are stored as `YYYY-MM-DD` text, so the file reads well in any SQLite tool. */
export const toDateText = (date: CalendarDate): string => formatDate(date);
export const fromDateText = (text: string): CalendarDate => parseDate(text, 'stored date');
export const fromOptionalDateText = (text: string | null): CalendarDate | null => (text === null ? null : fromDateText(text));

/** `%text%` for LIKE … ESCAPE '\', with the user's `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
