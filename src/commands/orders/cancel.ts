import { defineCommand, option } from '../../cli/command.js';
import { cancel } from '../../domain/ordering/orders.js';
import { parseOrderId, printChanged } from './common.js';
import { findOrder, orderView } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'cancel'],
  description: 'cancel a draft, placed or approved order (releases its reservation)',
  args: { id: { description: 'the order' } },
  options: { yes: option.flag('--yes', 'do not ask for confirmation') },
  examples: ['hwaas orders cancel ORD-000001 --yes'],
  writes: true,
  async run(ctx, options, { id }) {
    const seq = parseOrderId(id);
    const store = await ctx.store();
    const actor = await ctx.actor();
    const existing = await findOrder(store, actor, seq, id);
    if (!(await ctx.confirm(options.yes, `Cancel ${existing.id} (${existing.status})?`))) {
      ctx.err('Nothing cancelled.');
      return 1;
    }
    const order = await cancel(store, actor, seq, id);
    printChanged(ctx, await orderView(store, actor, order), `Cancelled ${order.id}${existing.status === 'draft' ? '' : '; its stock reservation is released'}.`);
    return 0;
  },
});
