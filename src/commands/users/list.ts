import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { USER_KEYS, userRecordJson } from '../../cli/views.js';
import type { User } from '../../domain/kernel/model.js';
import { listUsers } from '../../domain/parties/users.js';

export const command = defineCommand({
  path: ['users', 'list'],
  description: "the users (staff see everyone; a partner's user its own partner's)",
  options: { format: formatOption() },
  examples: ['hwaas --as USR-101 users list', 'hwaas users list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const users = await listUsers(await ctx.store(), await ctx.actor());
    const showLogins = users.some((u) => u.dbRole);
    await printListing(ctx, format, users, {
      columns: [
        { header: 'ID', value: (u: User) => u.id },
        { header: 'E-mail', value: (u) => u.email, shrink: true },
        { header: 'Name', value: (u) => u.name, shrink: true },
        { header: 'Role', value: (u) => u.role },
        { header: 'Partner', value: (u) => u.partner ?? '' },
        { header: 'State', value: (u) => (u.disabledAt ? { text: `disabled ${u.disabledAt.slice(0, 10)}`, paint: 'yellow' } : 'active') },
        ...(showLogins ? [{ header: 'Database login', value: (u: User) => u.dbRole ?? '' }] : []),
      ],
      toJson: userRecordJson,
      keys: USER_KEYS,
      empty: 'No users.',
    });
  },
});
