import { partnerFor } from '../parties/customers.js';
import type { Repositories, Store, OrderFilter } from '../kernel/port.js';
import type { Scope, Order, Customer, Pbx, Actor, OrderSummary } from '../kernel/model.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import { type Quote, type QuoteLine, percentOf, withResalePrices } from '../../terms/quote.js';
import { prorate } from '../../terms/proration.js';
import { storeQuoteSources, makeQuote } from '../quoting/quoting.js';
import { quoteFor, draftItems, type OrderRequest } from './orderQuote.js';
export async function getOrder(tx: Repositories, scope: Scope, seq: number, id: string): Promise<Order> {
  const order = await tx.orders.get(scope, seq);
  if (!order) throw new NotFoundError('order', id);
  return order;
}

/** An order's figures: fixed at checkout, or for a draft priced as if checked out today (an estimate). */
export interface OrderFigures {
  readonly quote: Quote | null;
  readonly estimate: boolean;
  /** Why a draft cannot be priced today, when it cannot. */
  readonly problem: string | null;
}

/** Each line's list price and whether staff negotiated another: fixed at checkout, today's catalog on a draft. */
export interface PriceNote {
  readonly listPrice: bigint | null;
  readonly override: boolean;
}

/** An order with everything its views show: figures, price notes, customer. Views never read the store. */
export interface OrderView {
  readonly order: Order;
  readonly customer: Customer | null;
  readonly pbx: Pbx | null;
  readonly figures: OrderFigures;
  readonly prices: ReadonlyMap<string, PriceNote>;
}

export async function orderView(store: Store, actor: Actor, order: Order): Promise<OrderView> {
  const pbx = await store.pbxs.get(actor.scope, order.pbx);
  const customer = await store.customers.get(actor.scope, order.customer);
  const draft = order.status === 'draft' || order.total === null;
  let figures: OrderFigures;
  let listPrice: (sku: string) => bigint | null = (sku) => order.lines.find((l) => l.sku === sku)?.listPrice ?? null;
  if (draft) {
    try {
      if (!pbx) throw new NotFoundError('PBX', order.pbx);
      const estimate = await quoteFor(store, actor.scope, pbx, order.term, draftItems(order), actor.today);
      // An order made from a quote keeps the quote's resale prices (checkout says when they no longer hold).
      const held = new Map(order.source === 'quote' ? order.lines.flatMap((l) => (l.resaleUnitPrice === null ? [] : [[l.sku, l.resaleUnitPrice] as const])) : []);
      const quote = withResalePrices(estimate.quote, held);
      listPrice = estimate.listPrice;
      figures = { quote, estimate: true, problem: null };
    } catch (error) {
      if (!(error instanceof RefusedError) && !(error instanceof Error && error.name === 'UsageError')) throw error;
      figures = { quote: null, estimate: true, problem: (error as Error).message };
    }
  } else {
    // The resale side as fixed at checkout, prorated over the order's own days.
    // An order placed before hwaas kept resale prices sold at its buy price (margin 0), the rule with no resale rules.
    const lines: QuoteLine[] = order.lines.map((l) => {
      const resaleUnitPrice = l.resaleUnitPrice ?? l.unitPrice!;
      const resaleAmount = prorate(resaleUnitPrice, l.qty, order.days!, order.periodDays!);
      return {
        sku: l.sku,
        name: l.name,
        qty: l.qty,
        unitPrice: l.unitPrice!,
        amount: l.amount!,
        renewal: l.renewal!,
        resaleUnitPrice,
        resaleAmount,
        // Fixed at checkout; an order placed before hwaas kept it renews at its unit price.
        resaleRenewal: l.resaleRenewal ?? resaleUnitPrice * BigInt(l.qty),
        margin: resaleAmount - l.amount!,
      };
    });
    const sided = lines.every((l) => l.resaleAmount !== null);
    const resaleTotal = sided ? lines.reduce((sum, l) => sum + l.resaleAmount!, 0n) : null;
    const marginTotal = resaleTotal === null ? null : resaleTotal - order.total!;
    figures = {
      quote: {
        pbx: order.pbx,
        term: order.term,
        activated: pbx?.activated ?? order.periodStart!,
        currency: order.currency,
        start: order.start!,
        end: order.end!,
        periodStart: order.periodStart!,
        days: order.days!,
        periodDays: order.periodDays!,
        lines,
        total: order.total!,
        renewalDate: order.renewalTotal === null ? null : order.end!,
        renewalTotal: order.renewalTotal,
        renewalTerm: pbx?.termChanges.find((c) => c.from === order.end)?.term ?? order.term,
        resaleTotal,
        resaleRenewalTotal: resaleTotal === null || order.renewalTotal === null ? null : lines.reduce((sum, l) => sum + l.resaleRenewal!, 0n),
        marginTotal,
        marginPercent: resaleTotal === null || marginTotal === null ? null : percentOf(marginTotal, resaleTotal),
      },
      estimate: false,
      problem: null,
    };
  }
  const prices = new Map(order.lines.map((l) => [l.sku, { listPrice: listPrice(l.sku), override: l.priceOverride !== null }]));
  return { order, customer, pbx, figures, prices };
}

export async function showOrder(store: Store, actor: Actor, seq: number, id: string): Promise<OrderView> {
  return orderView(store, actor, await getOrder(store, actor.scope, seq, id));
}

/** The order as the acting user may see it, or NOT_FOUND. */
export function findOrder(store: Store, actor: Actor, seq: number, id: string): Promise<Order> {
  return getOrder(store, actor.scope, seq, id);
}

export async function listOrders(store: Store, actor: Actor, filter: OrderFilter & { customer?: string | null }): Promise<OrderSummary[]> {
  if (filter.partner) await partnerFor(store, actor, filter.partner);
  if (filter.customer) {
    const customer = await store.customers.get(actor.scope, filter.customer);
    if (!customer) throw new NotFoundError('customer', filter.customer);
  }
  return store.orders.list(actor.scope, filter);
}

/** What an order request would cost if placed today, for the question before placing it. */
export async function previewOrder(store: Store, actor: Actor, request: OrderRequest): Promise<Quote> {
  const sources = storeQuoteSources(store, actor.scope);
  return (await makeQuote(sources, { pbx: request.pbx, term: request.term, start: actor.today, items: request.items })).quote;
}
