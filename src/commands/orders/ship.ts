import { defineCommand } from '../../cli/command.js';
import { printChanged } from './changed.js';

export const command = defineCommand({
  description: 'staff: the devices leave stock; reservations are released',
  args: { id: { description: 'the order' } },
  options: {},
  examples: ['hwaas --as giulia.rossi@wildix.example orders ship ORD-000001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const order = await (await ctx.useCases()).orders.ship({ id });
    printChanged(ctx, order, `Shipped ${order.id}: its devices left stock and their reservation is released.`);
  },
});
