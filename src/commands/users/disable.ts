import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'staff: a user can no longer act (on a shared store, its login cannot log in); its orders and history stay',
  args: { id: { description: 'the user (ID)' } },
  options: {},
  examples: ['hwaas --as USR-101 users disable USR-004'],
  writes: true,
  async run(ctx, _options, { id }) {
    const { user, changed } = await (await ctx.useCases()).users.setEnabled({ id, enabled: false });
    if (ctx.json) {
      ctx.printJson(user);
      return;
    }
    ctx.out(changed ? `Disabled ${user.id} (${user.name} <${user.email}>).` : `${user.id} (${user.name}) was already disabled; nothing changed.`);
  },
});
