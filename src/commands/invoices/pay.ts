import { defineCommand } from '../../cli/command.js';
import { payInvoice } from '../../domain/parties/invoices.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';

export const command = defineCommand({
  path: ['invoices', 'pay'],
  description: 'staff: mark an invoice paid today',
  args: { number: { description: 'the invoice' } },
  options: {},
  examples: ['hwaas --as USR-101 invoices pay INV-2026-0201'],
  writes: true,
  async run(ctx, _options, { number }) {
    const invoice = await payInvoice(await ctx.store(), await ctx.actor(), number);
    if (ctx.json) {
      ctx.printJson({ number: invoice.number, partner: invoice.partner, amount: formatAmount(invoice.amount), currency: invoice.currency, paidOn: formatDate(invoice.paidOn!) });
      return;
    }
    ctx.out(`${invoice.number} (${invoice.partner}) marked paid on ${formatDate(invoice.paidOn!)}.`);
  },
});
