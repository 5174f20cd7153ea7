import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'staff: a disabled user may act again',
  args: { id: { description: 'the user (ID)' } },
  options: {},
  examples: ['hwaas --as USR-101 users enable USR-004'],
  writes: true,
  async run(ctx, _options, { id }) {
    const { user, changed } = await (await ctx.useCases()).users.setEnabled({ id, enabled: true });
    if (ctx.json) {
      ctx.printJson(user);
      return;
    }
    ctx.out(changed ? `Enabled ${user.id} (${user.name} <${user.email}>).` : `${user.id} (${user.name}) was already enabled; nothing changed.`);
  },
});
