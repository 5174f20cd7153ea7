import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { clearRules, resalePartner } from '../../domain/catalog/resale.js';
import { parseTerm } from '../../terms/term.js';

export const command = defineCommand({
  path: ['resale', 'clear'],
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
    const store = await ctx.store();
    const partner = await resalePartner(store, await ctx.actor(), options.partner ?? null);
    const chosen = [options.default, options.category !== undefined, options.sku !== undefined, options.all].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError('say which rules to clear: --default, --category NAME, --sku SKU [--term TERM] or --all.', 'USAGE');
    if (options.term !== undefined && options.sku === undefined) throw new UsageError('--term goes with --sku.', 'USAGE');
    let removed: number;
    if (options.all) removed = await clearRules(store, partner, null, null, null);
    else if (options.default) removed = await clearRules(store, partner, 'default', '', null);
    else if (options.category !== undefined) removed = await clearRules(store, partner, 'category', options.category.trim(), null);
    else {
      const sku = options.sku!.trim().toUpperCase();
      removed = options.term !== undefined ? await clearRules(store, partner, 'price', sku, parseTerm(options.term, '--term')) : (await clearRules(store, partner, 'sku', sku, null)) + (await clearRules(store, partner, 'price', sku, null));
    }
    if (ctx.json) ctx.printJson({ partner, removed });
    else ctx.out(removed === 0 ? 'No such rule: nothing removed.' : `Removed ${removed} rule${removed > 1 ? 's' : ''}.`);
  },
});
