import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RETURNS } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'devices coming back from cancellations (a partner sees its own)',
  options: { all: option.flag('--all', 'every cancellation, also those of services only (nothing to return)'), format: formatOption() },
  examples: ['hwaas returns list', 'hwaas returns list --all --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).returns.list({ all: options.all === true }), RETURNS(options.all === true));
  },
});
