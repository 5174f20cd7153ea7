import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { UsageError } from '../../errors.js';
import { SERVICES, SIDES } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'what runs on each PBX after checkout: one row per service line, its renewal and MRR',
  options: {
    pbx: option.string('--pbx <id>', 'only this PBX'),
    customer: option.string('--customer <id>', "only this customer's PBXs"),
    partner: option.string('--partner <id>', "staff: only this partner's lines"),
    side: option.choice('--side <side>', 'the money shown: buy (what the partner pays Wildix, default), sell (what its customers pay it), both (with the margin)', SIDES),
    format: formatOption(),
  },
  examples: [
    'hwaas services list',
    'hwaas services list --pbx PBX-1001 --side both',
    'hwaas services list --customer CUS-0001 --json',
    'hwaas services list --format csv > base.csv   # imports back: hwaas import services base.csv',
  ],
  help: 'Every line of a placed (not cancelled) order runs on its PBX from the order\'s start ("since") at the unit price fixed at checkout, and renews with the PBX at each boundary. Status: active; ending (cancelled: stops on "endsOn"); suspended (the partner has an invoice 35 or more days overdue). MRR = unit price × quantity ÷ months of the term, half up per line; 0 for units that stop.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    for (const [flag, value] of [
      ['--pbx', options.pbx],
      ['--customer', options.customer],
      ['--partner', options.partner],
    ] as const) {
      if (value !== undefined && value.trim() === '') throw new UsageError(`${flag}: give an ID (it is blank); leave ${flag} out to list every one.`);
    }
    await printListing(ctx, format, await (await ctx.useCases()).services.list({ pbx: options.pbx, customer: options.customer, partner: options.partner }), SERVICES(options.side ?? 'buy'));
  },
});
