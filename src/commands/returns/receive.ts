import { defineCommand, option } from '../../cli/command.js';
import { returnedItems } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'staff: the devices of a return arrived; they go back on hand',
  args: { id: { description: 'the return (CAN-…)' } },
  options: { serial: option.list('--serial <SN>', 'the serial number of a device received (repeatable); a return that named its devices is received against them') },
  examples: ['hwaas returns receive CAN-0001', 'hwaas returns receive CAN-0002 --serial WX1001 --serial WX1002'],
  writes: true,
  async run(ctx, options, { id }) {
    const received = await (await ctx.useCases()).returns.receive({ id, serials: options.serial });
    if (ctx.json) ctx.printJson(received);
    else ctx.out(`Received ${received.id}: ${returnedItems(received)} back on hand.`);
    return 0;
  },
});
