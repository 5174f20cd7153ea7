import { type CalendarDate, toCivil } from '../terms/dates.js';

/** A document's date as the JS Date that pdfkit and exceljs want: midnight UTC, so the same day gives the same bytes. */
export function utcDate(date: CalendarDate): Date {
  const { year, month, day } = toCivil(date);
  return new Date(Date.UTC(year, month - 1, day));
}
