import { defineCommand } from '../../cli/command.js';
import { ship } from '../../domain/ordering/orders.js';
import { parseOrderId, printChanged } from './common.js';
import { orderView } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'ship'],
  description: 'staff: the devices leave stock; reservations are released',
  args: { id: { description: 'the order' } },
  options: {},
  examples: ['hwaas --as giulia.rossi@wildix.example orders ship ORD-000001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const seq = parseOrderId(id);
    const store = await ctx.store();
    const actor = await ctx.actor();
    const view = await orderView(store, actor, await ship(store, actor, seq, id));
    printChanged(ctx, view, `Shipped ${view.order.id}: its devices left stock and their reservation is released.`);
  },
});
