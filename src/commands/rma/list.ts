import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RMAS } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'replacements of faulty devices: requested → shipped → closed (a partner sees its own)',
  options: { format: formatOption() },
  examples: ['hwaas rma list', 'hwaas rma list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).rmas.list(), RMAS);
  },
});
