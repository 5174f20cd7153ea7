import type { Context } from '../../cli/context.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { StockLevel } from '../../store/ledger.js';

export const stockToJson = (s: StockLevel) => ({ sku: s.sku, name: s.name, onHand: s.onHand, reserved: s.reserved, available: s.onHand - s.reserved });

export async function run(ctx: Context, options: { format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const store = await ctx.store();
  await ctx.user();
  await printListing(ctx, format, store.ledger.stock(), {
    columns: [
      { header: 'SKU', value: (s: StockLevel) => s.sku },
      { header: 'Product', value: (s) => s.name },
      { header: 'On hand', value: (s) => String(s.onHand), align: 'right' },
      { header: 'Reserved', value: (s) => String(s.reserved), align: 'right' },
      { header: 'Available', value: (s) => (s.onHand - s.reserved < 0 ? { text: `${s.onHand - s.reserved} (backorder)`, paint: 'yellow' as const } : String(s.onHand - s.reserved)), align: 'right' },
    ],
    toJson: stockToJson,
    keys: ['sku', 'name', 'onHand', 'reserved', 'available'],
    empty: 'No stocked products: run `hwaas init`.',
  });
}
