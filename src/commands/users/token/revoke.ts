import { defineCommand } from '../../../cli/command.js';

export const command = defineCommand({
  description: 'a token stops working at once (staff: any; a user: its own)',
  args: { id: { description: 'the token (its ID, from `users token list`)' } },
  options: {},
  examples: ['hwaas --as USR-101 users token revoke k3v9q2m8x1pa'],
  // Not refused up front for a locked account: a user revokes its own leaked token whatever it owes (the use case checks the rest).
  writes: false,
  async run(ctx, _options, { id }) {
    const token = await (await ctx.useCases()).tokens.revoke({ id });
    if (ctx.json) ctx.printJson(token);
    else ctx.out(`Revoked token ${token.id} (${token.name}) of ${token.user}: it no longer reaches the server.`);
  },
});
