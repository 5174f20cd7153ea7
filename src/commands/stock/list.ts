import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { STOCK } from '../../views/text/parties.js';

export const command = defineCommand({
  description: 'stock of every device',
  options: { format: formatOption() },
  examples: ['hwaas stock list'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).stock.list(), STOCK);
  },
});
