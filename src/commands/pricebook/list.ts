import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { PRICE_BOOKS } from '../../views/text/catalog.js';

export const command = defineCommand({
  description: 'staff: every price book version: tier, currency, valid from, number of products',
  options: { format: formatOption() },
  examples: ['hwaas pricebook list', 'hwaas pricebook list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).pricebooks.list(), PRICE_BOOKS);
  },
});
