import { defineCommand, option } from '../../cli/command.js';
import { printChanged } from './changed.js';

export const command = defineCommand({
  description: 'cancel a draft, placed or approved order (releases its reservation)',
  args: { id: { description: 'the order' } },
  options: { yes: option.flag('--yes', 'do not ask for confirmation') },
  examples: ['hwaas orders cancel ORD-000001 --yes'],
  writes: true,
  async run(ctx, options, { id }) {
    const cases = await ctx.useCases();
    const existing = await cases.orders.show({ id });
    if (!(await ctx.prompts.confirm(options.yes, `Cancel ${existing.id} (${existing.status})?`))) {
      ctx.err('Nothing cancelled.');
      return 1;
    }
    const { wasStatus, ...order } = await cases.orders.cancel({ id });
    printChanged(ctx, order, `Cancelled ${order.id}${wasStatus === 'draft' ? '' : '; its stock reservation is released'}.`);
    return 0;
  },
});
