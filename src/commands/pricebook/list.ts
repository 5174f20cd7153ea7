import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { PriceBookSummary } from '../../domain/kernel/model.js';
import { listBooks } from '../../domain/catalog/pricebooks.js';
import { formatDate } from '../../terms/dates.js';

const bookJson = (b: PriceBookSummary) => ({
  tier: b.tier,
  currency: b.currency,
  validFrom: formatDate(b.validFrom),
  products: b.products,
  importedAt: b.importedAt,
  importedBy: b.importedBy,
  source: b.source,
});

export const command = defineCommand({
  path: ['pricebook', 'list'],
  description: 'staff: every price book version: tier, currency, valid from, number of products',
  options: { format: formatOption() },
  examples: ['hwaas pricebook list', 'hwaas pricebook list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const books = await listBooks(await ctx.store(), await ctx.actor());
    await printListing(ctx, format, books, {
      columns: [
        { header: 'Tier', value: (b: PriceBookSummary) => b.tier },
        { header: 'Currency', value: (b) => b.currency },
        { header: 'Valid from', value: (b) => formatDate(b.validFrom) },
        { header: 'Products', value: (b) => String(b.products), align: 'right' },
        { header: 'Imported', value: (b) => (b.importedAt ? `${b.importedAt.slice(0, 10)} by ${b.importedBy ?? 'init'}` : '') },
        { header: 'From', value: (b) => b.source ?? '', shrink: true, drop: 1 },
      ],
      toJson: bookJson,
      keys: ['tier', 'currency', 'validFrom', 'products', 'importedAt', 'importedBy', 'source'],
      empty: 'No price books yet: import one with `hwaas pricebook import FILE --tier T --currency C --valid-from DATE`.',
    });
  },
});
