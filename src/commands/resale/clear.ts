import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'remove resale rules: the default markup, a category, a SKU (its markup and prices), or --all',
  options: {
    default: option.flag('--default', 'the default markup'),
    category: option.string('--category <name>', "a category's markup"),
    sku: option.string('--sku <sku>', "a SKU's markup and explicit prices (with --term: that term's price only)"),
    term: option.string('--term <term>', 'with --sku: the explicit price of this term only'),
    all: option.flag('--all', 'every rule: resale = buy again'),
    partner: option.string('--partner <id>', 'staff: whose rules'),
  },
  examples: ['hwaas resale clear --sku WP480G --term yearly', 'hwaas resale clear --category "Desk phones"', 'hwaas resale clear --all'],
  writes: true,
  async run(ctx, options) {
    const chosen = [options.default, options.category !== undefined, options.sku !== undefined, options.all].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError('say which rules to clear: --default, --category NAME, --sku SKU [--term TERM] or --all.', 'USAGE');
    if (options.term !== undefined && options.sku === undefined) throw new UsageError('--term goes with --sku.', 'USAGE');
    const what = options.all ? 'all' : options.default ? 'default' : options.category !== undefined ? 'category' : 'sku';
    const cleared = await (await ctx.useCases()).resale.clear({ partner: options.partner, what, category: options.category, sku: options.sku, term: options.term as never });
    if (ctx.json) ctx.printJson(cleared);
    else ctx.out(cleared.removed === 0 ? 'No such rule: nothing removed.' : `Removed ${cleared.removed} rule${cleared.removed > 1 ? 's' : ''}.`);
  },
});
