import { defineCommand } from '../../cli/command.js';
import { rmaJson } from '../../cli/serviceViews.js';
import { moveRma } from '../../domain/lifecycle/rmas.js';

export const command = defineCommand({
  path: ['rma', 'ship'],
  description: 'staff: the replacement devices leave the warehouse (off stock on hand)',
  args: { id: { description: 'the RMA' } },
  options: {},
  examples: ['hwaas rma ship RMA-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const rma = await moveRma(await ctx.store(), await ctx.actor(), id, 'shipped');
    if (ctx.json) ctx.printJson(rmaJson(rma));
    else ctx.out(`${rma.id} is shipped: ${rma.qty} × ${rma.sku} for PBX ${rma.pbx}.`);
    return 0;
  },
});
