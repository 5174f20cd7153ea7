import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RESALE_RULES } from '../../views/text/catalog.js';

export const command = defineCommand({
  description: "a partner's resale rules, in the order they apply: explicit prices, SKU, category, default markup",
  options: { partner: option.string('--partner <id>', 'staff: whose rules'), format: formatOption() },
  examples: ['hwaas resale list', 'hwaas resale list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const rules = await (await ctx.useCases()).resale.list({ partner: options.partner });
    await printListing(ctx, format, rules, RESALE_RULES(rules.partner));
  },
});
