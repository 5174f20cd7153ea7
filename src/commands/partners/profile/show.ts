import { defineCommand, option } from '../../../cli/command.js';
import { profileText } from '../../../views/text/parties.js';

export const command = defineCommand({
  description: "a partner's identity on its documents, and what a customer's document would lack",
  options: { partner: option.string('--partner <id>', 'staff: whose profile') },
  examples: ['hwaas partners profile show', 'hwaas --as USR-101 partners profile show --partner PTR-001 --json'],
  async run(ctx, options) {
    const profile = await (await ctx.useCases()).partners.profile({ partner: options.partner ?? null });
    if (ctx.json) ctx.printJson(profile);
    else ctx.out(profileText(profile));
  },
});
