import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { AGREEMENTS } from '../../views/text/parties.js';

export const command = defineCommand({
  description: 'agreements on file',
  options: { customer: option.string('--customer <id>', "only this customer's"), format: formatOption() },
  examples: ['hwaas agreements list --customer CUS-0002'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).agreements.list({ customer: options.customer }), AGREEMENTS);
  },
});
