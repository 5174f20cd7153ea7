import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { IMPORT_CSV, PBX_KEYS, pbxJson } from '../../cli/views.js';
import { type PbxOnDay, currentPeriod, listPbxs, pbxState } from '../../domain/parties/pbxs.js';
import { formatDate } from '../../terms/dates.js';
import { parseLicense } from '../../terms/term.js';

export const command = defineCommand({
  path: ['pbx', 'list'],
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
    const expiringWithin = parseWholeNumber(options.expiringWithin, '--expiring-within', 0, 36_600);
    const actor = await ctx.actor();
    const rows = await listPbxs(await ctx.store(), actor, { customer: options.customer, license, expiringWithin });
    const date = (r: PbxOnDay, key: 'start' | 'expiresOn') => {
      const period = currentPeriod(r);
      return period ? formatDate(period[key]) : '';
    };
    await printListing(ctx, format, rows, {
      columns: [
        { header: 'PBX', value: (r: PbxOnDay) => r.pbx.id },
        { header: 'Name', value: (r) => r.pbx.name, shrink: true },
        { header: 'Customer', value: (r) => r.pbx.customer },
        { header: 'Type', value: (r) => r.pbx.type, drop: 2 },
        { header: 'Licence', value: (r) => (r.status.kind === 'active' ? r.status.period.term : r.pbx.license) },
        { header: 'Activated', value: (r) => formatDate(r.pbx.activated), drop: 3 },
        { header: 'Period start', value: (r) => date(r, 'start'), drop: 4 },
        { header: 'Expires', value: (r) => date(r, 'expiresOn') },
        { header: 'State', value: (r) => pbxState(r, actor.today), shrink: true, drop: 1 },
      ],
      toJson: pbxJson,
      keys: PBX_KEYS,
      csv: IMPORT_CSV.pbxs,
      empty: expiringWithin !== undefined ? `No PBX expires within ${expiringWithin} days of today.` : 'No PBXs match.',
    });
  },
});
