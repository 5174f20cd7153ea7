import type { Context } from '../../cli/context.js';
import { renderQuote } from '../../cli/quoteView.js';
import { renderTable } from '../../cli/style.js';
import { orderJson } from '../../cli/views.js';
import { RefusedError, UsageError } from '../../errors.js';
import { type OrderStatus, orderSeq } from '../../domain/kernel/model.js';
import { formatMoney } from '../../terms/money.js';
import { PER_TERM } from '../../terms/term.js';
import type { OrderView } from '../../domain/ordering/orderView.js';

/** The amount was shown for one day and the write would run on the next (midnight passed at the prompt). */
export function dayChanged(what: string): RefusedError {
  return new RefusedError('INVALID_STATE', `the date changed while you were deciding (midnight passed): ${what} would be priced for another day than the amount shown; run the command again to see today's amount.`);
}

export function parseOrderId(id: string): number {
  const seq = orderSeq(id);
  if (seq === null) throw new UsageError(`"${id}" is not an order ID; they look like ORD-000042 (\`hwaas orders list\`).`);
  return seq;
}

/** One sentence per line whose price staff negotiated, so that nobody approves a €0.00 line without seeing it. */
export function negotiatedPrices(view: OrderView): string[] {
  const { order, prices } = view;
  return order.lines
    .filter((l) => prices.get(l.sku)?.override)
    .map((l) => {
      const list = prices.get(l.sku)!.listPrice;
      return `NEGOTIATED PRICE: ${l.sku} at ${formatMoney(l.unitPrice ?? l.priceOverride!, order.currency)} per ${PER_TERM[order.term]}${list === null ? ' (no list price)' : ` instead of the list price ${formatMoney(list, order.currency)}`}.`;
    });
}

/** An order for people: its state, its figures as a quote table, warnings and history. */
export function renderOrder(ctx: Context, view: OrderView): string {
  const { chalk } = ctx.style;
  const { order, figures } = view;
  const out: string[] = [];
  out.push(`${chalk.bold(order.id)}: ${statusWord(ctx, order.status)}, ${view.customer?.name ?? order.customer} (${order.customer}), PBX ${order.pbx}, ${order.term}`);
  out.push(`Created ${ctx.dateTimeOf(order.createdAt)}${order.placedAt ? `, placed ${ctx.dateTimeOf(order.placedAt)}` : ''}`);
  out.push('');
  if (figures.quote) {
    out.push(renderQuote(ctx.style, figures.quote, figures.estimate ? 'Figures if checked out today (a draft is re-priced at checkout):' : 'Figures fixed at checkout:'));
  } else {
    out.push(chalk.yellow(`This draft cannot be priced today: ${figures.problem}`));
  }
  for (const warning of order.warnings) out.push(chalk.yellow(`⚠ ${warning}`));
  for (const note of negotiatedPrices(view)) out.push(chalk.yellow(`⚠ ${note}`));
  out.push('');
  out.push(
    renderTable(
      ctx.style,
      [
        { header: 'When', value: (e) => ctx.dateTimeOf(e.at) },
        { header: 'Who', value: (e) => e.by },
        { header: 'From', value: (e) => e.from ?? '' },
        { header: 'To', value: (e) => e.to },
      ],
      order.events,
    ),
  );
  return out.join('\n');
}

function statusWord(ctx: Context, status: OrderStatus): string {
  const { chalk } = ctx.style;
  switch (status) {
    case 'draft':
      return chalk.yellow('draft');
    case 'cancelled':
      return chalk.red('cancelled');
    default:
      return chalk.green(status);
  }
}

/** After a state change: the order JSON, or one line for people (with the checkout's warnings right after checkout). */
export function printChanged(ctx: Context, view: OrderView, sentence: string, showWarnings = false): void {
  if (ctx.json) {
    ctx.printJson(orderJson(view));
    return;
  }
  ctx.out(sentence);
  if (showWarnings) for (const warning of view.order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
}
