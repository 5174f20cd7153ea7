import type { Context } from '../../cli/context.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { Invoice } from '../../store/ledger.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount, formatMoney } from '../../terms/money.js';

export async function run(ctx: Context, options: { overdue?: boolean; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const store = await ctx.store();
  const scope = await ctx.scope();
  const invoices = store.ledger.invoices(scope, { unpaidDueBefore: options.overdue ? ctx.today : null });
  const overdue = (i: Invoice) => i.paidOn === null && i.dueOn < ctx.today;
  await printListing(ctx, format, invoices, {
    columns: [
      { header: 'Invoice', value: (i: Invoice) => i.number },
      { header: 'Partner', value: (i) => i.partner },
      { header: 'Amount', value: (i) => formatMoney(i.amount, i.currency), align: 'right' },
      { header: 'Issued', value: (i) => formatDate(i.issuedOn) },
      { header: 'Due', value: (i) => formatDate(i.dueOn) },
      { header: 'Paid', value: (i) => (i.paidOn === null ? (overdue(i) ? { text: 'OVERDUE', paint: 'red' as const } : 'open') : formatDate(i.paidOn)) },
    ],
    toJson: (i) => ({ number: i.number, partner: i.partner, amount: formatAmount(i.amount), currency: i.currency, issuedOn: formatDate(i.issuedOn), dueOn: formatDate(i.dueOn), paidOn: i.paidOn === null ? null : formatDate(i.paidOn), overdue: overdue(i) }),
    keys: ['number', 'partner', 'amount', 'currency', 'issuedOn', 'dueOn', 'paidOn', 'overdue'],
    empty: options.overdue ? 'No overdue invoices: checkout is open.' : 'No invoices.',
  });
}
