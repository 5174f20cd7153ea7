import { defineCommand, option } from '../../cli/command.js';
import { orderJson } from '../../cli/views.js';
import { RefusedError, UsageError } from '../../errors.js';
import { quoteParties } from '../../domain/quoting/quoting.js';
import { parseOrderId, renderOrder } from './common.js';
import { showOrder } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'show'],
  description: 'an order, its figures, warnings and history',
  args: { id: { description: 'the order' } },
  options: {
    format: option.choice('--format <format>', "table, json, or pdf: the customer's order confirmation (resale prices)", ['table', 'json', 'pdf'] as const),
    internal: option.flag('--internal', "with --format pdf: the partner's own copy (buy and resale prices, margin, stock warnings)"),
    out: option.string('--out <file>', 'with --format pdf: the file (- for stdout)'),
    paper: option.choice('--paper <size>', 'PDF paper size (default a4)', ['a4', 'letter'] as const),
    force: option.flag('--force', 'replace an existing file'),
  },
  examples: ['hwaas orders show ORD-000001', 'hwaas orders show ORD-000001 --format pdf', 'hwaas orders show ORD-000001 --format pdf --internal'],
  async run(ctx, options, { id }) {
    const seq = parseOrderId(id);
    const format = options.format ?? (ctx.json ? 'json' : 'table');
    if (format !== 'pdf' && (options.out !== undefined || options.paper !== undefined || options.internal)) throw new UsageError('--out, --paper and --internal go with --format pdf.', 'USAGE');
    const store = await ctx.store();
    const actor = await ctx.actor();
    const view = await showOrder(store, actor, seq, id);
    if (format === 'json') {
      ctx.printJson(orderJson(view));
      return;
    }
    if (format === 'pdf') {
      const { order, figures } = view;
      if (!figures.quote) throw new RefusedError('NOT_PRICED', `${order.id} cannot be priced today, so there is nothing to confirm: ${(figures.problem ?? '').replace(/[.]$/, '')}.`);
      const { documentParties, writeQuoteFile } = await import('../quote/pdf.js');
      const parties = await quoteParties(store, actor, view.pbx);
      const quote = figures.quote;
      const copy = options.internal ? 'internal' : 'customer';
      if (copy === 'customer' && quote.resaleTotal === null) throw new UsageError(`${order.id} has no resale prices to show a customer; write the internal copy with --internal.`);
      await writeQuoteFile(
        ctx,
        `hwaas-order-${order.id}${options.internal ? '-internal' : ''}.pdf`,
        async () => ({
          copy,
          title: figures.estimate ? `Draft order ${order.id}` : `Order confirmation ${order.id}`,
          quote,
          ...documentParties(parties, view.pbx),
          facts: [`Order ${order.id}: ${order.status}${order.placedAt ? `, placed ${ctx.dateOf(order.placedAt)}` : ''}.${figures.estimate ? ' Figures as if checked out today.' : ''}`],
          internalFacts: order.warnings,
        }),
        options,
      );
      return;
    }
    ctx.out(renderOrder(ctx, view));
  },
});
