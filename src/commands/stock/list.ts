import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { IMPORT_CSV, STOCK_KEYS, stockJson } from '../../cli/views.js';
import type { StockLevel } from '../../domain/kernel/model.js';
import { listStock } from '../../domain/catalog/stock.js';

export const command = defineCommand({
  path: ['stock', 'list'],
  description: 'stock of every device',
  options: { format: formatOption() },
  examples: ['hwaas stock list'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await ctx.actor(); // a user of the store, whoever it is
    await printListing(ctx, format, await listStock(await ctx.store()), {
      columns: [
        { header: 'SKU', value: (s: StockLevel) => s.sku },
        { header: 'Product', value: (s) => s.name, shrink: true },
        { header: 'On hand', value: (s) => String(s.onHand), align: 'right' },
        { header: 'Reserved', value: (s) => String(s.reserved), align: 'right' },
        {
          header: 'Available',
          value: (s) => (s.onHand - s.reserved < 0 ? { text: `${s.onHand - s.reserved} (backorder)`, paint: 'yellow' as const } : String(s.onHand - s.reserved)),
          align: 'right',
        },
      ],
      toJson: stockJson,
      keys: STOCK_KEYS,
      csv: IMPORT_CSV.stock,
      empty: 'No stocked products: run `hwaas init`.',
    });
  },
});
