import type { Context } from '../../cli/context.js';
import { approve } from '../../domain/orders.js';
import { actor, negotiatedPrices, parseOrderId, printChanged } from './common.js';

export async function run(ctx: Context, _options: unknown, id: string): Promise<void> {
  const seq = parseOrderId(id);
  const store = await ctx.store();
  const order = approve(store, await actor(ctx), seq, id);
  await printChanged(ctx, order, `Approved ${order.id}: the signed agreement is with the area manager; ship it with \`hwaas orders ship ${order.id}\`.`);
  if (!ctx.json) for (const note of negotiatedPrices(store, await ctx.scope(), order)) ctx.out(ctx.style.chalk.yellow(`⚠ ${note}`));
}
