import { defineCommand } from '../../cli/command.js';
import { partnerJson } from '../../cli/views.js';
import { requirePartner } from '../../domain/parties/partners.js';

export const command = defineCommand({
  path: ['partners', 'show'],
  description: "one partner: currency, tier, area manager (a partner's user sees its own)",
  args: { id: { description: 'the partner' } },
  options: {},
  examples: ['hwaas partners show PTR-001', 'hwaas partners show PTR-001 --json'],
  async run(ctx, _options, { id }) {
    const partner = await requirePartner(await ctx.store(), await ctx.actor(), id.trim().toUpperCase());
    if (ctx.json) {
      ctx.printJson(partnerJson(partner));
      return;
    }
    ctx.out(`${ctx.style.chalk.bold(partner.name)} (${partner.id})`);
    ctx.out(`Country: ${partner.country}`);
    ctx.out(`Currency: ${partner.currency}`);
    ctx.out(`Tier: ${partner.tier}`);
    ctx.out(`Area manager: ${partner.areaManagerName} <${partner.areaManagerEmail}>`);
  },
});
