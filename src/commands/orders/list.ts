import type { Context } from '../../cli/context.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { localDateText } from '../../cli/io.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { ORDER_STATUSES, type OrderStatus, type OrderSummary } from '../../store/orders.js';
import { formatAmount, formatMoney } from '../../terms/money.js';

export async function run(ctx: Context, options: { status?: string; customer?: string; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  if (options.status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(options.status)) {
    throw new UsageError(`--status: "${options.status}" is not one of ${ORDER_STATUSES.join(', ')}.`);
  }
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (options.customer !== undefined && !store.customers.get(scope, options.customer)) throw new NotFoundError('customer', options.customer);
  const orders = store.orders.list(scope, { status: (options.status as OrderStatus | undefined) ?? null, customer: options.customer });
  await printListing(ctx, format, orders, {
    columns: [
      { header: 'Order', value: (o: OrderSummary) => o.id },
      { header: 'Status', value: (o) => o.status },
      ...(scope.kind === 'staff' ? [{ header: 'Partner', value: (o: OrderSummary) => o.partner }] : []),
      { header: 'Customer', value: (o) => o.customer },
      { header: 'PBX', value: (o) => o.pbx },
      { header: 'Term', value: (o) => o.term },
      { header: 'Total', value: (o) => (o.total === null ? '(draft)' : formatMoney(o.total, o.currency)), align: 'right' },
      { header: 'Created', value: (o) => localDateText(o.createdAt) },
    ],
    toJson: (o) => ({ id: o.id, status: o.status, partner: o.partner, customer: o.customer, pbx: o.pbx, term: o.term, currency: o.currency, total: o.total === null ? null : formatAmount(o.total), createdAt: o.createdAt, placedAt: o.placedAt }),
    keys: ['id', 'status', 'partner', 'customer', 'pbx', 'term', 'currency', 'total', 'createdAt', 'placedAt'],
    empty: 'No orders yet: start one with `hwaas order`.',
  });
}
