import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { UsageError } from '../../errors.js';
import { type BookLine, TIERS } from '../../domain/kernel/model.js';
import { showBook } from '../../domain/catalog/pricebooks.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { formatAmount, parseCurrency } from '../../terms/money.js';

const price = (value: bigint | undefined) => (value === undefined ? null : formatAmount(value));
const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

export const command = defineCommand({
  path: ['pricebook', 'show'],
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
    const on = options.on === undefined ? (await ctx.today()) : parseDate(options.on, '--on');
    const book = await showBook(await ctx.store(), await ctx.actor(), options.tier, parseCurrency(options.currency, '--currency'), on);
    if (format === 'table') ctx.out(`The ${book.tier} ${book.currency} price book valid from ${formatDate(book.validFrom)} (in force on ${formatDate(on)}):`);
    const row = (l: BookLine) => ({
      sku: l.sku,
      name: l.name,
      category: l.category,
      hwaas: yesNo(l.hwaas),
      capex: price(l.prices.capex),
      monthly: price(l.prices.monthly),
      yearly: price(l.prices.yearly),
      'five-year': price(l.prices['five-year']),
      stocked: yesNo(l.stocked),
    });
    await printListing(ctx, format, book.lines, {
      columns: [
        { header: 'SKU', value: (l: BookLine) => l.sku },
        { header: 'Product', value: (l) => l.name },
        { header: 'Category', value: (l) => l.category },
        { header: 'CapEx', value: (l) => price(l.prices.capex) ?? '', align: 'right' },
        { header: 'Monthly', value: (l) => price(l.prices.monthly) ?? '', align: 'right' },
        { header: 'Yearly', value: (l) => price(l.prices.yearly) ?? '', align: 'right' },
        { header: 'Five-year', value: (l) => price(l.prices['five-year']) ?? '', align: 'right' },
      ],
      toJson: row,
      keys: ['sku', 'name', 'category', 'hwaas', 'capex', 'monthly', 'yearly', 'five-year', 'stocked'],
      empty: 'The book lists no products.',
    });
  },
});
