import { defineCommand, formatOption, option } from '../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../cli/listing.js';
import { RENEWALS, SIDES } from '../views/text/services.js';

export const command = defineCommand({
  description: 'the renewal calendar with money: every PBX that renews soon and what its services renew for',
  options: {
    within: option.string('--within <days>', 'how many days ahead (default 30)'),
    partner: option.string('--partner <id>', "staff: only this partner's PBXs"),
    side: option.choice('--side <side>', 'the money shown: buy (default), sell, both (with the margin)', SIDES),
    format: formatOption(),
  },
  examples: ['hwaas renewals', 'hwaas renewals --within 90 --side both', 'hwaas renewals --within 90 --json'],
  help: '"total" is the sum of the renewal (unit price × quantity, on the term it renews on) of the service lines that continue past that date; cancelled units and a cancelled PBX do not renew.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const within = parseWholeNumber(options.within, '--within', 0, 36_600) ?? 30;
    await printListing(ctx, format, await (await ctx.useCases()).services.renewals({ within, partner: options.partner }), RENEWALS(within, options.side ?? 'buy'));
  },
});
