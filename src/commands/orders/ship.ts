import type { Context } from '../../cli/context.js';
import { ship } from '../../domain/orders.js';
import { actor, parseOrderId, printChanged } from './common.js';

export async function run(ctx: Context, _options: unknown, id: string): Promise<void> {
  const seq = parseOrderId(id);
  const order = ship(await ctx.store(), await actor(ctx), seq, id);
  await printChanged(ctx, order, `Shipped ${order.id}: its devices left stock and their reservation is released.`);
}
