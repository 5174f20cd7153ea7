import { defineCommand, option } from '../../cli/command.js';
import { importOptions, runImport } from '../import.js';
import { UsageError } from '../../errors.js';
import { TIERS } from '../../domain/kernel/model.js';
import { parseDate } from '../../terms/dates.js';
import { parseCurrency } from '../../terms/money.js';

export const command = defineCommand({
  description: "staff: import one version of a tier's price book (CSV or XLSX): all rows or none",
  args: { file: { description: 'a .csv or .xlsx file, or - for standard input' } },
  options: {
    tier: option.choice('--tier <tier>', 'the partner tier the prices are for', TIERS),
    currency: option.string('--currency <code>', 'an ISO 4217 currency with cents, e.g. EUR, GBP, USD, CHF'),
    validFrom: option.string('--valid-from <YYYY-MM-DD>', 'the first service start date these prices apply to'),
    ...importOptions('unused by price books; accepted for symmetry with import'),
  },
  examples: [
    'hwaas pricebook import data/pricebooks/silver-EUR-2027-01-01.csv --tier silver --currency EUR --valid-from 2027-01-01 --dry-run',
    'hwaas pricebook import gold-2027.xlsx --tier gold --currency EUR --valid-from 2027-01-01',
  ],
  help: 'Columns: sku*, name*, category*, hwaas* (yes/no), capex, monthly, yearly, five-year (a blank price: not offered on that term), stocked (yes/no; default: as before, else yes). The file replaces that version of the book whole: products it no longer lists are removed from it (counted as "removed"); other versions stay as they are. Importing the same file again changes nothing.',
  writes: (options) => options.dryRun !== true,
  async run(ctx, options, { file }) {
    const { tier, currency, validFrom } = options;
    if (tier === undefined || currency === undefined || validFrom === undefined) {
      throw new UsageError('a price book is for one tier, currency and date: give --tier, --currency and --valid-from.', 'USAGE');
    }
    // Said of their flags before the file is read.
    parseCurrency(currency, '--currency');
    parseDate(validFrom, '--valid-from');
    const cases = await ctx.useCases();
    const report = await runImport(ctx, file, options, (upload) => cases.pricebooks.importFile({ ...upload, tier, currency, validFrom }));
    if (ctx.json) {
      ctx.printJson(report);
      return;
    }
    const counts = `${report.created} added, ${report.updated} changed, ${report.unchanged} unchanged, ${report.removed} removed`;
    const what = `the ${report.tier} ${report.currency} price book valid from ${report.validFrom}`;
    ctx.out(report.dryRun ? `Dry run of ${report.file} as ${what}: ${counts} if imported; nothing was written.` : `Imported ${report.file} as ${what}: ${counts}.`);
  },
});
