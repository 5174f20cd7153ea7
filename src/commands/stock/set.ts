import { defineCommand } from '../../cli/command.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'staff: set the devices on hand',
  args: { sku: { description: 'the product' }, qty: { description: 'how many are on hand' } },
  options: {},
  examples: ['hwaas --as USR-101 stock set MONOLED 250'],
  writes: true,
  async run(ctx, _options, { sku, qty }) {
    if (!/^\d{1,7}$/.test(qty)) throw new UsageError(`stock set: "${qty}" is not a whole number of devices on hand (0 to 9,999,999).`);
    const level = await (await ctx.useCases()).stock.set({ sku, onHand: Number(qty) });
    if (ctx.json) ctx.printJson(level);
    else ctx.out(`${level.sku}: ${level.onHand} on hand, ${level.reserved} reserved, ${level.available} available.`);
  },
});
