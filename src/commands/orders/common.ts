import type { Context } from '../../cli/context.js';
import { renderQuote } from '../../cli/quoteView.js';
import { localDateTimeText } from '../../cli/io.js';
import { renderTable } from '../../cli/style.js';
import { UsageError } from '../../errors.js';
import type { Scope } from '../../domain/model.js';
import { type Actor, orderFigures, orderToJson, priceNotes } from '../../domain/orders.js';
import { formatMoney } from '../../terms/money.js';
import { PER_TERM } from '../../terms/term.js';
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
  out.push(`Created ${localDateTimeText(order.createdAt)}${order.placedAt ? `, placed ${localDateTimeText(order.placedAt)}` : ''}`);
  out.push('');
  if (quote) {
    out.push(renderQuote(ctx.style, quote, estimate ? 'Figures if checked out today (a draft is re-priced at checkout):' : 'Figures fixed at checkout:'));
  } else {
    out.push(chalk.yellow(`This draft cannot be priced today: ${problem}`));
  }
  for (const warning of order.warnings) out.push(chalk.yellow(`⚠ ${warning}`));
  for (const note of negotiatedPrices(store, scope, order)) out.push(chalk.yellow(`⚠ ${note}`));
  out.push('');
  out.push(
    renderTable(
      ctx.style,
      [
        { header: 'When', value: (e) => localDateTimeText(e.at) },
        { header: 'Who', value: (e) => e.by },
        { header: 'From', value: (e) => e.from ?? '' },
        { header: 'To', value: (e) => e.to },
      ],
      order.events,
    ),
  );
  return out.join('\n');
}

/** One sentence per line whose price staff negotiated, so that nobody approves a €0.00 line without seeing it. */
export function negotiatedPrices(store: Store, scope: Scope, order: OrderRecord): string[] {
  const notes = priceNotes(store, scope, order);
  return order.lines
    .filter((l) => notes.get(l.sku)?.override)
    .map((l) => {
      const list = notes.get(l.sku)!.listPrice;
      return `NEGOTIATED PRICE: ${l.sku} at ${formatMoney(l.unitPrice ?? l.priceOverride!, order.currency)} per ${PER_TERM[order.term]}${list === null ? ' (no list price)' : ` instead of the list price ${formatMoney(list, order.currency)}`}.`;
    });
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
