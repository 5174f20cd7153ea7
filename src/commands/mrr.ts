import { defineCommand, formatOption, option } from '../cli/command.js';
import { listFormat, printListing } from '../cli/listing.js';
import { MRR_KEYS, mrrJson } from '../cli/serviceViews.js';
import { type MrrRow, MRR_GROUPS, mrrBy, serviceLines } from '../domain/lifecycle/serviceLines.js';
import { formatMoney } from '../terms/money.js';

export const command = defineCommand({
  path: ['mrr'],
  description: 'monthly recurring revenue of the services that renew, by partner, customer, PBX or category',
  options: {
    by: option.choice('--by <group>', 'what to sum by (default partner)', MRR_GROUPS),
    format: formatOption(),
  },
  examples: ['hwaas mrr', 'hwaas mrr --by customer', 'hwaas mrr --by category --json'],
  help: 'A line\'s MRR is its unit price × quantity ÷ the months of its term (1, 12 or 60), rounded half up to the cent once per line; these are sums of lines. Units that stop at the end of the period (cancelled) do not count. "devices" is the part from HWaaS devices, "services" from services such as CLASSOUND.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const actor = await ctx.actor();
    const by = options.by ?? 'partner';
    const rows = mrrBy((await serviceLines(await ctx.store(), actor.scope, actor.today)).lines, by);
    await printListing(ctx, format, rows, {
      columns: [
        { header: by[0]!.toUpperCase() + by.slice(1), value: (r: MrrRow) => r.key },
        { header: 'Lines', value: (r) => String(r.lines), align: 'right' },
        { header: 'Devices', value: (r) => formatMoney(r.devices, r.currency), align: 'right' },
        { header: 'Services', value: (r) => formatMoney(r.services, r.currency), align: 'right' },
        { header: 'MRR', value: (r) => formatMoney(r.mrr, r.currency), align: 'right' },
      ],
      toJson: mrrJson,
      keys: MRR_KEYS,
      empty: 'No recurring revenue yet: services start when an order is checked out.',
    });
  },
});
