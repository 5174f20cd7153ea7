import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'staff: mark an invoice paid today',
  args: { number: { description: 'the invoice' } },
  options: {},
  examples: ['hwaas --as USR-101 invoices pay INV-2026-0201'],
  writes: true,
  async run(ctx, _options, { number }) {
    const paid = await (await ctx.useCases()).invoices.pay({ number });
    if (ctx.json) ctx.printJson(paid);
    else ctx.out(`${paid.number} (${paid.partner}) marked paid on ${paid.paidOn}.`);
  },
});
