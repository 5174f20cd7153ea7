import { defineCommand } from '../../cli/command.js';
import { pbxDetailText } from '../../views/text/pbxs.js';

export const command = defineCommand({
  description: 'a PBX, its current period, expiration, the services on it and their MRR',
  args: { id: { description: 'the PBX' } },
  options: {},
  examples: ['hwaas pbx show PBX-1001', 'hwaas --date 2020-08-01 pbx show PBX-1001 --json'],
  async run(ctx, _options, { id }) {
    const pbx = await (await ctx.useCases()).pbxs.show({ id });
    if (ctx.json) {
      const { customerName: _name, currency: _currency, ...shown } = pbx;
      ctx.printJson(shown);
      return;
    }
    ctx.out(pbxDetailText(ctx.style, pbx));
  },
});
