import { type CalendarDate, MIN_YEAR, formatDate, fromCivil, tryParseDate } from '../../terms/dates.js';

/**
 * The values of a spreadsheet's cells as an import reads them: text (CSV, and text
 * cells), numbers, booleans and dates (typed cells of an XLSX file), or nothing.
 * Each reader below turns one into what a column needs, or says in one phrase why
 * it cannot (the import puts the file, row and column in front).
 */
export type Cell = string | number | boolean | Date | CellError | null;

/** A spreadsheet's error value (#N/A, #REF!…), or a formula saved without its value: never data. */
export class CellError {
  constructor(
    readonly code: string,
    /** What to say after the column's name, when the reader knows more than the code. */
    readonly message?: string,
  ) {}
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (problem: string): Parsed<never> => ({ ok: false, problem });

/** How text dates other than `YYYY-MM-DD` are written, when the user says so (`--date-format`). */
export const DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface CellOptions {
  readonly dateFormat: DateFormat | null;
  /** Amounts written `1.234,56` (or `1234,56`) rather than `1,234.56`. */
  readonly decimalComma: boolean;
}

/** A date cell of a spreadsheet is a moment at midnight UTC (exceljs reads them so). */
function dateOfCell(date: Date): Parsed<CalendarDate> {
  if (Number.isNaN(date.getTime())) return no('is not a valid date');
  const year = date.getUTCFullYear();
  if (year < MIN_YEAR || year > 9999) return no(`holds a date in the year ${year}, outside the years ${MIN_YEAR} to 9999 that hwaas handles`);
  if (date.getUTCHours() !== 0 || date.getUTCMinutes() !== 0 || date.getUTCSeconds() !== 0) {
    return no(`holds a time of day (${date.toISOString().slice(11, 16)}) as well as a date; give the date alone`);
  }
  return ok(fromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
}

/** What a cell says as text: numbers as written (1001, 19.5), dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof CellError) return cell.code;
  const date = dateOfCell(cell);
  if (date.ok) return formatDate(date.value);
  return Number.isNaN(cell.getTime()) ? 'an invalid date' : cell.toISOString();
}

export const isBlank = (cell: Cell): boolean => cellText(cell).trim() === '';

/**
 * Text as it was before a CSV writer kept a spreadsheet from running it as a formula:
 * hwaas's exports (and others') put an apostrophe before a leading =, +, -, @, tab or
 * CR; read back, the apostrophe goes, so exporting and importing changes nothing.
 */
export function withoutFormulaGuard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const OTHER_DATE: Record<DateFormat, RegExp> = {
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
};

export function cellDate(cell: Cell, options: CellOptions): Parsed<CalendarDate> {
  if (cell instanceof Date) return dateOfCell(cell);
  if (typeof cell === 'number') return no(`is the number ${cell}, not a date; format the cell as a date, or write YYYY-MM-DD`);
  const text = cellText(cell).trim();
  const iso = tryParseDate(text);
  if (iso !== null) return ok(iso);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return no(`"${text}" is not a calendar date (that day does not exist)`);
  if (options.dateFormat) {
    const groups = OTHER_DATE[options.dateFormat].exec(text)?.groups;
    if (groups) {
      const written = `${groups.y}-${groups.m!.padStart(2, '0')}-${groups.d!.padStart(2, '0')}`;
      const date = tryParseDate(written);
      return date === null ? no(`"${text}" is not a calendar date in ${options.dateFormat} (that day does not exist)`) : ok(date);
    }
    return no(`"${text}" is neither YYYY-MM-DD nor ${options.dateFormat}`);
  }
  return no(`"${text}" is not a YYYY-MM-DD date; dates written otherwise need their format said (${DATE_FORMATS.join(', ')})`);
}

/** The largest amount an import takes: 999,999,999,999.99 (exact in minor units as a bigint). */
const MAX_MINOR = 99_999_999_999_999n;

const DOT = { plain: /^(\d+)(?:\.(\d+))?$/, grouped: /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/, separator: ',' } as const;
const COMMA = { plain: /^(\d+)(?:,(\d+))?$/, grouped: /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/, separator: '.' } as const;

/**
 * An amount, exact to the cent: decimal text (`1234.56`, `1,234.56`; with
 * --decimal-comma `1234,56`, `1.234,56`) or a number cell, whose shortest decimal
 * form is read the same way. More than two decimals is an error, never rounded.
 */
export function cellAmount(cell: Cell, options: CellOptions): Parsed<bigint> {
  if (typeof cell === 'boolean' || cell instanceof Date || cell instanceof CellError) return no('is not an amount');
  // A number cell holds a binary double: its shortest decimal form is what the sheet shows.
  if (typeof cell === 'number' && !(Number.isFinite(cell) && Math.abs(cell) < 1e15)) return no(`${cell} is more than 999,999,999,999.99`);
  const text = typeof cell === 'number' ? (Number.isFinite(cell) && Math.abs(cell) < 1e15 ? String(cell) : '') : cellText(cell).trim();
  const style = typeof cell === 'number' ? { ...DOT, grouped: /$^/ } : options.decimalComma ? COMMA : DOT;
  if (text.startsWith('-')) return no(`"${text}" is negative; amounts are zero or more`);
  const match = style.plain.exec(text) ?? style.grouped.exec(text);
  if (!match) {
    return no(
      options.decimalComma
        ? `"${text}" is not an amount (write 1234,56 or 1.234,56; with a decimal point, 1234.56)`
        : `"${text}" is not an amount (write 1234.56 or 1,234.56; with a decimal comma, 1234,56)`,
    );
  }
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return no(`${text} has more than two decimals; amounts are exact to the cent and never rounded`);
  const minor = BigInt(match[1]!.split(style.separator).join('')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (minor > MAX_MINOR) return no(`${text} is more than 999,999,999,999.99`);
  return ok(minor);
}

/** A whole number from `min` to `max`: a number cell or digits. */
export function cellInteger(cell: Cell, min: number, max: number): Parsed<number> {
  const text = cellText(cell).trim();
  const n = typeof cell === 'number' ? cell : /^-?\d{1,12}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n)) return no(`"${text}" is not a whole number`);
  if (n < min || n > max) return no(`${n} is not from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
  return ok(n);
}
