import { defineCommand } from '../../cli/command.js';
import { partnerText } from '../../views/text/parties.js';

export const command = defineCommand({
  description: "one partner: currency, tier, area manager (a partner's user sees its own)",
  args: { id: { description: 'the partner' } },
  options: {},
  examples: ['hwaas partners show PTR-001', 'hwaas partners show PTR-001 --json'],
  async run(ctx, _options, { id }) {
    const partner = await (await ctx.useCases()).partners.show({ id });
    if (ctx.json) ctx.printJson(partner);
    else ctx.out(partnerText(ctx.style, partner));
  },
});
