import { defineCommand } from '../../cli/command.js';
import { customerText } from '../../views/text/parties.js';

export const command = defineCommand({
  description: 'one customer with its PBXs and agreements',
  args: { id: { description: 'the customer' } },
  options: {},
  examples: ['hwaas customers show CUS-0001'],
  async run(ctx, _options, { id }) {
    const customer = await (await ctx.useCases()).customers.show({ id });
    if (ctx.json) {
      const { partnerName: _name, ...shown } = customer;
      ctx.printJson(shown);
      return;
    }
    ctx.out(customerText(ctx.style, customer));
  },
});
