import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { parseLicense } from '../../terms/term.js';
import { PBXS } from '../../views/text/pbxs.js';

export const command = defineCommand({
  description: 'PBXs with their current period and expiration on "today"',
  options: {
    customer: option.string('--customer <id>', "only this customer's PBXs"),
    term: option.string('--term <term>', 'monthly|yearly|five-year (1m, 1y, 5y) or perpetual'),
    expiringWithin: option.string('--expiring-within <days>', 'only PBXs that expire within this many days: the renewal calendar'),
    format: formatOption(),
  },
  examples: ['hwaas pbx list', 'hwaas pbx list --expiring-within 30', 'hwaas pbx list --term yearly --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const license = options.term === undefined ? null : parseLicense(options.term, '--term');
    const expiringWithin = parseWholeNumber(options.expiringWithin, '--expiring-within', 0, 36_600) ?? null;
    const listing = await (await ctx.useCases()).pbxs.list({ customer: options.customer, license, expiringWithin });
    await printListing(ctx, format, listing, PBXS(expiringWithin));
  },
});
