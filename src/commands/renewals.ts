import { defineCommand, formatOption, option } from '../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../cli/listing.js';
import { RENEWAL_KEYS, renewalJson } from '../cli/serviceViews.js';
import { type RenewalRow, renewals } from '../domain/lifecycle/serviceLines.js';
import { daysBetween, formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';

export const command = defineCommand({
  path: ['renewals'],
  description: 'the renewal calendar with money: every PBX that renews soon and what its services renew for',
  options: {
    within: option.string('--within <days>', 'how many days ahead (default 30)'),
    format: formatOption(),
  },
  examples: ['hwaas renewals', 'hwaas renewals --within 90 --json'],
  help: '"total" is the sum of the renewal (unit price × quantity, on the term it renews on) of the service lines that continue past that date; cancelled units and a cancelled PBX do not renew.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const within = parseWholeNumber(options.within, '--within', 0, 36_600) ?? 30;
    const actor = await ctx.actor();
    const rows = await renewals(await ctx.store(), actor, within);
    await printListing(ctx, format, rows, {
      columns: [
        { header: 'Renews', value: (r: RenewalRow) => formatDate(r.renewsOn) },
        { header: 'In', value: (r) => `${daysBetween(actor.today, r.renewsOn)} d`, align: 'right' },
        { header: 'PBX', value: (r) => r.pbx },
        { header: 'Customer', value: (r) => r.customer },
        { header: 'Term', value: (r) => r.term },
        { header: 'Lines', value: (r) => String(r.lines), align: 'right' },
        { header: 'Total', value: (r) => formatMoney(r.total, r.currency), align: 'right' },
      ],
      toJson: renewalJson,
      keys: RENEWAL_KEYS,
      empty: `No PBX renews within ${within} days of today.`,
    });
  },
});
