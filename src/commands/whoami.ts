import { defineCommand } from '../cli/command.js';
import { userJson } from '../cli/views.js';
import { standingSentence } from '../domain/parties/standing.js';
import { whoami } from '../domain/parties/users.js';

export const command = defineCommand({
  path: ['whoami'],
  description: 'the acting user, role and partner',
  options: {},
  examples: ['hwaas whoami', 'hwaas --as giulia.rossi@wildix.example whoami --json'],
  async run(ctx) {
    const actor = await ctx.actor();
    const { user, partner, standing } = await whoami(await ctx.store(), actor);
    if (ctx.json) {
      ctx.printJson({ ...userJson(user), standing: standing && { stage: standing.stage, daysOverdue: standing.days, invoice: standing.invoice?.number ?? null } });
      return;
    }
    ctx.out(`${ctx.style.chalk.bold(user.name)} <${user.email}> (${user.id})`);
    ctx.out(`Role: ${user.role === 'staff' ? 'Wildix staff: sees every partner' : 'partner user'}`);
    if (partner) {
      ctx.out(`Partner: ${partner.name} (${partner.id}), ${partner.country}, prices in ${partner.currency}`);
      ctx.out(`Area manager: ${partner.areaManagerName} <${partner.areaManagerEmail}>`);
      const said = standing && standingSentence(standing);
      if (said) ctx.out(`${ctx.style.chalk[standing!.stage === 'warning' ? 'yellow' : 'red']('Standing:')} ${said}`);
    }
  },
});
