import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { userJson } from '../../cli/views.js';
import type { User } from '../../domain/model.js';
import { listUsers } from '../../domain/users.js';

export const command = defineCommand({
  path: ['users', 'list'],
  description: 'every user (staff only)',
  options: { format: formatOption() },
  examples: ['hwaas --as USR-101 users list'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const users = await listUsers(await ctx.store(), await ctx.actor());
    await printListing(ctx, format, users, {
      columns: [
        { header: 'ID', value: (u: User) => u.id },
        { header: 'E-mail', value: (u) => u.email },
        { header: 'Name', value: (u) => u.name },
        { header: 'Role', value: (u) => u.role },
        { header: 'Partner', value: (u) => u.partner ?? '' },
      ],
      toJson: userJson,
      keys: ['id', 'email', 'name', 'role', 'partner'],
      empty: 'No users.',
    });
  },
});
