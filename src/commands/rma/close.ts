import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'staff: the replacement is done',
  args: { id: { description: 'the RMA' } },
  options: {},
  examples: ['hwaas rma close RMA-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const rma = await (await ctx.useCases()).rmas.close({ id });
    if (ctx.json) ctx.printJson(rma);
    else ctx.out(`${rma.id} is closed: ${rma.qty} × ${rma.sku} for PBX ${rma.pbx}.`);
    return 0;
  },
});
