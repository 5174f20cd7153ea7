import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { TIERS } from '../../domain/kernel/model.js';
import { bookDiffText } from '../../views/text/catalog.js';

export const command = defineCommand({
  description: "staff: what changes between the versions of a tier's price book in force on two dates",
  options: {
    tier: option.choice('--tier <tier>', 'the partner tier', TIERS),
    currency: option.string('--currency <code>', 'the currency, e.g. EUR'),
    from: option.string('--from <YYYY-MM-DD>', 'the earlier date'),
    to: option.string('--to <YYYY-MM-DD>', 'the later date'),
  },
  examples: ['hwaas pricebook diff --tier silver --currency EUR --from 2026-12-31 --to 2027-01-01', 'hwaas pricebook diff --tier silver --currency EUR --from 2026-12-31 --to 2027-01-01 --json'],
  async run(ctx, options) {
    if (options.tier === undefined || options.currency === undefined || options.from === undefined || options.to === undefined) {
      throw new UsageError('give --tier, --currency, --from and --to.', 'USAGE');
    }
    const diff = await (await ctx.useCases()).pricebooks.diff({ tier: options.tier, currency: options.currency, from: options.from, to: options.to });
    if (ctx.json) ctx.printJson(diff);
    else ctx.out(bookDiffText(diff));
  },
});
