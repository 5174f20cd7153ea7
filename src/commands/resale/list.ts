import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { ResaleRule } from '../../domain/kernel/model.js';
import { resalePartner, ruleText } from '../../domain/catalog/resale.js';
import { resaleRuleJson } from './set.js';

export const command = defineCommand({
  path: ['resale', 'list'],
  description: "a partner's resale rules, in the order they apply: explicit prices, SKU, category, default markup",
  options: { partner: option.string('--partner <id>', "staff: whose rules"), format: formatOption() },
  examples: ['hwaas resale list', 'hwaas resale list --json'],
  async run(ctx, options) {
    const store = await ctx.store();
    const partner = await resalePartner(store, await ctx.actor(), options.partner ?? null);
    const rules = await store.resale.list(partner);
    await printListing(ctx, listFormat(ctx, options.format), rules, {
      columns: [
        { header: 'Applies to', value: (r: ResaleRule) => (r.kind === 'default' ? 'everything else' : r.kind === 'category' ? `category "${r.key}"` : r.key) },
        { header: 'Resale', value: (r) => ruleText(r) },
      ],
      toJson: resaleRuleJson,
      keys: ['partner', 'kind', 'target', 'term', 'markup', 'price', 'currency'],
      empty: `No resale rules for ${partner}: its resale prices are its buy prices (margin 0). Set a default with \`hwaas resale set --markup 25\`.`,
    });
  },
});
