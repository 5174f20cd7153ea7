import { UsageError } from '../../errors.js';
import { escapeUnsafe } from '../../domain/kernel/text.js';
import { DATE_FORMATS, type DateFormat } from '../../domain/imports/cells.js';
import { IMPORTS } from '../../domain/imports/index.js';
import { pricebookImport } from '../../domain/imports/pricebook.js';
import { IMPORT_KINDS, type ImportKind, type ImportReport, importFile } from '../../domain/imports/run.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { parseCurrency } from '../../terms/money.js';
import { type ImportReportJson, type ProgressJson, importJson } from '../../views/json/imports.js';
import type { ImportInput, UseCases } from '../usecases.js';
import { checkTier } from './catalog.js';
import type { Calls } from './calls.js';
import { job } from './jobs.js';

/** The options every import shares, checked (the command line checked its own first). */
function readOptions(input: Omit<ImportInput, 'kind'>, file: string) {
  if (!input.file || !(input.file.content instanceof Uint8Array)) throw new UsageError('file: give the file to import (its name and bytes).', 'USAGE', { field: 'file' });
  const format = input.format ?? null;
  if (format !== null && format !== 'csv' && format !== 'xlsx')
    throw new UsageError(`format: "${String(format)}" is not a format hwaas imports; use csv or xlsx.`, 'INVALID_INPUT', { field: 'format' });
  const dateFormat = (input.dateFormat ?? null) as DateFormat | null;
  if (dateFormat !== null && !DATE_FORMATS.includes(dateFormat))
    throw new UsageError(`dateFormat: "${String(dateFormat)}" is not a date format; use ${DATE_FORMATS.join(', ')}.`, 'INVALID_INPUT', { field: 'dateFormat' });
  return { format, sheet: input.sheet ?? null, options: { file, dryRun: input.dryRun === true, dateFormat, decimalComma: input.decimalComma === true } };
}

/** A report with problems is a refusal whose details are the report: nothing was written. */
function refuseProblems(report: ImportReport, document: ImportReportJson): void {
  if (report.errorCount === 0) return;
  const n = report.errorCount;
  throw new UsageError(
    `nothing was imported: ${n.toLocaleString('en')} problem${n > 1 ? 's' : ''} in ${report.file}; fix ${n > 1 ? 'them' : 'it'} and import the file again (it is checked whole every time).`,
    'INVALID_INPUT',
    { data: document },
  );
}

/** Imports of a batch: customers, PBXs, invoices, agreements, stock, and a version of a price book (staff). All rows or none. */
export function importsUseCases(calls: Calls): Pick<UseCases, 'imports'> & { pricebooks: Pick<UseCases['pricebooks'], 'importFile'> } {
  /** Reads the upload as a sheet and runs the import, saying how far it is. */
  async function run(kind: string, input: Omit<ImportInput, 'kind'>, spec: Parameters<typeof importFile>[3], progress: (p: ProgressJson) => void): Promise<ImportReport> {
    const name = input.file?.name || 'upload';
    const { format, sheet, options } = readOptions(input, name);
    const { store, actor } = options.dryRun ? await calls.reader() : await calls.writer();
    const { uploadSheet } = await import('../../import/source.js');
    let bytes = 0;
    let rows = 0;
    const total = input.file.content.byteLength;
    const source = uploadSheet({ name, content: input.file.content }, { format, sheet }, (n) => {
      bytes += n;
      progress({ done: bytes, total, unit: 'bytes', rows });
    });
    return importFile(store, actor, kind, spec, source.open, options, (n) => {
      rows = n;
      progress({ done: bytes, total, unit: 'bytes', rows });
    });
  }

  return {
    imports: {
      run(input) {
        return job(async (progress) => {
          const wanted = String(input.kind).toLowerCase() === 'pbx' ? 'pbxs' : String(input.kind).toLowerCase();
          if (!(IMPORT_KINDS as readonly string[]).includes(wanted))
            throw new UsageError(`kind: "${input.kind}" is not something hwaas imports; choose ${IMPORT_KINDS.join(', ')}.`, 'USAGE', { field: 'kind' });
          const kind = wanted as ImportKind;
          const report = await run(kind, input, IMPORTS[kind], progress);
          const document = importJson(report);
          refuseProblems(report, document);
          return document;
        });
      },
    },
    pricebooks: {
      importFile(input) {
        return job(async (progress) => {
          const tier = checkTier(input.tier);
          if (tier === null) throw new UsageError('tier: a price book is for one tier, currency and date: say the tier.', 'USAGE', { field: 'tier' });
          const key = { tier, currency: parseCurrency(input.currency, 'currency'), validFrom: parseDate(input.validFrom, 'validFrom') };
          // Kept as the file's name, with anything that could drive a terminal escaped.
          const report = await run('pricebook', input, pricebookImport(key, escapeUnsafe(input.file?.name || 'upload')), progress);
          const document = { ...importJson(report), tier: key.tier, currency: key.currency, validFrom: formatDate(key.validFrom) };
          refuseProblems(report, document);
          return document;
        });
      },
    },
  };
}
