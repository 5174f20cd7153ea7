import { defineCommand } from '../../cli/command.js';
import { printChanged } from './changed.js';

export const command = defineCommand({
  description: 'staff: the area manager has the signed agreement',
  args: { id: { description: 'the order' } },
  options: {},
  examples: ['hwaas --as giulia.rossi@wildix.example orders approve ORD-000001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const order = await (await ctx.useCases()).orders.approve({ id });
    printChanged(ctx, order, `Approved ${order.id}: the signed agreement is with the area manager; ship it with \`hwaas orders ship ${order.id}\`.`, { negotiated: true });
  },
});
