import { defineCommand, option } from '../../cli/command.js';
import { orderJson } from '../../cli/views.js';
import { UsageError } from '../../errors.js';
import { showOrder } from '../../domain/orders.js';
import { quoteParties } from '../../domain/quoting.js';
import { parseOrderId, renderOrder } from './common.js';

export const command = defineCommand({
  path: ['orders', 'show'],
  description: 'an order, its figures, warnings and history',
  args: { id: { description: 'the order' } },
  options: {
    format: option.choice('--format <format>', 'table, json, or pdf: an order confirmation', ['table', 'json', 'pdf'] as const),
    out: option.string('--out <file>', 'with --format pdf: the file (- for stdout)'),
    paper: option.choice('--paper <size>', 'PDF paper size (default a4)', ['a4', 'letter'] as const),
    force: option.flag('--force', 'replace an existing file'),
  },
  examples: ['hwaas orders show ORD-000001', 'hwaas orders show ORD-000001 --format pdf'],
  async run(ctx, options, { id }) {
    const seq = parseOrderId(id);
    const format = options.format ?? (ctx.json ? 'json' : 'table');
    if (format !== 'pdf' && (options.out !== undefined || options.paper !== undefined)) throw new UsageError('--out and --paper go with --format pdf.', 'USAGE');
    const store = await ctx.store();
    const actor = await ctx.actor();
    const view = await showOrder(store, actor, seq, id);
    if (format === 'json') {
      ctx.printJson(orderJson(view));
      return;
    }
    if (format === 'pdf') {
      const { order, figures } = view;
      if (!figures.quote) throw new UsageError(`${order.id} cannot be priced today (${figures.problem}): there is nothing to confirm.`);
      const { writeQuoteFile } = await import('../quote/pdf.js');
      await writeQuoteFile(
        ctx,
        {
          title: figures.estimate ? `Draft order ${order.id}` : `Order confirmation ${order.id}`,
          quote: figures.quote,
          pbx: view.pbx,
          parties: await quoteParties(store, actor, view.pbx),
          facts: [`Order ${order.id}: ${order.status}${order.placedAt ? `, placed ${ctx.dateOf(order.placedAt)}` : ''}.${figures.estimate ? ' Figures as if checked out today.' : ''}`, ...order.warnings],
          defaultName: `hwaas-order-${order.id}.pdf`,
        },
        options,
      );
      return;
    }
    ctx.out(renderOrder(ctx, view));
  },
});
