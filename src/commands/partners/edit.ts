import { defineCommand } from '../../cli/command.js';
import { partnerEditText } from '../../views/text/parties.js';
import { partnerOptions } from './add.js';

export const command = defineCommand({
  description: 'staff: change what is given of a partner (its currency only while it has no orders or invoices)',
  args: { id: { description: 'the partner' } },
  options: partnerOptions,
  examples: ['hwaas --as USR-101 partners edit PTR-002 --tier gold', 'hwaas --as USR-101 partners edit PTR-004 --area-manager-name "Ewa Nowak" --area-manager-email ewa.nowak@wildix.example'],
  writes: true,
  async run(ctx, options, { id }) {
    const { before, after } = await (await ctx.useCases()).partners.edit({ id, ...options });
    if (ctx.json) ctx.printJson(after);
    else ctx.out(partnerEditText(before, after));
  },
});
