import { defineCommand } from '../../cli/command.js';
import { returnedItems } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'staff: the devices of a return arrived; they go back on hand',
  args: { id: { description: 'the return (CAN-…)' } },
  options: {},
  examples: ['hwaas returns receive CAN-0001'],
  writes: true,
  async run(ctx, _options, { id }) {
    const received = await (await ctx.useCases()).returns.receive({ id });
    if (ctx.json) ctx.printJson(received);
    else ctx.out(`Received ${received.id}: ${returnedItems(received)} back on hand.`);
    return 0;
  },
});
