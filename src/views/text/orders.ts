import { PER_TERM } from '../../terms/term.js';
import type { OrderJson, OrderSummaryJson } from '../json/orders.js';
import type { QuoteJson } from '../json/quotes.js';
import type { ListingView } from './listing.js';
import { money } from './money.js';
import { quoteText } from './quotes.js';
import { type Style, renderTable } from './style.js';

/** How a timestamp reads for people: its date and time of day in the store's zone. */
export type WhenText = (iso: string) => string;

export const ORDERS = (when: WhenText): ListingView<OrderSummaryJson> => ({
  columns: (viewer) => [
    { header: 'Order', value: (o) => o.id },
    { header: 'Status', value: (o) => o.status },
    ...(viewer === 'staff' ? [{ header: 'Partner', value: (o: OrderSummaryJson) => o.partner }] : []),
    { header: 'Customer', value: (o) => `${o.customerName ?? ''} (${o.customer})`, shrink: true },
    { header: 'PBX', value: (o) => o.pbx, drop: 2 },
    { header: 'Term', value: (o) => o.term, drop: 3 },
    { header: 'Total', value: (o) => (o.total !== null ? money(o.total, o.currency) : o.savedTotal !== null ? `~${money(o.savedTotal, o.currency)}` : ''), align: 'right' },
    { header: 'Created', value: (o) => when(o.createdAt), drop: 1 },
  ],
  keys: ['id', 'status', 'partner', 'customer', 'pbx', 'term', 'currency', 'total', 'createdAt', 'placedAt', 'savedTotal', 'source'],
  empty: 'No orders yet: start one with `hwaas order`.',
});

/** An order's figures as a quote: fixed at checkout, or a draft's as if checked out today. */
export function orderQuote(order: OrderJson): QuoteJson | null {
  if (order.total === null || order.start === null || order.end === null || order.activated === null || order.periodStart === null || order.days === null || order.periodDays === null) return null;
  return {
    pbx: order.pbx,
    term: order.term,
    activated: order.activated,
    currency: order.currency,
    start: order.start,
    end: order.end,
    periodStart: order.periodStart,
    days: order.days,
    periodDays: order.periodDays,
    lines: order.lines.map((l) => ({ ...l, unitPrice: l.unitPrice ?? '0.00', amount: l.amount ?? '0.00', renewal: l.renewal ?? '0.00' })),
    total: order.total,
    renewalDate: order.renewalDate,
    renewalTotal: order.renewalTotal,
    ...(order.renewalTerm !== null && order.renewalTerm !== order.term ? { renewalTerm: order.renewalTerm } : {}),
    resaleTotal: order.resaleTotal,
    resaleRenewalTotal: order.resaleRenewalTotal,
    marginTotal: order.marginTotal,
    marginPercent: order.marginPercent,
  };
}

/** One sentence per line whose price staff negotiated, so that nobody approves a €0.00 line without seeing it. */
export function negotiatedPrices(order: OrderJson): string[] {
  return order.lines
    .filter((l) => l.priceOverride)
    .map((l) => {
      const price = l.unitPrice ?? '0.00';
      return `NEGOTIATED PRICE: ${l.sku} at ${money(price, order.currency)} per ${PER_TERM[order.term]}${l.listPrice === null ? ' (no list price)' : ` instead of the list price ${money(l.listPrice, order.currency)}`}.`;
    });
}

function statusWord(style: Style, status: OrderJson['status']): string {
  const { chalk } = style;
  if (status === 'draft') return chalk.yellow('draft');
  if (status === 'cancelled') return chalk.red('cancelled');
  return chalk.green(status);
}

/** An order for people: its state, its figures as a quote table, warnings and history. */
export function orderText(style: Style, order: OrderJson, when: WhenText): string {
  const { chalk } = style;
  const out: string[] = [];
  out.push(`${chalk.bold(order.id)}: ${statusWord(style, order.status)}, ${order.customerName ?? order.customer} (${order.customer}), PBX ${order.pbx}, ${order.term}`);
  out.push(`Created ${when(order.createdAt)}${order.placedAt ? `, placed ${when(order.placedAt)}` : ''}`);
  if (order.source === 'quote' && order.quote) out.push(`Made from quote ${order.quote}: the customer's prices are the quote's while it is valid.`);
  if (order.source === 'import') out.push('A running line brought in by `hwaas import services`: it was not ordered through hwaas.');
  out.push('');
  const quote = orderQuote(order);
  if (quote) out.push(quoteText(style, quote, order.estimate ? 'Figures if checked out today (a draft is re-priced at checkout):' : 'Figures fixed at checkout:'));
  else out.push(chalk.yellow(`This draft cannot be priced today: ${order.problem}`));
  for (const warning of order.warnings) out.push(chalk.yellow(`⚠ ${warning}`));
  for (const note of negotiatedPrices(order)) out.push(chalk.yellow(`⚠ ${note}`));
  out.push('');
  out.push(
    renderTable(
      style,
      [
        { header: 'When', value: (e) => when(e.at) },
        { header: 'Who', value: (e) => (e.actedBy ? `${e.actedBy} as ${e.by}` : e.by) },
        { header: 'From', value: (e) => e.from ?? '' },
        { header: 'To', value: (e) => e.to },
      ],
      order.events,
    ),
  );
  return out.join('\n');
}

/** "Placed ORD-000042: first charge €12.00, 2 line(s), ending with PBX PBX-1001 on 2027-04-30." */
export function placedText(order: OrderJson, lines = true): string {
  return `Placed ${order.id}: first charge ${money(order.total!, order.currency)}${lines ? `, ${order.lines.length} line(s)` : ''}, ending with PBX ${order.pbx} on ${order.end}.`;
}
