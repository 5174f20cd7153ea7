import type { Context } from '../../cli/context.js';
import { renderQuote } from '../../cli/quoteView.js';
import { renderTable } from '../../cli/style.js';
import { UsageError } from '../../errors.js';
import type { Scope } from '../../domain/model.js';
import { type Actor, orderFigures, orderToJson } from '../../domain/orders.js';
import { type OrderRecord, orderSeq } from '../../store/orders.js';
import type { Store } from '../../store/store.js';

export function parseOrderId(id: string): number {
  const seq = orderSeq(id);
  if (seq === null) throw new UsageError(`"${id}" is not an order ID; they look like ORD-000042 (\`hwaas orders list\`).`);
  return seq;
}

export async function actor(ctx: Context): Promise<Actor> {
  return { user: await ctx.user(), today: ctx.today, at: ctx.timestamp() };
}

/** An order for people: its state, its figures as a quote table, warnings and history. */
export function renderOrder(ctx: Context, store: Store, order: OrderRecord, scope: Scope): string {
  const { chalk } = ctx.style;
  const out: string[] = [];
  const customer = store.customers.get(scope, order.customer);
  const { quote, estimate, problem } = orderFigures(store, scope, order, ctx.today);
  out.push(`${chalk.bold(order.id)}: ${statusWord(ctx, order.status)}, ${customer?.name ?? order.customer} (${order.customer}), PBX ${order.pbx}, ${order.term}`);
  out.push(`Created ${order.createdAt}${order.placedAt ? `, placed ${order.placedAt}` : ''}`);
  out.push('');
  if (quote) {
    out.push(renderQuote(ctx.style, quote, estimate ? 'Figures if checked out today (a draft is re-priced at checkout):' : 'Figures fixed at checkout:'));
  } else {
    out.push(chalk.yellow(`This draft cannot be priced today: ${problem}`));
  }
  for (const warning of order.warnings) out.push(chalk.yellow(`⚠ ${warning}`));
  out.push('');
  out.push(
    renderTable(
      ctx.style,
      [
        { header: 'When', value: (e) => e.at },
        { header: 'Who', value: (e) => e.by },
        { header: 'From', value: (e) => e.from ?? '' },
        { header: 'To', value: (e) => e.to },
      ],
      order.events,
    ),
  );
  return out.join('\n');
}

function statusWord(ctx: Context, status: string): string {
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
export async function printChanged(ctx: Context, order: OrderRecord, sentence: string, showWarnings = false): Promise<void> {
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (ctx.json) {
    ctx.printJson(orderToJson(store, scope, order, ctx.today));
    return;
  }
  ctx.out(sentence);
  if (showWarnings) for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
}
