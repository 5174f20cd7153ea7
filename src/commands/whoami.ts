import { defineCommand } from '../cli/command.js';
import { userJson } from '../cli/views.js';
import { whoami } from '../domain/users.js';

export const command = defineCommand({
  path: ['whoami'],
  description: 'the acting user, role and partner',
  options: {},
  examples: ['hwaas whoami', 'hwaas --as giulia.rossi@wildix.example whoami --json'],
  async run(ctx) {
    const actor = await ctx.actor();
    if (ctx.json) {
      ctx.printJson(userJson(actor.user));
      return;
    }
    const { user, partner } = await whoami(await ctx.store(), actor);
    ctx.out(`${ctx.style.chalk.bold(user.name)} <${user.email}> (${user.id})`);
    ctx.out(`Role: ${user.role === 'staff' ? 'Wildix staff: sees every partner' : 'partner user'}`);
    if (partner) {
      ctx.out(`Partner: ${partner.name} (${partner.id}), ${partner.country}, prices in ${partner.currency}`);
      ctx.out(`Area manager: ${partner.areaManagerName} <${partner.areaManagerEmail}>`);
    }
  },
});
