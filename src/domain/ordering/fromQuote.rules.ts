import type { Actor, Order } from '../kernel/model.js';
import type { Repositories } from '../kernel/port.js';
import { expiredQuote } from '../quoting/quotes.rules.js';

/**
 * The resale unit prices an order made from a quote keeps (by SKU): the quote's, while the
 * quote holds on the day of checkout; none for another order, or one repriced. A quote
 * past its valid-until no longer binds the partner: checkout says so (QUOTE_EXPIRED).
 */
export async function heldResalePrices(tx: Repositories, actor: Actor, order: Order): Promise<Map<string, bigint>> {
  const held = new Map<string, bigint>();
  if (order.source !== 'quote' || order.quote === null) return held;
  for (const line of order.lines) if (line.resaleUnitPrice !== null) held.set(line.sku, line.resaleUnitPrice);
  if (held.size === 0) return held;
  const quote = (await tx.quotes.get(actor.scope, order.quote)).find((q) => q.partner === order.partner);
  if (quote && quote.validUntil < actor.today) {
    throw expiredQuote(quote, `${order.id} was made from it at its prices, which no longer hold. Cancel ${order.id} (\`hwaas orders cancel ${order.id}\`) and make the order again`);
  }
  return held;
}
