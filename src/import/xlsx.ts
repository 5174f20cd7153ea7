import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { type Cell, CellError } from '../domain/cells.js';
import type { SheetRow } from '../domain/imports.js';

/**
 * The rows of one sheet of an XLSX workbook, streamed (exceljs's WorkbookReader: the
 * sheet is never held whole; its shared strings are). The first sheet in the
 * workbook's order, or the one named. Typed cells stay typed: numbers, dates (cells
 * formatted as dates), booleans; a formula cell gives the value the sheet last showed.
 */

interface RowLike {
  readonly number: number;
  readonly values: unknown;
}
interface WorksheetLike extends AsyncIterable<RowLike> {
  readonly name: string;
}
interface WorkbookReaderLike extends AsyncIterable<WorksheetLike> {
  readonly model?: { readonly sheets?: readonly { readonly name: string }[] };
}

export async function* xlsxRows(input: Readable, file: string, sheet: string | null): AsyncGenerator<SheetRow> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookReaderLike;
  const seen: string[] = [];
  let done = false;
  try {
    for await (const worksheet of reader) {
      seen.push(worksheet.name);
      const first = reader.model?.sheets?.[0]?.name;
      const wanted = !done && (sheet === null ? first === undefined || worksheet.name === first : worksheet.name.toLowerCase() === sheet.toLowerCase());
      for await (const row of worksheet) {
        if (!wanted) continue; // the stream must still be read through
        yield { row: row.number, cells: cellsOf(row.values) };
      }
      if (wanted) done = true;
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a readable XLSX workbook (${(error as Error).message}); open it in a spreadsheet and save it again as .xlsx, or export it as CSV.`);
  }
  if (!done) {
    throw new UsageError(
      sheet === null ? `${file} has no worksheet.` : `${file} has no sheet "${sheet}"; its sheets are ${seen.map((s) => `"${s}"`).join(', ') || 'none'}.`,
    );
  }
}

/** exceljs gives a row's values 1-based; a cell may be rich text, a formula, a hyperlink or an error. */
function cellsOf(values: unknown): Cell[] {
  if (!Array.isArray(values)) return [];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
  return cells;
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return v.result === undefined ? `=${v.formula ?? v.sharedFormula ?? ''}` : cellOf(v.result);
    if (v.error !== undefined) return new CellError(`#${String(v.error).replace(/^#/, '')}`);
    if (v.text !== undefined) return cellOf(v.text);
  }
  return String(value);
}
