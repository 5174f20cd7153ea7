import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { IMPORT_CSV, INVOICE_KEYS, invoiceJson } from '../../cli/views.js';
import { isOverdue, listInvoices } from '../../domain/invoices.js';
import type { Invoice } from '../../domain/model.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';

export const command = defineCommand({
  path: ['invoices', 'list'],
  description: 'invoices, by due date',
  options: { overdue: option.flag('--overdue', 'only unpaid invoices past their due date'), format: formatOption() },
  examples: ['hwaas invoices list --overdue'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const actor = await ctx.actor();
    const invoices = await listInvoices(await ctx.store(), actor, { overdue: options.overdue });
    const overdue = (i: Invoice) => isOverdue(i, actor.today);
    await printListing(ctx, format, invoices, {
      columns: [
        { header: 'Invoice', value: (i: Invoice) => i.number },
        { header: 'Partner', value: (i) => i.partner },
        { header: 'Amount', value: (i) => formatMoney(i.amount, i.currency), align: 'right' },
        { header: 'Issued', value: (i) => formatDate(i.issuedOn) },
        { header: 'Due', value: (i) => formatDate(i.dueOn) },
        { header: 'Paid', value: (i) => (i.paidOn === null ? (overdue(i) ? { text: 'OVERDUE', paint: 'red' as const } : 'open') : formatDate(i.paidOn)) },
      ],
      toJson: (i) => invoiceJson(i, overdue(i)),
      keys: INVOICE_KEYS,
      csv: IMPORT_CSV.invoices,
      empty: options.overdue ? 'No overdue invoices: checkout is open.' : 'No invoices.',
    });
  },
});
