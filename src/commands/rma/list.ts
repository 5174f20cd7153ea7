import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { RMA_KEYS, rmaJson } from '../../cli/serviceViews.js';
import type { Rma } from '../../domain/kernel/model.js';
import { listRmas } from '../../domain/lifecycle/rmas.js';

export const command = defineCommand({
  path: ['rma', 'list'],
  description: 'replacements of faulty devices: requested → shipped → closed (a partner sees its own)',
  options: { format: formatOption() },
  examples: ['hwaas rma list', 'hwaas rma list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const rows = await listRmas(await ctx.store(), await ctx.actor());
    await printListing(ctx, format, rows, {
      columns: [
        { header: 'RMA', value: (r: Rma) => r.id },
        { header: 'PBX', value: (r) => r.pbx },
        { header: 'SKU', value: (r) => r.sku },
        { header: 'Qty', value: (r) => String(r.qty), align: 'right' },
        { header: 'Deliver to', value: (r) => r.deliverTo },
        { header: 'Reason', value: (r) => r.reason },
        { header: 'Status', value: (r) => r.status },
      ],
      toJson: rmaJson,
      keys: RMA_KEYS,
      empty: 'No replacements: `hwaas services replace` asks for one.',
    });
  },
});
