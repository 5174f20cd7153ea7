import { defineCommand, option } from '../../../cli/command.js';

export const command = defineCommand({
  description: 'staff: a token for a user to reach a server with (`hwaas auth login`); said once, here',
  args: { user: { description: 'the user (ID or e-mail)' } },
  options: {
    name: option.string('--name <name>', 'where it is used: laptop, CI (default hwaas)'),
    expiresIn: option.string('--expires-in <time>', 'how long it lives: 90d (default), 12w, 6m, 1y, or never'),
  },
  examples: ['hwaas --as USR-101 users token create USR-001 --name laptop --expires-in 90d', 'hwaas --as USR-101 users token create USR-001 --name ci --json'],
  writes: true,
  async run(ctx, options, { user }) {
    const made = await (await ctx.useCases()).tokens.create({ user, name: options.name, expiresIn: options.expiresIn });
    if (ctx.json) {
      ctx.printJson(made);
      return;
    }
    ctx.out(made.token);
    ctx.err(
      `Token ${made.id} for ${made.user} (${made.name}), ${made.expiresAt ? `valid until ${made.expiresAt.slice(0, 10)}` : 'without an end'}. It is shown only this once: give it to its user, who logs in with \`hwaas auth login --server URL\`.`,
    );
  },
});
