import { defineCommand, option } from '../../cli/command.js';
import { importJson } from '../../cli/views.js';
import { UsageError } from '../../errors.js';
import { DATE_FORMATS } from '../../domain/imports/cells.js';
import { importFile } from '../../domain/imports/run.js';
import { TIERS } from '../../domain/kernel/model.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { parseCurrency } from '../../terms/money.js';
import { pricebookImport } from '../../domain/imports/pricebook.js';

export const command = defineCommand({
  path: ['pricebook', 'import'],
  description: "staff: import one version of a tier's price book (CSV or XLSX): all rows or none",
  args: { file: { description: 'a .csv or .xlsx file, or - for standard input' } },
  options: {
    tier: option.choice('--tier <tier>', 'the partner tier the prices are for', TIERS),
    currency: option.string('--currency <code>', 'an ISO 4217 currency with cents, e.g. EUR, GBP, USD, CHF'),
    validFrom: option.string('--valid-from <YYYY-MM-DD>', 'the first service start date these prices apply to'),
    format: option.choice('--format <format>', 'csv or xlsx (default: by the file name, else by its content)', ['csv', 'xlsx'] as const),
    sheet: option.string('--sheet <name>', 'the sheet of an XLSX workbook (default: the first)'),
    dateFormat: option.choice('--date-format <format>', 'unused by price books; accepted for symmetry with import', DATE_FORMATS),
    decimalComma: option.flag('--decimal-comma', 'amounts are written 1.234,56 rather than 1,234.56'),
    dryRun: option.flag('--dry-run', 'check every row and count what would change; write nothing'),
  },
  examples: [
    'hwaas pricebook import data/pricebooks/silver-EUR-2027-01-01.csv --tier silver --currency EUR --valid-from 2027-01-01 --dry-run',
    'hwaas pricebook import gold-2027.xlsx --tier gold --currency EUR --valid-from 2027-01-01',
  ],
  help: 'Columns: sku*, name*, category*, hwaas* (yes/no), capex, monthly, yearly, five-year (a blank price: not offered on that term), stocked (yes/no; default: as before, else yes). The file replaces that version of the book whole: products it no longer lists are removed from it (counted as "removed"); other versions stay as they are. Importing the same file again changes nothing.',
  writes: (options) => options.dryRun !== true,
  async run(ctx, options, { file }) {
    if (options.tier === undefined || options.currency === undefined || options.validFrom === undefined) {
      throw new UsageError('a price book is for one tier, currency and date: give --tier, --currency and --valid-from.', 'USAGE');
    }
    const key = { tier: options.tier, currency: parseCurrency(options.currency, '--currency'), validFrom: parseDate(options.validFrom, '--valid-from') };
    const store = await ctx.store();
    const actor = await ctx.actor();
    const name = file === '-' ? 'standard input' : file;
    const { readUpload, uploadSheet } = await import('../../import/source.js');
    const upload = await readUpload(file, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, stdinIsTerminal: ctx.io.stdinIsTTY });
    const source = uploadSheet(upload, { format: options.format, sheet: options.sheet });
    const report = await importFile(store, actor, 'pricebook', pricebookImport(key, name), source.open, {
      file: name,
      dryRun: options.dryRun === true,
      dateFormat: options.dateFormat ?? null,
      decimalComma: options.decimalComma === true,
    });
    const document = { ...importJson(report), tier: key.tier, currency: key.currency, validFrom: formatDate(key.validFrom) };
    if (report.errorCount > 0) {
      if (!ctx.json) {
        for (const line of report.warnings) ctx.err(`warning: ${line}`);
        for (const problem of report.errors.slice(0, 50)) ctx.err(`${report.file}:${problem.row}:${problem.column ?? '-'}: ${problem.message}`);
      }
      throw new UsageError(`nothing was imported: ${report.errorCount} problem${report.errorCount > 1 ? 's' : ''} in ${report.file}; fix ${report.errorCount > 1 ? 'them' : 'it'} and import the file again.`, 'INVALID_INPUT', { data: document });
    }
    if (ctx.json) {
      ctx.printJson(document);
      return;
    }
    for (const line of report.warnings) ctx.err(`warning: ${line}`);
    const counts = `${report.created} added, ${report.updated} changed, ${report.unchanged} unchanged, ${report.removed} removed`;
    const what = `the ${key.tier} ${key.currency} price book valid from ${formatDate(key.validFrom)}`;
    ctx.out(report.dryRun ? `Dry run of ${name} as ${what}: ${counts} if imported; nothing was written.` : `Imported ${name} as ${what}: ${counts}.`);
  },
});
