import { defineCommand } from '../../cli/command.js';
import { userRecordJson } from '../../cli/views.js';
import { setUserEnabled } from '../../domain/parties/users.js';

export const command = defineCommand({
  path: ['users', 'enable'],
  description: 'staff: a disabled user may act again',
  args: { id: { description: 'the user (ID)' } },
  options: {},
  examples: ['hwaas --as USR-101 users enable USR-004'],
  writes: true,
  async run(ctx, _options, { id }) {
    const { user, changed } = await setUserEnabled(await ctx.store(), await ctx.actor(), id, true);
    if (ctx.json) {
      ctx.printJson(userRecordJson(user));
      return;
    }
    ctx.out(changed ? `Enabled ${user.id} (${user.name} <${user.email}>).` : `${user.id} (${user.name}) was already enabled; nothing changed.`);
  },
});
