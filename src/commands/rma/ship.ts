import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'staff: the replacement devices leave the warehouse (off stock on hand)',
  args: { id: { description: 'the RMA' } },
  options: {},
  examples: ['hwaas rma ship RMA-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const rma = await (await ctx.useCases()).rmas.ship({ id });
    if (ctx.json) ctx.printJson(rma);
    else ctx.out(`${rma.id} is shipped: ${rma.qty} × ${rma.sku} for PBX ${rma.pbx}.`);
    return 0;
  },
});
