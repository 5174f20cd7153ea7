import type { Context } from '../../cli/context.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';

export async function run(ctx: Context, _options: unknown, number: string): Promise<void> {
  await ctx.requireStaff('Marking invoices paid');
  const store = await ctx.store();
  const invoice = store.write(() => {
    const found = store.ledger.invoice({ kind: 'staff' }, number);
    if (!found) throw new NotFoundError('invoice', number);
    if (found.paidOn !== null) throw new RefusedError('INVALID_STATE', `${number} was already paid on ${formatDate(found.paidOn)}.`);
    store.ledger.markPaid(number, ctx.today);
    return store.ledger.invoice({ kind: 'staff' }, number)!;
  });
  if (ctx.json) {
    ctx.printJson({ number: invoice.number, partner: invoice.partner, amount: formatAmount(invoice.amount), currency: invoice.currency, paidOn: formatDate(invoice.paidOn!) });
    return;
  }
  ctx.out(`${invoice.number} (${invoice.partner}) marked paid on ${formatDate(invoice.paidOn!)}.`);
}
