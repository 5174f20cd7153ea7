import { defineCommand } from '../../cli/command.js';
import { returnJson } from '../../cli/serviceViews.js';
import { receiveReturn } from '../../domain/lifecycle/cancellations.js';

export const command = defineCommand({
  path: ['returns', 'receive'],
  description: 'staff: the devices of a return arrived; they go back on hand',
  args: { id: { description: 'the return (CAN-…)' } },
  options: {},
  examples: ['hwaas returns receive CAN-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const received = await receiveReturn(await ctx.store(), await ctx.actor(), id);
    if (ctx.json) ctx.printJson(returnJson(received));
    else ctx.out(`Received ${received.id}: ${received.lines.filter((l) => l.returnedQty > 0).map((l) => `${l.returnedQty} × ${l.sku}`).join(', ')} back on hand.`);
    return 0;
  },
});
