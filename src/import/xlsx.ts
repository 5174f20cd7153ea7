import { UsageError } from '../errors.js';
import { type Cell, CellError } from '../domain/imports/cells.js';
import type { SheetRow } from '../domain/imports/run.js';
import { UnpackBudget, UnpackLimit, ZipArchive, ZipUnreadable } from './zip.js';
import { type XmlHandler, XmlRefused, XmlScanner, attribute } from './xml.js';

/**
 * The rows of one sheet of an XLSX workbook, streamed: the first sheet in the workbook's
 * order, or the one named. Typed cells stay typed: numbers, dates (number cells in a date
 * format), booleans, text; a formula cell gives the value it last showed, its error value
 * (#REF!) is an error, and a formula saved without a value is an error that names its cell.
 *
 * What a workbook may unpack to is bounded (XLSX_LIMITS), counted as it is read: a zip of
 * a few megabytes can hold gigabytes of XML or millions of shared strings. The shared
 * strings are held (bounded); the sheet is never held whole.
 */
export const XLSX_LIMITS = {
  /** What the parts read unpack to, together. */
  unpackedBytes: 256 * 1024 * 1024,
  /** Entries of the shared-strings part (every distinct text of the workbook). */
  sharedStrings: 2_000_000,
  /** Cells of the sheet: half a million rows of six columns (a bigger file is split). */
  cells: 3_000_000,
  /** Columns of one row: as many as a CSV row may have. */
  columns: 1_000,
  /** Characters of one value, as a CSV field. */
  characters: 100_000,
  /** Parts of the zip. */
  entries: 5_000,
  /** Cell styles, number formats, sheets and relationships of a part: Excel itself stops at 64,000 styles. */
  styles: 65_536,
  sheets: 10_000,
  relationships: 10_000,
} as const;

class Refused extends Error {}

/** The longest tag, comment or CDATA section held while it is read: a value's characters, escaped, and room for the tag around them. */
const MAX_RUN = XLSX_LIMITS.characters * 2 + 4096;

/** A count of things a part declares, refused past its bound before it fills memory. */
function counted(count: number, limit: number, what: string): void {
  if (count > limit) throw new Refused(`declares more than ${limit.toLocaleString('en')} ${what}, more than a workbook has`);
}

/** A string of its own: a piece cut from a chunk of XML would keep the whole chunk in memory for as long as it is held. */
const own = (text: string): string => (text.length === 0 ? text : Buffer.from(text, 'utf8').toString('utf8'));

/** A part's text as it unpacks, through a scanner. */
async function scan(zip: ZipArchive, part: string, budget: UnpackBudget, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler, MAX_RUN);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of zip.read(part, budget)) scanner.push(decoder.decode(chunk, { stream: true }));
  scanner.push(decoder.decode());
  scanner.end();
}

/** A relationship's target as a part name: relative to the folder of the part that names it. */
function partName(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

async function relationships(zip: ZipArchive, budget: UnpackBudget, of: string): Promise<Map<string, { type: string; target: string }>> {
  const folder = of.split('/').slice(0, -1).join('/');
  const name = `${folder ? `${folder}/` : ''}_rels/${of.split('/').pop()}.rels`;
  const found = new Map<string, { type: string; target: string }>();
  if (!zip.has(name)) return found;
  let count = 0;
  await scan(zip, name, budget, {
    open(element, attributes) {
      if (element !== 'Relationship') return;
      const id = attribute(attributes, 'Id');
      const target = attribute(attributes, 'Target');
      if (id === undefined || target === undefined) return;
      counted(++count, XLSX_LIMITS.relationships, 'relationships');
      found.set(own(id), { type: own(attribute(attributes, 'Type') ?? ''), target: own(partName(of, target)) });
    },
    close() {},
    text() {},
  });
  return found;
}

// Excel's built-in number formats that show a date or a time.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, outside quoted text, brackets and escapes, it has day, month, year, hour or second letters. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  return bare !== 'general' && /[dmyhs]/.test(bare.replace(/general/g, ''));
}

/** For each cell style (its index, the `s` of a cell), whether it shows a date. */
async function dateStyles(zip: ZipArchive, budget: UnpackBudget, part: string | undefined): Promise<boolean[]> {
  const styles: boolean[] = [];
  if (!part || !zip.has(part)) return styles;
  const custom = new Map<number, boolean>();
  let formats = 0;
  let inCellXfs = false;
  await scan(zip, part, budget, {
    open(element, attributes) {
      if (element === 'numFmt') {
        counted(++formats, XLSX_LIMITS.styles, 'number formats');
        custom.set(Number(attribute(attributes, 'numFmtId')), isDateFormat(attribute(attributes, 'formatCode') ?? ''));
      } else if (element === 'cellXfs') inCellXfs = true;
      else if (element === 'xf' && inCellXfs) {
        counted(styles.length + 1, XLSX_LIMITS.styles, 'cell styles');
        const id = Number(attribute(attributes, 'numFmtId') ?? '0');
        styles.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
      }
    },
    close(element) {
      if (element === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return styles;
}

/** Text of `<t>` runs inside an element (a shared string, an inline string), without phonetic runs. */
class RunText {
  private inT = false;
  private phonetic = false;
  value = '';

  open(element: string): void {
    if (element === 'rPh') this.phonetic = true;
    else if (element === 't' && !this.phonetic) this.inT = true;
  }

  close(element: string): void {
    if (element === 'rPh') this.phonetic = false;
    else if (element === 't') this.inT = false;
  }

  text(text: string): void {
    if (this.inT) {
      this.value += text;
      if (this.value.length > XLSX_LIMITS.characters) throw new Refused(`holds a text of more than ${XLSX_LIMITS.characters.toLocaleString('en')} characters`);
    }
  }
}

async function sharedStrings(zip: ZipArchive, budget: UnpackBudget, part: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!part || !zip.has(part)) return strings;
  let current: RunText | null = null;
  await scan(zip, part, budget, {
    open(element) {
      if (element === 'si') {
        if (strings.length >= XLSX_LIMITS.sharedStrings) throw new Refused(`holds more than ${XLSX_LIMITS.sharedStrings.toLocaleString('en')} shared strings, more than hwaas reads from a workbook`);
        current = new RunText();
      } else current?.open(element);
    },
    close(element) {
      if (element === 'si' && current) {
        strings.push(own(decodeEscapes(current.value)));
        current = null;
      } else current?.close(element);
    },
    text(text) {
      current?.text(text);
    },
  });
  return strings;
}

/** OOXML writes characters XML cannot hold as `_x000D_`. */
const decodeEscapes = (text: string): string => (text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text);

/** `A1` → 1, `XFD7` → 16,384 (letters of either case); 0 when it is not a cell reference. */
function columnIndex(reference: string): number {
  const match = /^([A-Za-z]{1,7})[1-9]\d{0,8}$/.exec(reference);
  if (!match) return 0;
  let n = 0;
  for (const letter of match[1]!.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** A number as a spreadsheet writes one in a cell: decimal, with an exponent perhaps; never hexadecimal, Infinity or blank. */
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The serial numbers a spreadsheet shows as dates: 1900-01-01 (1904-01-01) to 9999-12-31. */
const LAST_SERIAL = 2_958_465;
const LAST_SERIAL_1904 = 2_957_003;

/** A date cell's serial number as a moment (UTC midnight for a whole day), in the workbook's date system; null outside the dates a spreadsheet shows. */
function serialDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= (date1904 ? LAST_SERIAL_1904 : LAST_SERIAL) + 1) return null;
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * DAY));
  // Excel counts 1900-02-29, which never was: serials before it are a day off.
  return new Date(EPOCH_1900 + Math.round((serial < 60 ? serial + 1 : serial) * DAY));
}

/** A workbook's sheet names for a sentence: the first ten, and how many more. */
function sheetNames(book: Workbook): string {
  const names = book.sheets.slice(0, 10).map((s) => `"${s.name.length > 40 ? `${s.name.slice(0, 39)}…` : s.name}"`);
  const more = book.sheets.length - names.length;
  return names.length === 0 ? 'none' : `${names.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''}`;
}

interface Workbook {
  readonly zip: ZipArchive;
  readonly sheets: readonly { readonly name: string; readonly part: string }[];
  readonly date1904: boolean;
  readonly stylesPart: string | undefined;
  readonly stringsPart: string | undefined;
}

async function workbookOf(zip: ZipArchive, budget: UnpackBudget): Promise<Workbook> {
  const root = await relationships(zip, budget, '');
  const main = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!zip.has(main)) throw new ZipUnreadable(`it has no workbook part (${main})`);
  const rels = await relationships(zip, budget, main);
  const sheets: { name: string; part: string }[] = [];
  let date1904 = false;
  await scan(zip, main, budget, {
    open(element, attributes) {
      if (element === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(attributes, 'date1904') ?? '');
      if (element !== 'sheet') return;
      const rel = rels.get(attribute(attributes, 'id') ?? '');
      if (!rel || !zip.has(rel.target)) return;
      counted(sheets.length + 1, XLSX_LIMITS.sheets, 'sheets');
      const name = attribute(attributes, 'name') ?? '';
      // Excel names a sheet in at most 31 characters.
      if (name.length > 255) throw new Refused(`names a sheet in ${name.length.toLocaleString('en')} characters, more than a workbook's sheet names have`);
      sheets.push({ name: own(name), part: rel.target });
    },
    close() {},
    text() {},
  });
  const byType = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;
  return { zip, sheets, date1904, stylesPart: byType('styles'), stringsPart: byType('sharedStrings') };
}

/** What the scanner of a worksheet part gives: its rows, each complete when its `</row>` is read. */
class SheetParser {
  /** Rows read and not yet handed on. */
  ready: SheetRow[] = [];
  private rowNumber = 0;
  private cells: Cell[] = [];
  private cellCount = 0;
  // The cell being read.
  private ref = '';
  private column = 0;
  private type = '';
  private style = 0;
  private value: string | null = null;
  private formula: string | null = null;
  private reading: 'v' | 'f' | null = null;
  private inline: RunText | null = null;
  private inIs = false;

  constructor(
    private readonly strings: readonly string[],
    private readonly dates: readonly boolean[],
    private readonly date1904: boolean,
  ) {}

  open(element: string, attributes: string): void {
    if (this.inIs) {
      this.inline!.open(element);
      return;
    }
    switch (element) {
      case 'row': {
        // A row counts as a cell: a sheet of empty rows is bounded too.
        if (++this.cellCount > XLSX_LIMITS.cells) throw new Refused(`holds more than ${XLSX_LIMITS.cells.toLocaleString('en')} cells, more than hwaas reads from a workbook; split it`);
        const r = attribute(attributes, 'r');
        if (r !== undefined && !/^\s*[1-9]\d{0,8}\s*$/.test(r)) throw new ZipUnreadable(`a row is numbered "${r.slice(0, 20)}", which is not a row number`);
        this.rowNumber = r !== undefined ? Number(r) : this.rowNumber + 1;
        this.cells = [];
        this.column = 0;
        return;
      }
      case 'c': {
        if (++this.cellCount > XLSX_LIMITS.cells) throw new Refused(`holds more than ${XLSX_LIMITS.cells.toLocaleString('en')} cells, more than hwaas reads from a workbook; split it`);
        this.ref = (attribute(attributes, 'r') ?? '').trim().toUpperCase();
        this.column = this.ref ? columnIndex(this.ref) : this.column + 1;
        if (this.column === 0) throw new ZipUnreadable(`a cell of row ${this.rowNumber.toLocaleString('en')} is named "${this.ref.slice(0, 20)}", which is not a cell reference`);
        if (this.column > XLSX_LIMITS.columns) {
          const letters = this.ref.replace(/\d+$/, '');
          throw new Refused(
            `row ${this.rowNumber.toLocaleString('en')} has a cell in column ${this.column.toLocaleString('en')}${letters ? ` (${letters})` : ''}; hwaas reads at most ${XLSX_LIMITS.columns.toLocaleString('en')} columns per row`,
          );
        }
        this.type = attribute(attributes, 't') ?? 'n';
        this.style = Number(attribute(attributes, 's') ?? '0');
        this.value = null;
        this.formula = null;
        this.inline = null;
        return;
      }
      case 'v':
        this.reading = 'v';
        this.value = '';
        return;
      case 'f':
        this.reading = 'f';
        this.formula = '';
        return;
      case 'is':
        this.inIs = true;
        this.inline = new RunText();
        return;
    }
  }

  close(element: string): void {
    if (this.inIs) {
      if (element === 'is') this.inIs = false;
      else this.inline!.close(element);
      return;
    }
    switch (element) {
      case 'v':
      case 'f':
        this.reading = null;
        return;
      case 'c':
        this.cells[this.column - 1] = this.cellValue();
        return;
      case 'row': {
        const cells = this.cells;
        // The gaps a row's cells leave are filled: they count against the bound as cells do.
        let gaps = 0;
        for (let i = 0; i < cells.length; i++) {
          if (cells[i] === undefined) {
            cells[i] = null;
            gaps++;
          }
        }
        this.cellCount += gaps;
        if (this.cellCount > XLSX_LIMITS.cells) throw new Refused(`holds more than ${XLSX_LIMITS.cells.toLocaleString('en')} cells, more than hwaas reads from a workbook; split it`);
        this.ready.push({ row: this.rowNumber, cells });
        return;
      }
    }
  }

  text(text: string): void {
    if (this.inIs) this.inline!.text(text);
    else if (this.reading === 'v') this.value += text;
    else if (this.reading === 'f') this.formula += text;
    else return;
    if ((this.value?.length ?? 0) > XLSX_LIMITS.characters || (this.formula?.length ?? 0) > XLSX_LIMITS.characters) {
      throw new Refused(`cell ${this.ref} holds more than ${XLSX_LIMITS.characters.toLocaleString('en')} characters`);
    }
  }

  private cellValue(): Cell {
    const { value, formula } = this;
    const where = this.ref || `in row ${this.rowNumber}, column ${this.column}`;
    if (this.type === 'inlineStr') return this.inline ? decodeEscapes(this.inline.value) : null;
    if (value === null) {
      return formula !== null
        ? new CellError('NO_VALUE', `holds the formula =${formula} (cell ${where}) but no value saved with it: open the file in a spreadsheet so that it calculates, save it, and import it again`)
        : null;
    }
    switch (this.type) {
      case 's': {
        if (value.trim() === '') return null;
        const text = /^\s*\d{1,9}\s*$/.test(value) ? this.strings[Number(value)] : undefined;
        if (text === undefined) throw new ZipUnreadable(`cell ${where} names a shared string that is not there`);
        return text;
      }
      case 'str':
        return decodeEscapes(value);
      case 'b':
        return value.trim() === '1' || value.trim().toLowerCase() === 'true';
      case 'e':
        return new CellError(value.trim(), `holds the spreadsheet error ${value.trim()}${formula ? ` (from =${formula})` : ''}, not a value`);
      case 'd': {
        const date = new Date(`${value.trim().slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? value : date;
      }
      default: {
        if (!NUMBER.test(value)) return value;
        const number = Number(value);
        if (!Number.isFinite(number)) return value;
        if (!this.dates[this.style]) return number;
        return serialDate(number, this.date1904) ?? new CellError('DATE_RANGE', `is a date cell holding ${value.trim()}, which is no date a spreadsheet shows (1900 to 9999)`);
      }
    }
  }
}

/** A worksheet's rows, handed on after each chunk of the part is read: the sheet is never held whole. */
async function* streamSheet(book: Workbook, part: string, strings: readonly string[], dates: readonly boolean[], budget: UnpackBudget, onBytes?: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const parser = new SheetParser(strings, dates, book.date1904);
  const scanner = new XmlScanner(parser, MAX_RUN);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of book.zip.read(part, budget, onBytes)) {
    scanner.push(decoder.decode(chunk, { stream: true }));
    if (parser.ready.length > 0) {
      const rows = parser.ready;
      parser.ready = [];
      yield* rows;
    }
  }
  scanner.push(decoder.decode());
  scanner.end();
  yield* parser.ready;
}

/** The rows of the first sheet, or of the one named (any case). */
export async function* xlsxRows(where: string | Uint8Array, size: number, file: string, sheet: string | null, onBytes?: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const budget = new UnpackBudget(XLSX_LIMITS.unpackedBytes, 'a workbook');
  let zip: ZipArchive | null = null;
  try {
    zip = await ZipArchive.open(where, size, XLSX_LIMITS.entries);
    const book = await workbookOf(zip, budget);
    const chosen = sheet === null ? book.sheets[0] : book.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
    if (!chosen) {
      throw new UsageError(sheet === null ? `${file} has no worksheet.` : `${file} has no sheet "${sheet}"; its sheets are ${sheetNames(book)}.`);
    }
    const strings = await sharedStrings(zip, budget, book.stringsPart);
    const dates = await dateStyles(zip, budget, book.stylesPart);
    yield* streamSheet(book, chosen.part, strings, dates, budget, onBytes);
  } catch (error) {
    await zip?.close();
    zip = null;
    if (error instanceof UsageError) throw error;
    if (error instanceof UnpackLimit || error instanceof Refused) throw new UsageError(`${file} ${error.message}.`);
    if (error instanceof ZipUnreadable || error instanceof XmlRefused) {
      throw new UsageError(`${file} is not a readable XLSX workbook (${error.message}); open it in a spreadsheet and save it again as .xlsx, or export it as CSV.`);
    }
    throw error;
  } finally {
    await zip?.close();
  }
}
