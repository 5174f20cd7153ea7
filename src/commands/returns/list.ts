import { defineCommand, formatOption, option } from '../../cli/command.js';
import { formatMoney } from '../../terms/money.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RETURN_KEYS, returnJson } from '../../cli/serviceViews.js';
import type { Cancellation } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';
import { listCancellations } from '../../domain/lifecycle/cancellations.js';

export const command = defineCommand({
  path: ['returns', 'list'],
  description: 'devices coming back from cancellations (a partner sees its own)',
  options: { all: option.flag('--all', 'every cancellation, also those of services only (nothing to return)'), format: formatOption() },
  examples: ['hwaas returns list', 'hwaas returns list --all --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const rows = await listCancellations(await ctx.store(), await ctx.actor(), options.all !== true);
    await printListing(ctx, format, rows, {
      columns: [
        { header: 'Return', value: (c: Cancellation) => c.id },
        { header: 'PBX', value: (c) => c.pbx },
        { header: 'Partner', value: (c) => c.partner },
        { header: 'Devices', value: (c) => returnJson(c).items.map((i) => `${i.qty} × ${i.sku}`).join(', ') },
        { header: 'Final charge', value: (c) => formatMoney(c.finalChargeTotal, c.currency), align: 'right' },
        { header: 'Pickup', value: (c) => c.pickup ?? '' },
        { header: 'Stops', value: (c) => formatDate(c.effectiveOn) },
        { header: 'Status', value: (c) => c.returnStatus },
      ],
      toJson: returnJson,
      keys: RETURN_KEYS,
      empty: options.all ? 'No cancellations.' : 'No returns: cancelled devices show up here (--all: services too).',
    });
  },
});
