import { defineCommand } from '../cli/command.js';
import { whoamiText } from '../views/text/parties.js';

export const command = defineCommand({
  description: 'the acting user, role and partner',
  options: {},
  examples: ['hwaas whoami', 'hwaas --as giulia.rossi@wildix.example whoami --json'],
  async run(ctx) {
    const who = await (await ctx.useCases()).whoami();
    if (ctx.json) {
      // The JSON of the contract: the user, and its partner's standing in three fields (the sentence is for people).
      const { partnerDetails: _details, standing, ...user } = who;
      ctx.printJson({ ...user, standing: standing && { stage: standing.stage, daysOverdue: standing.daysOverdue, invoice: standing.invoice } });
      return;
    }
    ctx.out(whoamiText(ctx.style, who));
  },
});
