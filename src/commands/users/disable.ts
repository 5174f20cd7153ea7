import { defineCommand } from '../../cli/command.js';
import { userRecordJson } from '../../cli/views.js';
import { setUserEnabled } from '../../domain/parties/users.js';

export const command = defineCommand({
  path: ['users', 'disable'],
  description: 'staff: a user can no longer act (on a shared store, its login cannot log in); its orders and history stay',
  args: { id: { description: 'the user (ID)' } },
  options: {},
  examples: ['hwaas --as USR-101 users disable USR-004'],
  writes: true,
  async run(ctx, _options, { id }) {
    const { user, changed } = await setUserEnabled(await ctx.store(), await ctx.actor(), id, false);
    if (ctx.json) {
      ctx.printJson(userRecordJson(user));
      return;
    }
    ctx.out(changed ? `Disabled ${user.id} (${user.name} <${user.email}>).` : `${user.id} (${user.name}) was already disabled; nothing changed.`);
  },
});
