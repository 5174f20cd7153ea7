import { readFileSync, readdirSync } from 'node:fs';
import { readRecords } from '../domain/imports/run.js';
import { type BookKey, type BookLine, STAFF_SCOPE, TIERS, type Tier } from '../domain/kernel/model.js';
import { dataFile } from '../paths.js';
import { parseDate } from '../terms/dates.js';
import { uploadSheet } from './source.js';
import { pricebookImport } from '../domain/imports/pricebook.js';
import { ADMIN_USER } from '../domain/parties/users.js';

/**
 * hwaas's sample price books, data/pricebooks/TIER-CURRENCY-VALIDFROM.csv: what
 * `init --demo` imports, and what an ad-hoc quote without a store prices from. Each is
 * read by the rules of `hwaas pricebook import`.
 */
export interface SampleBook {
  readonly key: BookKey;
  readonly file: string;
}

export function sampleBooks(): SampleBook[] {
  const out: SampleBook[] = [];
  for (const name of readdirSync(dataFile('pricebooks')).sort()) {
    const match = /^([a-z]+)-([A-Z]{3})-(\d{4}-\d{2}-\d{2})\.csv$/.exec(name);
    if (!match || !(TIERS as readonly string[]).includes(match[1]!)) continue;
    out.push({ key: { tier: match[1] as Tier, currency: match[2]!, validFrom: parseDate(match[3]!, name) }, file: `data/pricebooks/${name}` });
  }
  return out;
}

/** Every sample book with its lines (what `init --demo` and the benchmark load). */
export async function readSampleBooks(): Promise<(SampleBook & { lines: BookLine[] })[]> {
  return Promise.all(sampleBooks().map(async (book) => ({ ...book, lines: await readSampleBook(book) })));
}

export async function readSampleBook(book: SampleBook): Promise<BookLine[]> {
  const source = uploadSheet({ name: book.file, content: readFileSync(dataFile(book.file.slice('data/'.length))) }, { format: 'csv' });
  const actor = { user: ADMIN_USER, scope: STAFF_SCOPE, today: book.key.validFrom, at: '', actedBy: null };
  const { records, report } = await readRecords('pricebook', pricebookImport(book.key, book.file), { products: new Map() } as never, actor, source.open, {
    file: book.file,
    dryRun: true,
    dateFormat: null,
    decimalComma: false,
  });
  if (report.errorCount > 0) throw new Error(`${book.file}:${report.errors[0]!.row}: ${report.errors[0]!.message}`);
  return records;
}
