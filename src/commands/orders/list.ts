import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { ORDER_SUMMARY_KEYS, orderSummaryJson } from '../../cli/views.js';
import { ORDER_STATUSES, type OrderSummary } from '../../domain/kernel/model.js';
import { formatMoney } from '../../terms/money.js';
import { listOrders } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'list'],
  description: "orders, oldest first; a draft's total (~) is what it cost when saved: checkout re-prices it",
  options: {
    status: option.choice('--status <status>', 'only orders in this state', ORDER_STATUSES),
    customer: option.string('--customer <id>', "only this customer's orders"),
    format: formatOption(),
  },
  examples: ['hwaas orders list --status draft', 'hwaas orders list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const actor = await ctx.actor();
    const store = await ctx.store();
    const orders = await listOrders(store, actor, { status: options.status ?? null, customer: options.customer });
    const names = new Map((await store.customers.list(actor.scope)).map((c) => [c.id, c.name]));
    await printListing(ctx, format, orders, {
      columns: [
        { header: 'Order', value: (o: OrderSummary) => o.id },
        { header: 'Status', value: (o) => o.status },
        ...(actor.scope.kind === 'staff' ? [{ header: 'Partner', value: (o: OrderSummary) => o.partner }] : []),
        { header: 'Customer', value: (o) => `${names.get(o.customer) ?? ''} (${o.customer})`, shrink: true },
        { header: 'PBX', value: (o) => o.pbx, drop: 2 },
        { header: 'Term', value: (o) => o.term, drop: 3 },
        { header: 'Total', value: (o) => (o.total !== null ? formatMoney(o.total, o.currency) : o.savedTotal !== null ? `~${formatMoney(o.savedTotal, o.currency)}` : ''), align: 'right' },
        { header: 'Created', value: (o) => ctx.dateTimeOf(o.createdAt), drop: 1 },
      ],
      toJson: orderSummaryJson,
      keys: ORDER_SUMMARY_KEYS,
      empty: 'No orders yet: start one with `hwaas order`.',
    });
  },
});
