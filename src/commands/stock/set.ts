import type { Context } from '../../cli/context.js';
import { RefusedError, UsageError } from '../../errors.js';
import { unknownSku } from '../../domain/pricing.js';
import { stockToJson } from './list.js';

export async function run(ctx: Context, _options: unknown, skuText: string, qtyText: string): Promise<void> {
  if (!/^\d{1,7}$/.test(qtyText)) throw new UsageError(`stock set: "${qtyText}" is not a whole number of devices on hand (0 to 9,999,999).`);
  const sku = skuText.toUpperCase();
  await ctx.requireStaff('Setting stock');
  const store = await ctx.store();
  const product = store.catalog.product(sku);
  if (!product) throw unknownSku(sku, store.catalog.products().map((p) => p.sku));
  if (!product.stocked) throw new RefusedError('NOT_ELIGIBLE', `${sku} (${product.name}) is a service: it has no stock.`);
  const level = store.write(() => {
    store.ledger.setOnHand(sku, Number(qtyText));
    return store.ledger.stockOf(sku)!;
  });
  if (ctx.json) ctx.printJson(stockToJson(level));
  else ctx.out(`${sku}: ${level.onHand} on hand, ${level.reserved} reserved, ${level.onHand - level.reserved} available.`);
}
