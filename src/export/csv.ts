/**
 * CSV as RFC 4180 (comma, CRLF, double quotes doubled), UTF-8, no BOM unless asked.
 * Cells that a spreadsheet would run as a formula (OWASP "CSV Injection": a
 * leading =, +, -, @, tab or CR) get a leading apostrophe; plain numbers such as
 * -186 are left alone, they are data.
 */
import { escapeUnsafe } from '../domain/kernel/text.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * `forTerminal`: the CSV is going to a terminal, not a file or a pipe: control
 * characters and bidi overrides in the data are escaped (\u001b) so that a stored name
 * cannot drive the terminal; piped or saved, the data stays as it is.
 */
function csvCell(value: unknown, forTerminal: boolean): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const text = neutraliseFormula(forTerminal ? escapeUnsafe(raw) : raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const UTF8_BOM = '\uFEFF';

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: { bom?: boolean; forTerminal?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, options.forTerminal === true)).join(','));
  return `${options.bom ? UTF8_BOM : ''}${lines.join('\r\n')}\r\n`;
}

/** Objects to CSV: the header is the JSON keys, so CSV and JSON name things alike. */
export function objectsToCsv(objects: readonly Record<string, unknown>[], keys: readonly string[], options: { bom?: boolean; forTerminal?: boolean } = {}): string {
  return toCsv(
    keys,
    objects.map((o) => keys.map((k) => o[k])),
    options,
  );
}
