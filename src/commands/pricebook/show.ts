import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { UsageError } from '../../errors.js';
import { TIERS } from '../../domain/kernel/model.js';
import { BOOK_LINES } from '../../views/text/catalog.js';

export const command = defineCommand({
  description: "staff: the products and prices of a tier's price book in force on a date",
  options: {
    tier: option.choice('--tier <tier>', 'the partner tier', TIERS),
    currency: option.string('--currency <code>', 'the currency, e.g. EUR'),
    on: option.string('--on <YYYY-MM-DD>', 'the version in force on this date (default: today)'),
    format: formatOption(),
  },
  examples: ['hwaas pricebook show --tier silver --currency EUR --on 2027-01-04', 'hwaas pricebook show --tier gold --currency GBP --format csv > gold-gbp.csv'],
  async run(ctx, options) {
    if (options.tier === undefined || options.currency === undefined) throw new UsageError('give --tier and --currency (and --on for another date than today).', 'USAGE');
    const format = listFormat(ctx, options.format);
    const book = await (await ctx.useCases()).pricebooks.show({ tier: options.tier, currency: options.currency, on: options.on });
    if (format === 'table') ctx.out(`The ${book.tier} ${book.currency} price book valid from ${book.validFrom} (in force on ${book.on}):`);
    await printListing(ctx, format, { items: book.lines }, BOOK_LINES);
  },
});
