import { defineCommand, formatOption, option } from '../cli/command.js';
import { listFormat, printListing } from '../cli/listing.js';
import { MRR_GROUPS } from '../domain/lifecycle/serviceLines.js';
import { MRR, SIDES } from '../views/text/services.js';

export const command = defineCommand({
  description: 'monthly recurring revenue of the services that renew, by partner, customer, PBX or category',
  options: {
    by: option.choice('--by <group>', 'what to sum by (default partner)', MRR_GROUPS),
    partner: option.string('--partner <id>', "staff: only this partner's lines"),
    side: option.choice('--side <side>', 'the money shown: buy (default), sell, both (with the margin)', SIDES),
    format: formatOption(),
  },
  examples: ['hwaas mrr', 'hwaas mrr --by customer --side both', 'hwaas mrr --by category --json'],
  help: 'A line\'s MRR is its unit price × quantity ÷ the months of its term (1, 12 or 60), rounded half up to the cent once per line; these are sums of lines. Units that stop at the end of the period (cancelled) do not count. "devices" is the part from HWaaS devices, "services" from services such as CLASSOUND.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const by = options.by ?? 'partner';
    await printListing(ctx, format, await (await ctx.useCases()).services.mrr({ by, partner: options.partner }), MRR(by, options.side ?? 'buy'));
  },
});
