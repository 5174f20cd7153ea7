import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { SheetRow } from '../domain/imports/run.js';

/**
 * A streaming CSV reader (RFC 4180: quoted fields may hold the delimiter, quotes
 * doubled, and line breaks), as spreadsheets and CRMs write it: UTF-8 with or without
 * a byte order mark, comma- or semicolon-separated (decided by the header line),
 * CRLF or LF. Rows are numbered as a spreadsheet shows them: a quoted line break
 * does not start a new row. Memory holds one row at a time.
 */

/** A field longer than this is not data but a missing closing quote swallowing the file. */
const MAX_FIELD = 100_000;
const MAX_FIELDS = 1_000;
/** Rows of one import, blank ones too: a bigger file is split (3,000,000, as an XLSX's cells). */
export const MAX_ROWS = 3_000_000;

export async function* csvRows(input: Readable, file: string, onBytes?: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let delimiter: ',' | ';' | null = null;
  let delimiterCode = -1;
  let row = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just closed a quoted field
  let fieldStarted = false;
  let pendingCR = false;
  let first = true;
  let header = ''; // the header line, until the delimiter is known

  const fail = (message: string): never => {
    throw new UsageError(`${file}:${row}: ${message}`);
  };
  const endField = () => {
    if (fields.length >= MAX_FIELDS) fail(`more than ${MAX_FIELDS.toLocaleString('en')} columns`);
    fields.push(field);
    field = '';
    afterQuote = false;
    fieldStarted = false;
  };

  // The current field is kept as slices of the chunk it is in, joined when it ends: a field
  // built a character at a time is a rope that holds every piece until its row ends.
  let openSegment = false;
  function* feed(text: string): Generator<SheetRow> {
    let start = openSegment ? 0 : -1;
    const flush = (end: number) => {
      if (start >= 0 && end > start) field += text.slice(start, end);
      start = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (pendingCR) {
        pendingCR = false;
        if (ch === 0x0a) continue;
      }
      if (quoted) {
        if (ch === 0x22) {
          flush(i);
          if (text.charCodeAt(i + 1) === 0x22) {
            field += '"';
            i++;
            start = i + 1;
          } else if (i + 1 === text.length) {
            // The next chunk decides: a doubled quote split across chunks.
            quotePending = true;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (start < 0) start = i;
          if (field.length + (i - start) >= MAX_FIELD) fail(`a quoted field runs on for over ${MAX_FIELD.toLocaleString('en')} characters: a closing quote (") is missing`);
        }
        continue;
      }
      if (ch === delimiterCode) {
        flush(i);
        endField();
        continue;
      }
      if (ch === 0x0a || ch === 0x0d) {
        flush(i);
        endField();
        const cells = fields;
        fields = [];
        if (ch === 0x0d) pendingCR = true;
        if (row > MAX_ROWS) fail(`more than ${MAX_ROWS.toLocaleString('en')} rows (blank ones too), more than hwaas imports at once; split it`);
        yield { row, cells };
        row++;
        continue;
      }
      if (ch === 0x22 && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
        start = i + 1;
        continue;
      }
      if (afterQuote) fail(`text after a closing quote in column ${fields.length + 1}; a quote inside a quoted field is written twice ("")`);
      if (start < 0) start = i;
      fieldStarted = true;
      if (field.length + (i - start) >= MAX_FIELD) fail(`a field of over ${MAX_FIELD.toLocaleString('en')} characters`);
    }
    // A field that goes on into the next chunk: its piece of this one now, the rest from the next's start.
    openSegment = start >= 0;
    flush(text.length);
  }

  let quotePending = false;
  const resolvePending = (text: string): string => {
    // A quote ended the previous chunk: doubled ("") if this chunk starts with one.
    if (!quotePending) return text;
    quotePending = false;
    if (text.startsWith('"')) {
      field += '"';
      return text.slice(1);
    }
    quoted = false;
    afterQuote = true;
    return text;
  };

  const notUtf8 = () => fail('the file is not UTF-8 text; save it as "CSV UTF-8" (or export it as XLSX)');
  /** A chunk as text; at a byte that is not UTF-8, the rows before it are counted first, so that the message names its row. */
  function* decode(chunk: Buffer | undefined): Generator<SheetRow, string> {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      if (chunk && delimiter !== null) yield* feed(new TextDecoder().decode(chunk.subarray(0, firstInvalidUtf8(chunk))));
      else if (chunk) row += chunk.subarray(0, firstInvalidUtf8(chunk)).filter((b) => b === 10).length;
      return notUtf8();
    }
  }

  for await (const chunk of input as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    let text = yield* decode(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (delimiter === null) {
      header += text;
      const end = header.search(/[\r\n]/);
      if (end < 0 && header.length < MAX_FIELD) continue;
      delimiter = pickDelimiter(end < 0 ? header : header.slice(0, end));
      delimiterCode = delimiter.charCodeAt(0);
      text = header;
      header = '';
    }
    yield* feed(resolvePending(text));
  }
  let rest = yield* decode(undefined);
  if (delimiter === null) {
    delimiter = pickDelimiter(header);
    delimiterCode = delimiter.charCodeAt(0);
    rest = header + rest;
  }
  yield* feed(resolvePending(rest));
  if (quoted) fail('the file ends inside a quoted field: a closing quote (") is missing');
  if (field !== '' || fields.length > 0 || fieldStarted) {
    endField();
    yield { row, cells: fields };
  }
}

/** Semicolons when the header has more of them than commas (as Excel writes CSV where the decimal mark is a comma). */
function pickDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Where the first byte that cannot be UTF-8 is (a lone continuation byte, a sequence cut short or overlong). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return i; // cut short at the end of the chunk: the next chunk decides
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}
