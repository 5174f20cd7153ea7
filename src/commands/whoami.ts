import type { Context } from '../cli/context.js';
import { userToJson } from './init.js';

export async function run(ctx: Context): Promise<void> {
  const user = await ctx.user();
  if (ctx.json) {
    ctx.printJson(userToJson(user));
    return;
  }
  const store = await ctx.store();
  const partner = user.partner ? store.parties.partner(user.partner) : null;
  ctx.out(`${ctx.style.chalk.bold(user.name)} <${user.email}> (${user.id})`);
  ctx.out(`Role: ${user.role === 'staff' ? 'Wildix staff: sees every partner' : 'partner user'}`);
  if (partner) {
    ctx.out(`Partner: ${partner.name} (${partner.id}), ${partner.country}, prices in ${partner.currency}`);
    ctx.out(`Area manager: ${partner.areaManagerName} <${partner.areaManagerEmail}>`);
  }
}
