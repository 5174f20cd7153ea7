import { defineCommand, formatOption, option } from '../../../cli/command.js';
import { listFormat, printListing } from '../../../cli/listing.js';
import { TOKENS } from '../../../views/text/parties.js';

export const command = defineCommand({
  description: "the tokens issued (staff: everyone's; a user: its own), never their secrets",
  options: { user: option.string('--user <id>', "staff: only this user's tokens"), format: formatOption() },
  examples: ['hwaas --as USR-101 users token list', 'hwaas users token list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await (await ctx.useCases()).tokens.list({ user: options.user }), TOKENS);
  },
});
