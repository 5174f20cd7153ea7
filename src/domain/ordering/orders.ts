import { NotFoundError, RefusedError, type Hint } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { type Quote, type QuoteLine, percentOf } from '../../terms/quote.js';
import { prorate } from '../../terms/proration.js';
import type { Term } from '../../terms/term.js';
import {

  type Actor,
  type Customer,
  type Order,
  type OrderStatus,
  type OrderSummary,
  type Pbx,
  type Scope,
  type User,
  RESERVING,
  orderId,
} from '../kernel/model.js';
import type { OrderFilter, Repositories, Store } from '../kernel/port.js';
import { makeQuote, storeQuoteSources } from '../quoting/quoting.js';
import { BLOCKS_ORDERING, LOCKS_ACCOUNT, type Standing, isLocked, overdueWarning, standingOf } from '../parties/standing.js';
import type { RequestedItem } from '../catalog/items.js';

export interface OrderRequest {
  readonly customer: string;
  readonly pbx: string;
  /** The duration the user chose; refused when it is not the PBX's term. */
  readonly term: Term | null;
  readonly items: readonly RequestedItem[];
}

/** Something that stops checkout, with what to do about it. */
export interface Blocker {
  readonly code: 'NO_AGREEMENT' | 'OVERDUE_INVOICES';
  readonly message: string;
  readonly hint: Hint;
}

async function customerAndPbx(tx: Repositories, scope: Scope, customerId: string, pbxId: string): Promise<{ customer: Customer; pbx: Pbx }> {
  const customer = await tx.customers.get(scope, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const pbx = await tx.pbxs.get(scope, pbxId);
  if (!pbx) throw new NotFoundError('PBX', pbxId);
  if (pbx.customer !== customer.id) {
    throw new RefusedError('NOT_FOUND', `PBX ${pbx.id} does not belong to customer ${customer.id}.`, { hint: { kind: 'pbxs-of-customer', customer: customer.id } });
  }
  return { customer, pbx };
}

/** What will block checkout for this customer today; shown up front and enforced at checkout. */
export async function checkoutBlockers(tx: Repositories, customer: Customer, today: CalendarDate, known?: Standing): Promise<Blocker[]> {
  const blockers: Blocker[] = [];
  const partner = await tx.parties.partner(customer.partner);
  const signed = (await tx.agreements.list({ kind: 'staff' }, customer.id)).filter((a) => a.signedOn <= today);
  if (signed.length === 0) {
    const manager = partner ? `${partner.areaManagerName} <${partner.areaManagerEmail}>` : 'your area manager';
    blockers.push({
      code: 'NO_AGREEMENT',
      message: `${customer.name} (${customer.id}) has no signed HWaaS agreement on file: have the customer sign it, send the signed copy to your area manager ${manager}.`,
      hint: { kind: 'register-agreement', customer: customer.id },
    });
  }
  const standing = known ?? (await standingOf(tx, customer.partner, today));
  if (standing.days >= BLOCKS_ORDERING) {
    const inv = standing.invoice!;
    blockers.push({
      code: 'OVERDUE_INVOICES',
      message: `${partner?.name ?? customer.partner} has an invoice ${standing.days} days overdue: ${inv.number} (${formatMoney(inv.amount, inv.currency)}, due ${formatDate(inv.dueOn)}). HWaaS checkout is refused from the ${BLOCKS_ORDERING}th day overdue until it is paid; ${
        isLocked(standing) ? `from the ${LOCKS_ACCOUNT}th day the account is locked too: its users cannot save a draft either (Wildix staff can).` : 'saving a draft still works.'
      }`,
      hint: { kind: 'overdue-invoices' },
    });
  }
  return blockers;
}

/** What checkout warns about but allows: an invoice 1–4 days overdue. */
const checkoutWarnings = (standing: Standing): string[] => (standing.days >= 1 && standing.days < BLOCKS_ORDERING ? [overdueWarning(standing)] : []);

/** The blockers for a customer the acting user may see, for the interactive session. */
export async function blockersFor(store: Store, actor: Actor, customer: Customer): Promise<Blocker[]> {
  return checkoutBlockers(store, customer, actor.today);
}

/** A PBX that is cancelled and waits for its end takes no new order (a quote may still ask what it would cost). */
function requireNotEnding(pbx: Pbx, today: CalendarDate): void {
  if (pbx.cancelledOn !== null && pbx.cancelledOn > today) {
    throw new RefusedError('PBX_ENDED', `PBX ${pbx.id} is cancelled and ends on ${formatDate(pbx.cancelledOn)}: nothing new is ordered for a PBX that is ending.`);
  }
}

/** Only staff set a negotiated price on an order; a partner orders at the price list's price. Quotes may ask "what if". */
export function checkPriceOverrides(user: User, items: readonly RequestedItem[]): void {
  const priced = items.filter((item) => item.price !== null);
  if (priced.length > 0 && user.role !== 'staff') {
    throw new RefusedError(
      'NOT_ALLOWED',
      `${priced.map((i) => `${i.sku}@…`).join(', ')}: an order is placed at the price list's price; only Wildix staff can set a negotiated price. Leave out @PRICE (a quote may still use it), or ask your area manager.`,
    );
  }
}

async function quoteFor(tx: Repositories, scope: Scope, pbx: Pbx, term: Term | null, items: readonly RequestedItem[], start: CalendarDate) {
  const sources = storeQuoteSources(tx, scope);
  const quoted = await makeQuote(sources, { pbx: pbx.id, term, start, items });
  // The price book's price beside a negotiated one (null when no book was in force).
  const book = quoted.book ? await sources.books.inForce(quoted.book.tier, quoted.book.currency, quoted.book.validFrom) : null;
  const listPrice = (sku: string): bigint | null => book?.line(sku)?.prices[quoted.quote.term] ?? null;
  return { listPrice, quote: quoted.quote };
}

async function saveDraftIn(tx: Repositories, actor: Actor, request: OrderRequest): Promise<{ seq: number; quote: Quote }> {
  checkPriceOverrides(actor.user, request.items);
  const { customer, pbx } = await customerAndPbx(tx, actor.scope, request.customer, request.pbx);
  requireNotEnding(pbx, actor.today);
  const { quote } = await quoteFor(tx, actor.scope, pbx, request.term, request.items, actor.today);
  const seq = await tx.orders.insertDraft({
    partner: customer.partner,
    customer: customer.id,
    pbx: pbx.id,
    term: quote.term,
    currency: quote.currency,
    createdAt: actor.at,
    createdBy: actor.user.id,
    savedTotal: quote.total,
    lines: quote.lines.map((line, index) => ({ sku: line.sku, name: line.name, qty: line.qty, priceOverride: request.items[index]!.price })),
  });
  return { seq, quote };
}

/** Saves a draft; the quote (as of today) proves every line can be ordered on that PBX. */
export async function saveDraft(store: Store, actor: Actor, request: OrderRequest): Promise<{ order: Order; quote: Quote }> {
  checkPriceOverrides(actor.user, request.items);
  return store.write(async (tx) => {
    const { seq, quote } = await saveDraftIn(tx, actor, request);
    return { order: (await tx.orders.get(actor.scope, seq))!, quote };
  });
}

async function getOrder(tx: Repositories, scope: Scope, seq: number, id: string): Promise<Order> {
  const order = await tx.orders.get(scope, seq);
  if (!order) throw new NotFoundError('order', id);
  return order;
}

const draftItems = (order: Order): RequestedItem[] => order.lines.map((l) => ({ sku: l.sku, qty: l.qty, price: l.priceOverride }));

/**
 * Places a draft inside the caller's transaction: the rules are checked, the draft
 * is re-priced as of today and its amounts fixed, stock is reserved (it may go
 * negative: a BACKORDER warning per line). Two checkouts of one draft place it once.
 */
async function checkoutIn(tx: Repositories, actor: Actor, seq: number, id: string): Promise<Order> {
  const order = await getOrder(tx, actor.scope, seq, id);
  if (order.status !== 'draft') {
    throw new RefusedError('INVALID_STATE', `${order.id} is already ${order.status}: only a draft can be checked out.`, { hint: { kind: 'show-order', order: order.id } });
  }
  // The PBX is held until the order is placed: its term, licence or end cannot change under it (an import, a change of term).
  await tx.pbxs.lock(order.pbx);
  const { customer, pbx } = await customerAndPbx(tx, actor.scope, order.customer, order.pbx);
  requireNotEnding(pbx, actor.today);
  const standing = await standingOf(tx, customer.partner, actor.today);
  const blockers = await checkoutBlockers(tx, customer, actor.today, standing);
  if (blockers.length > 0) {
    const [first, ...rest] = blockers;
    throw new RefusedError(first!.code, first!.message, { hint: first!.hint, also: rest });
  }
  const { listPrice, quote } = await quoteFor(tx, actor.scope, pbx, order.term, draftItems(order), actor.today);
  const products = new Map((await tx.catalog.products()).map((p) => [p.sku, p]));
  // Stock rows in SKU order: concurrent checkouts lock them in the same order.
  const stocked = quote.lines.filter((l) => products.get(l.sku)?.stocked).sort((a, b) => a.sku.localeCompare(b.sku));
  const reserved = new Set(stocked.map((l) => l.sku));
  // What will be available once this order's devices are reserved: below zero, a backorder.
  const short = new Map<string, string>();
  for (const line of stocked) {
    const level = await tx.stock.get(line.sku);
    const available = (level?.onHand ?? 0) - (level?.reserved ?? 0) - line.qty;
    if (available < 0) short.set(line.sku, `BACKORDER: ${line.name}, available ${available}`);
  }
  const warnings = [...checkoutWarnings(standing), ...quote.lines.flatMap((l) => (short.has(l.sku) ? [short.get(l.sku)!] : []))];
  // The draft is placed first (a compare and set: of two checkouts of one draft, one
  // places it and the other reserves nothing), then its devices are reserved.
  const placed = await tx.orders.place(
    seq,
    {
      start: quote.start,
      end: quote.end,
      periodStart: quote.periodStart,
      days: quote.days,
      periodDays: quote.periodDays,
      total: quote.total,
      renewalTotal: quote.renewalTotal,
      lines: quote.lines.map((l) => ({
        sku: l.sku,
        unitPrice: l.unitPrice,
        amount: l.amount,
        renewal: l.renewal,
        listPrice: listPrice(l.sku),
        reservedQty: reserved.has(l.sku) ? l.qty : 0,
        resaleUnitPrice: l.resaleUnitPrice,
        resaleRenewal: l.resaleRenewal,
      })),
      warnings,
    },
    actor.at,
    actor.user.id,
  );
  if (!placed) {
    throw new RefusedError('INVALID_STATE', `${order.id} was checked out at the same moment elsewhere: it is placed once.`, { hint: { kind: 'show-order', order: order.id } });
  }
  for (const line of stocked) await tx.stock.reserve(line.sku, line.qty);
  return getOrder(tx, actor.scope, seq, id);
}

export function checkout(store: Store, actor: Actor, seq: number, id: string): Promise<Order> {
  return store.write((tx) => checkoutIn(tx, actor, seq, id));
}

/** Saves and checks out in one transaction: a refusal leaves nothing behind. */
export async function placeOrder(store: Store, actor: Actor, request: OrderRequest): Promise<Order> {
  checkPriceOverrides(actor.user, request.items);
  return store.write(async (tx) => {
    const { seq } = await saveDraftIn(tx, actor, request);
    return checkoutIn(tx, actor, seq, orderId(seq));
  });
}

/** draft, placed or approved → cancelled; a placed or approved order gives back what each line reserved. */
export function cancel(store: Store, actor: Actor, seq: number, id: string): Promise<Order> {
  return store.write(async (tx) => {
    const order = await getOrder(tx, actor.scope, seq, id);
    if (!['draft', 'placed', 'approved'].includes(order.status)) {
      throw new RefusedError('INVALID_STATE', `${order.id} is ${order.status}: only draft, placed or approved orders can be cancelled.`);
    }
    // A compare and set first: of two cancellations at once, one cancels and releases.
    if (!(await tx.orders.transition(seq, order.status, 'cancelled', actor.at, actor.user.id))) throw changedMeanwhile(order);
    // What each line recorded at checkout: the catalog may have changed since.
    if (RESERVING.includes(order.status)) {
      for (const line of [...order.lines].sort((a, b) => a.sku.localeCompare(b.sku))) if (line.reservedQty > 0) await tx.stock.reserve(line.sku, -line.reservedQty);
    }
    return getOrder(tx, actor.scope, seq, id);
  });
}

/** Staff: the area manager has the signed agreement. placed → approved. */
export function approve(store: Store, actor: Actor, seq: number, id: string): Promise<Order> {
  return staffTransition(store, actor, seq, id, 'placed', 'approved', async () => {});
}

/** Staff: the devices leave the warehouse; on hand and reservation go down together. approved → shipped. */
export function ship(store: Store, actor: Actor, seq: number, id: string): Promise<Order> {
  return staffTransition(store, actor, seq, id, 'approved', 'shipped', async (tx, order) => {
    // What each line reserved at checkout ships, whatever the catalog says today.
    const lines = order.lines.filter((line) => line.reservedQty > 0);
    const levels = await Promise.all(lines.map(async (line) => ({ line, onHand: (await tx.stock.get(line.sku))?.onHand ?? 0 })));
    // Orders may be accepted beyond stock (backorder), but nothing ships that is not on the shelf.
    const short = levels.filter(({ line, onHand }) => onHand < line.reservedQty);
    if (short.length > 0) {
      const list = short.map(({ line, onHand }) => `${line.sku} (${onHand} on hand, ${line.reservedQty} to ship)`).join(', ');
      throw new RefusedError('INVALID_STATE', `${order.id} cannot ship yet: ${list}.`, { hint: { kind: 'record-stock' } });
    }
    for (const { line } of levels) await tx.stock.ship(line.sku, line.reservedQty);
  });
}

function staffTransition(
  store: Store,
  actor: Actor,
  seq: number,
  id: string,
  from: OrderStatus,
  to: OrderStatus,
  effect: (tx: Repositories, order: Order) => Promise<void>,
): Promise<Order> {
  if (actor.user.role !== 'staff') return Promise.reject(new RefusedError('NOT_ALLOWED', `only Wildix staff can mark an order ${to}; your area manager does it.`));
  return store.write(async (tx) => {
    const order = await getOrder(tx, actor.scope, seq, id);
    if (order.status !== from) throw new RefusedError('INVALID_STATE', `${order.id} is ${order.status}: only a ${from} order can be marked ${to}.`);
    // A compare and set first: an order cancelled at the same moment is not shipped too.
    if (!(await tx.orders.transition(seq, from, to, actor.at, actor.user.id))) throw changedMeanwhile(order);
    await effect(tx, order);
    return getOrder(tx, actor.scope, seq, id);
  });
}

/** Another hwaas changed the order between reading it and changing it: nothing of this one happened. */
function changedMeanwhile(order: Order): RefusedError {
  return new RefusedError('INVALID_STATE', `${order.id} was changed at the same moment elsewhere (it was ${order.status}); nothing was done: look at it again.`, {
    hint: { kind: 'show-order', order: order.id },
  });
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
      const quote = estimate.quote;
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
