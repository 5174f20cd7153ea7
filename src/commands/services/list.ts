import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { SERVICE_KEYS, serviceJson } from '../../cli/serviceViews.js';
import { type ServiceLine, listServices } from '../../domain/lifecycle/serviceLines.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  path: ['services', 'list'],
  description: 'what runs on each PBX after checkout: one row per service line, its renewal and MRR',
  options: {
    pbx: option.string('--pbx <id>', 'only this PBX'),
    customer: option.string('--customer <id>', "only this customer's PBXs"),
    format: formatOption(),
  },
  examples: ['hwaas services list', 'hwaas services list --pbx PBX-1001', 'hwaas services list --customer CUS-0001 --json'],
  help: 'Every line of a placed (not cancelled) order runs on its PBX from the order\'s start ("since") at the unit price fixed at checkout, and renews with the PBX at each boundary. Status: active; ending (cancelled: stops on "endsOn"); suspended (the partner has an invoice 35 or more days overdue). MRR = unit price × quantity ÷ months of the term, half up per line; 0 for units that stop.',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    for (const [flag, value] of [['--pbx', options.pbx], ['--customer', options.customer]] as const) {
      if (value !== undefined && value.trim() === '') throw new UsageError(`${flag}: give an ID (it is blank); leave ${flag} out to list every one.`);
    }
    const actor = await ctx.actor();
    const { lines } = await listServices(await ctx.store(), actor, { pbx: options.pbx ?? null, customer: options.customer ?? null });
    const money = (m: bigint | null, l: ServiceLine) => (m === null ? '' : formatMoney(m, l.record.currency));
    await printListing(ctx, format, lines, {
      columns: [
        { header: 'PBX', value: (l: ServiceLine) => l.record.pbx },
        { header: 'Order', value: (l) => l.record.order, drop: 2 },
        { header: 'SKU', value: (l) => l.record.sku },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        { header: 'Since', value: (l) => formatDate(l.record.since), drop: 1 },
        { header: 'Renews', value: (l) => (l.renewsOn === null ? '' : formatDate(l.renewsOn)) },
        { header: 'Renewal', value: (l) => money(l.renewal, l), align: 'right' },
        { header: 'MRR', value: (l) => money(l.mrr, l), align: 'right' },
        { header: 'Status', value: (l) => (l.status === 'active' ? 'active' : { text: l.endsOn === null ? l.status : `${l.status}, ends ${formatDate(l.endsOn)}`, paint: l.status === 'suspended' ? ('red' as const) : ('yellow' as const) }) },
      ],
      toJson: serviceJson,
      keys: SERVICE_KEYS,
      empty: 'No services run on these PBXs: they start when an order is checked out.',
    });
  },
});
