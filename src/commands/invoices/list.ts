import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { IMPORT_CSV, INVOICE_KEYS, invoiceJson } from '../../cli/views.js';
import { listInvoices } from '../../domain/parties/invoices.js';
import { daysOverdue, stageOf } from '../../domain/parties/standing.js';
import type { Invoice } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';

export const command = defineCommand({
  path: ['invoices', 'list'],
  description: 'invoices, by due date, with how many days each is overdue and what that stops',
  options: { overdue: option.flag('--overdue', 'only unpaid invoices past their due date'), format: formatOption() },
  examples: ['hwaas invoices list --overdue', 'hwaas invoices list --json'],
  help: 'Stages of an unpaid invoice past its due date: 1–4 days "warning" (checkout warns), 5–29 "ordering-blocked" (HWaaS checkout refused; drafts still save), 30–34 "locked" (the partner\'s users change nothing), 35 and more "suspended" (its services show suspended).',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const actor = await ctx.actor();
    const invoices = await listInvoices(await ctx.store(), actor, { overdue: options.overdue });
    const days = (i: Invoice) => daysOverdue(i, actor.today);
    await printListing(ctx, format, invoices, {
      columns: [
        { header: 'Invoice', value: (i: Invoice) => i.number },
        { header: 'Partner', value: (i) => i.partner },
        { header: 'Amount', value: (i) => formatMoney(i.amount, i.currency), align: 'right' },
        { header: 'Issued', value: (i) => formatDate(i.issuedOn), drop: 1 },
        { header: 'Due', value: (i) => formatDate(i.dueOn) },
        { header: 'Paid', value: (i) => (i.paidOn === null ? (days(i) > 0 ? { text: `OVERDUE ${days(i)} d`, paint: 'red' as const } : 'open') : formatDate(i.paidOn)) },
        { header: 'Stage', value: (i) => stageOf(days(i)) },
      ],
      toJson: (i) => invoiceJson(i, days(i), stageOf(days(i))),
      keys: INVOICE_KEYS,
      csv: IMPORT_CSV.invoices,
      empty: options.overdue ? 'No overdue invoices: checkout is open.' : 'No invoices.',
    });
  },
});
