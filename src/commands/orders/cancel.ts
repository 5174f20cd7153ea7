import type { Context } from '../../cli/context.js';
import { NotFoundError } from '../../errors.js';
import { cancel } from '../../domain/orders.js';
import { actor, parseOrderId, printChanged } from './common.js';

export async function run(ctx: Context, options: { yes?: boolean }, id: string): Promise<number> {
  const seq = parseOrderId(id);
  const store = await ctx.store();
  const existing = store.orders.get(await ctx.scope(), seq);
  if (!existing) throw new NotFoundError('order', id);
  if (!(await ctx.confirm(options.yes, `Cancel ${existing.id} (${existing.status})?`))) {
    ctx.err('Nothing cancelled.');
    return 1;
  }
  const order = cancel(store, await actor(ctx), seq, id);
  await printChanged(ctx, order, `Cancelled ${order.id}${existing.status === 'draft' ? '' : '; its stock reservation is released'}.`);
  return 0;
}
