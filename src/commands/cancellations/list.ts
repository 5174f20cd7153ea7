import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RETURNS } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'every cancellation that stands, of devices and of services, with what comes back (a partner sees its own)',
  options: { format: formatOption() },
  examples: ['hwaas cancellations list', 'hwaas cancellations list --json', 'hwaas cancellations undo CAN-0001'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).returns.list({ all: true }), RETURNS(true));
  },
});
