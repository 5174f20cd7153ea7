import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { PARTNERS } from '../../views/text/parties.js';

export const command = defineCommand({
  description: "the partners (a partner's user sees its own)",
  options: { format: formatOption() },
  examples: ['hwaas --as USR-101 partners list', 'hwaas partners list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).partners.list(), PARTNERS);
  },
});
