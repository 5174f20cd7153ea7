import type { Context } from '../../cli/context.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { orderFigures, orderToJson } from '../../domain/orders.js';
import { parseOrderId, renderOrder } from './common.js';
import { localDateText } from '../../cli/io.js';

export async function run(ctx: Context, options: { format?: string; out?: string; force?: boolean; paper?: 'a4' | 'letter' }, id: string): Promise<void> {
  const seq = parseOrderId(id);
  const format = options.format ?? (ctx.json ? 'json' : 'table');
  if (format !== 'pdf' && (options.out !== undefined || options.paper !== undefined)) throw new UsageError('--out and --paper go with --format pdf.', 'USAGE');
  const store = await ctx.store();
  const scope = await ctx.scope();
  const order = store.orders.get(scope, seq);
  if (!order) throw new NotFoundError('order', id);
  if (format === 'json') {
    ctx.printJson(orderToJson(store, scope, order, ctx.today));
    return;
  }
  if (format === 'pdf') {
    const { quote, estimate, problem } = orderFigures(store, scope, order, ctx.today);
    if (!quote) throw new UsageError(`${order.id} cannot be priced today (${problem}): there is nothing to confirm.`);
    const { writeQuoteFile } = await import('../quote/pdf.js');
    await writeQuoteFile(
      ctx,
      {
        title: estimate ? `Draft order ${order.id}` : `Order confirmation ${order.id}`,
        quote,
        pbx: store.pbxs.get(scope, order.pbx),
        facts: [`Order ${order.id}: ${order.status}${order.placedAt ? `, placed ${localDateText(order.placedAt)}` : ''}.${estimate ? ' Figures as if checked out today.' : ''}`, ...order.warnings],
        defaultName: `hwaas-order-${order.id}.pdf`,
      },
      options,
    );
    return;
  }
  ctx.out(renderOrder(ctx, store, order, scope));
}
