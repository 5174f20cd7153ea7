import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RETURN_KEYS, returnJson } from '../../cli/serviceViews.js';
import type { Cancellation } from '../../domain/model.js';
import { listCancellations } from '../../domain/services.js';
import { formatDate } from '../../terms/dates.js';

export const command = defineCommand({
  path: ['returns', 'list'],
  description: 'devices coming back from cancellations (a partner sees its own)',
  options: { format: formatOption() },
  examples: ['hwaas returns list', 'hwaas returns list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const rows = await listCancellations(await ctx.store(), await ctx.actor(), true);
    await printListing(ctx, format, rows, {
      columns: [
        { header: 'Return', value: (c: Cancellation) => c.id },
        { header: 'PBX', value: (c) => c.pbx },
        { header: 'Partner', value: (c) => c.partner },
        { header: 'Devices', value: (c) => c.lines.filter((l) => l.returnedQty > 0).map((l) => `${l.returnedQty} × ${l.sku}`).join(', ') },
        { header: 'Pickup', value: (c) => c.pickup ?? '' },
        { header: 'Stops', value: (c) => formatDate(c.effectiveOn) },
        { header: 'Status', value: (c) => c.returnStatus },
      ],
      toJson: returnJson,
      keys: RETURN_KEYS,
      empty: 'No returns: cancelled devices show up here.',
    });
  },
});
