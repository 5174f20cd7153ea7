import { defineCommand } from '../../cli/command.js';
import { rmaJson } from '../../cli/serviceViews.js';
import { moveRma } from '../../domain/lifecycle/rmas.js';

export const command = defineCommand({
  path: ['rma', 'close'],
  description: 'staff: the replacement is done',
  args: { id: { description: 'the RMA' } },
  options: {},
  examples: ['hwaas rma close RMA-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const rma = await moveRma(await ctx.store(), await ctx.actor(), id, 'closed');
    if (ctx.json) ctx.printJson(rmaJson(rma));
    else ctx.out(`${rma.id} is closed: ${rma.qty} × ${rma.sku} for PBX ${rma.pbx}.`);
    return 0;
  },
});
