import { NotFoundError, RefusedError } from '../../errors.js';
import type { Term } from '../../terms/term.js';
import { segmentOn } from '../../terms/period.js';
import { type Actor, type Order, type QuoteRecord, orderId } from '../kernel/model.js';
import type { Repositories, Store } from '../kernel/port.js';
import { checkoutIn, saveDraftIn } from './orders.js';
import { getOrder } from './orderView.js';
import { expiredQuote, quoteState } from '../quoting/quotes.rules.js';
import { findQuote } from '../quoting/quotes.js';
import type { OrderRequest } from './orderQuote.js';

/**
 * Quote to order: a quote the customer accepted becomes an order on its PBX, of its lines.
 * While the quote is valid the customer's prices are the quote's; the buy side is the price
 * book in force at checkout, as for every order. Past its valid-until it is QUOTE_EXPIRED,
 * unless the partner reprices (today's resale prices).
 */

interface QuoteDocument {
  readonly quote: { readonly term: Term; readonly lines: readonly { readonly sku: string; readonly qty: number; readonly resaleUnitPrice: string | null }[] };
}

/** Whether an order made from the quote still stands (a cancelled one frees the quote again). */
async function standingOrder(tx: Repositories, actor: Actor, quote: QuoteRecord): Promise<Order | null> {
  if (quote.orderSeq === null) return null;
  const order = await tx.orders.get(actor.scope, quote.orderSeq);
  return order && order.status !== 'cancelled' ? order : null;
}

/** The order request a quote stands for, and the resale prices it holds (none when repriced); refused when the quote cannot become an order. */
async function requestOf(tx: Repositories, actor: Actor, quote: QuoteRecord, reprice: boolean): Promise<{ request: OrderRequest; held: Map<string, bigint> }> {
  const state = quoteState(quote, actor.today);
  if (quote.customer === null || quote.pbx === null) {
    throw new RefusedError('INVALID_STATE', `${quote.number} was not for a PBX: an order is for a customer's PBX (\`hwaas order --customer … --pbx … --item …\`).`);
  }
  if (state === 'declined') throw new RefusedError('INVALID_STATE', `${quote.number} was declined by the customer: it cannot become an order.`);
  const standing = await standingOrder(tx, actor, quote);
  if (standing) throw new RefusedError('INVALID_STATE', `${quote.number} was already ordered as ${standing.id} (${standing.status}).`, { hint: { kind: 'show-order', order: standing.id } });
  const expired = quote.validUntil < actor.today;
  if (expired && !reprice) throw expiredQuote(quote, 'its prices no longer hold');
  const document = JSON.parse(quote.document) as QuoteDocument;
  const pbx = await tx.pbxs.get(actor.scope, quote.pbx);
  if (!pbx) throw new NotFoundError('PBX', quote.pbx);
  const term = segmentOn(pbx, actor.today)?.term ?? null;
  if (!reprice && term !== document.quote.term) {
    throw new RefusedError('INVALID_STATE', `${quote.number} was priced on the ${document.quote.term} term, and ${pbx.id} is ${term ?? 'perpetual'} today: its prices do not apply`, {
      hint: { kind: 'reprice-quote', quote: quote.number },
    });
  }
  const held = new Map<string, bigint>();
  if (!reprice) for (const line of document.quote.lines) if (line.resaleUnitPrice !== null) held.set(line.sku, parseMinor(line.resaleUnitPrice));
  return {
    request: { customer: quote.customer, pbx: quote.pbx, term: null, items: document.quote.lines.map((l) => ({ sku: l.sku, qty: l.qty, price: null })) },
    held,
  };
}

/** "81.60" (as the quote's JSON writes amounts) → 8160. */
function parseMinor(text: string): bigint {
  const [whole, cents = ''] = text.split('.');
  return BigInt(whole!) * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2));
}

/** What ordering from the quote would do today: the request, to be priced for the question before it is placed. */
export async function quoteRequest(
  store: Store,
  actor: Actor,
  number: string,
  partner: string | null,
  reprice: boolean,
): Promise<{ quote: QuoteRecord; request: OrderRequest; held: Map<string, bigint> }> {
  const quote = await findQuote(store, actor, number, partner);
  return { quote, ...(await requestOf(store, actor, quote, reprice)) };
}

/** The order made from the quote, saved as a draft or checked out, in one transaction; the quote is `ordered`. */
export async function orderFromQuote(store: Store, actor: Actor, number: string, partner: string | null, options: { checkout: boolean; reprice: boolean }): Promise<Order> {
  return store.write(async (tx) => {
    const quote = await findQuote(tx, actor, number, partner);
    const { request, held } = await requestOf(tx, actor, quote, options.reprice);
    const { seq } = await saveDraftIn(tx, actor, request);
    await tx.orders.markFromQuote(seq, quote.number, held);
    if (!(await tx.quotes.decide(quote.partner, quote.number, ['sent', 'accepted', 'ordered'], 'ordered', actor.at, actor.user.id, seq))) {
      throw new RefusedError('INVALID_STATE', `${quote.number} changed at the same moment elsewhere: look at it again (\`hwaas quotes show ${quote.number}\`).`);
    }
    const id = orderId(seq);
    return options.checkout ? checkoutIn(tx, actor, seq, id) : getOrder(tx, actor.scope, seq, id);
  });
}
