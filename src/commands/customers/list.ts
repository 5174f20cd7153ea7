import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { CUSTOMERS } from '../../views/text/parties.js';

export const command = defineCommand({
  description: 'customers, sorted by name',
  options: {
    partner: option.string('--partner <id>', "only this partner's customers (staff)"),
    search: option.string('--search <text>', 'names containing this text, ignoring case and accents ("lodz" finds "Łódź", "mueller" finds "Müller"), or an ID, VAT number or e-mail'),
    limit: option.string('--limit <n>', 'at most this many'),
    format: formatOption(),
  },
  examples: ['hwaas customers list', 'hwaas customers list --search muller', 'hwaas customers list --format csv > customers.csv'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const limit = parseWholeNumber(options.limit, '--limit', 1, 1_000_000);
    const listing = await (await ctx.useCases()).customers.list({ partner: options.partner, search: options.search, limit });
    const empty = options.search ? `No customer matches "${options.search}" (name, ID, VAT number or e-mail).` : CUSTOMERS.empty;
    await printListing(ctx, format, listing, CUSTOMERS, empty);
    if (format === 'table' && listing.total !== undefined && listing.items.length < listing.total) ctx.err(`Showing ${listing.items.length} of ${listing.total}; a larger --limit shows more.`);
  },
});
