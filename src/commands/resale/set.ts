import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import type { ResaleRuleJson } from '../../views/json/catalog.js';
import { ruleSetText } from '../../views/text/catalog.js';

export const command = defineCommand({
  description: 'set a markup (default, a category or a SKU) or an explicit resale price for a SKU and term',
  options: {
    markup: option.string('--markup <pct>', 'percent on the buy price, up to two decimals: 25, 12.5'),
    category: option.string('--category <name>', 'the markup applies to this category (as the price list names it)'),
    sku: option.string('--sku <sku>', 'the markup or price applies to this SKU'),
    term: option.string('--term <term>', 'with --price: monthly, yearly or five-year'),
    price: option.string('--price <amount>', "an explicit resale price per device and term, in the partner's currency"),
    partner: option.string('--partner <id>', "staff: whose resale prices (a partner's user sets its own)"),
  },
  examples: ['hwaas resale set --markup 25', 'hwaas resale set --markup 12.5 --category "Desk phones"', 'hwaas resale set --sku WP480G --term yearly --price 89.00'],
  writes: true,
  async run(ctx, options) {
    const cases = await ctx.useCases();
    let rule: ResaleRuleJson;
    if (options.price !== undefined) {
      if (options.markup !== undefined || options.category !== undefined) throw new UsageError('--price is an explicit price for one SKU and term: leave out --markup and --category.', 'USAGE');
      if (options.sku === undefined || options.term === undefined) throw new UsageError('an explicit resale price needs --sku and --term.', 'USAGE');
      rule = await cases.resale.setPrice({ partner: options.partner, sku: options.sku, term: options.term as never, price: options.price });
    } else {
      if (options.markup === undefined) throw new UsageError('give --markup PCT (or --sku, --term and --price for an explicit price).', 'USAGE');
      if (options.term !== undefined) throw new UsageError('--term goes with --price: a markup applies to every term.', 'USAGE');
      if (options.category !== undefined && options.sku !== undefined) throw new UsageError('a markup is for a category or a SKU, not both.', 'USAGE');
      rule = await cases.resale.setMarkup({ partner: options.partner, markup: options.markup, category: options.category, sku: options.sku });
    }
    if (ctx.json) ctx.printJson(rule);
    else ctx.out(ruleSetText(rule));
  },
});
