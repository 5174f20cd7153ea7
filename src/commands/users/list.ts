import type { Context } from '../../cli/context.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { User } from '../../domain/model.js';
import { userToJson } from '../init.js';

export async function run(ctx: Context, options: { format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  await ctx.requireStaff('Listing users');
  const store = await ctx.store();
  await printListing(ctx, format, store.parties.users(), {
    columns: [
      { header: 'ID', value: (u: User) => u.id },
      { header: 'E-mail', value: (u) => u.email },
      { header: 'Name', value: (u) => u.name },
      { header: 'Role', value: (u) => u.role },
      { header: 'Partner', value: (u) => u.partner ?? '' },
    ],
    toJson: userToJson,
    keys: ['id', 'email', 'name', 'role', 'partner'],
    empty: 'No users.',
  });
}
