import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { QUOTES } from '../../views/text/quotes.js';

export const command = defineCommand({
  description: 'the quotes sent to customers, oldest first: number, customer, PBX, validity, totals',
  options: {
    customer: option.string('--customer <id>', "only this customer's quotes"),
    partner: option.string('--partner <id>', "staff: only this partner's quotes"),
    format: formatOption(),
  },
  examples: ['hwaas quotes list', 'hwaas quotes list --customer CUS-0001 --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).quotes.list({ customer: options.customer, partner: options.partner }), QUOTES);
  },
});
