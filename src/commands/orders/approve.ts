import type { Context } from '../../cli/context.js';
import { approve } from '../../domain/orders.js';
import { actor, parseOrderId, printChanged } from './common.js';

export async function run(ctx: Context, _options: unknown, id: string): Promise<void> {
  const seq = parseOrderId(id);
  const order = approve(await ctx.store(), await actor(ctx), seq, id);
  await printChanged(ctx, order, `Approved ${order.id}: the signed agreement is with the area manager; ship it with \`hwaas orders ship ${order.id}\`.`);
}
