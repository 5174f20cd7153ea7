import { defineCommand } from '../../cli/command.js';
import { approve } from '../../domain/ordering/orders.js';
import { negotiatedPrices, parseOrderId, printChanged } from './common.js';
import { orderView } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'approve'],
  description: 'staff: the area manager has the signed agreement',
  args: { id: { description: 'the order' } },
  options: {},
  examples: ['hwaas --as giulia.rossi@wildix.example orders approve ORD-000001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const seq = parseOrderId(id);
    const store = await ctx.store();
    const actor = await ctx.actor();
    const view = await orderView(store, actor, await approve(store, actor, seq, id));
    printChanged(ctx, view, `Approved ${view.order.id}: the signed agreement is with the area manager; ship it with \`hwaas orders ship ${view.order.id}\`.`);
    // Nobody approves a negotiated price without seeing it.
    if (!ctx.json) for (const note of negotiatedPrices(view)) ctx.out(ctx.style.chalk.yellow(`⚠ ${note}`));
  },
});
