import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { USERS } from '../../views/text/parties.js';

export const command = defineCommand({
  description: "the users (staff see everyone; a partner's user its own partner's)",
  options: { format: formatOption() },
  examples: ['hwaas --as USR-101 users list', 'hwaas users list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const users = await (await ctx.useCases()).users.list();
    await printListing(ctx, format, users, USERS);
  },
});
