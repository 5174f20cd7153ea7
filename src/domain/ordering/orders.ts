import { NotFoundError, RefusedError } from '../../errors.js';
import type { CalendarDate } from '../../terms/dates.js';
import { type Quote, withResalePrices } from '../../terms/quote.js';
import { heldResalePrices } from './fromQuote.rules.js';
import { type Actor, type Customer, type Order, type OrderStatus, type Pbx, type Scope, RESERVING, STAFF_SCOPE, orderId } from '../kernel/model.js';
import { assignSerials } from './serials.rules.js';
import type { Repositories, Store } from '../kernel/port.js';
import { standingOf } from '../parties/standing.js';
import { type Blocker, type CheckoutFacts, blockersOf, checkPriceOverrides, requireNotEnding, checkoutWarnings } from './checkout.rules.js';
import { getOrder } from './orderView.js';
import { quoteFor, draftItems, type OrderRequest } from './orderQuote.js';

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

/** What checkout rules are decided on, read once: the customer's partner, its agreements and the partner's standing on the day. */
async function checkoutFacts(tx: Repositories, customer: Customer, today: CalendarDate): Promise<CheckoutFacts> {
  return {
    customer,
    partner: await tx.parties.partner(customer.partner),
    agreements: await tx.agreements.list({ kind: 'staff' }, customer.id),
    standing: await standingOf(tx, customer.partner, today),
    today,
  };
}

/** What will block checkout for this customer today; shown up front and enforced at checkout. */
export async function checkoutBlockers(tx: Repositories, customer: Customer, today: CalendarDate): Promise<Blocker[]> {
  return blockersOf(await checkoutFacts(tx, customer, today));
}

/** The blockers for a customer the acting user may see, for the interactive session. */
export async function blockersFor(store: Store, actor: Actor, customer: Customer): Promise<Blocker[]> {
  return checkoutBlockers(store, customer, actor.today);
}

export async function saveDraftIn(tx: Repositories, actor: Actor, request: OrderRequest): Promise<{ seq: number; quote: Quote }> {
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
    actedBy: actor.actedBy,
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

/**
 * Places a draft inside the caller's transaction: the rules are checked, the draft
 * is re-priced as of today and its amounts fixed, stock is reserved (it may go
 * negative: a BACKORDER warning per line). Two checkouts of one draft place it once.
 */
export async function checkoutIn(tx: Repositories, actor: Actor, seq: number, id: string): Promise<Order> {
  const order = await getOrder(tx, actor.scope, seq, id);
  if (order.status !== 'draft') {
    throw new RefusedError('INVALID_STATE', `${order.id} is already ${order.status}: only a draft can be checked out.`, { hint: { kind: 'show-order', order: order.id } });
  }
  // The PBX is held until the order is placed: its term, licence or end cannot change under it (an import, a change of term).
  await tx.pbxs.lock(order.pbx);
  const { customer, pbx } = await customerAndPbx(tx, actor.scope, order.customer, order.pbx);
  requireNotEnding(pbx, actor.today);
  const facts = await checkoutFacts(tx, customer, actor.today);
  const { standing } = facts;
  const blockers = blockersOf(facts);
  if (blockers.length > 0) {
    const [first, ...rest] = blockers;
    throw new RefusedError(first!.code, first!.message, { hint: first!.hint, also: rest });
  }
  const priced = await quoteFor(tx, actor.scope, pbx, order.term, draftItems(order), actor.today);
  const { listPrice } = priced;
  // An order made from a quote: the customer's prices are the quote's while it holds.
  const quote = withResalePrices(priced.quote, await heldResalePrices(tx, actor, order));
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
    { user: actor.user.id, actedBy: actor.actedBy },
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
    if (!(await tx.orders.transition(seq, order.status, 'cancelled', actor.at, { user: actor.user.id, actedBy: actor.actedBy }))) throw changedMeanwhile(order);
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
export function ship(store: Store, actor: Actor, seq: number, id: string, serials: ReadonlyMap<string, readonly string[]> = new Map()): Promise<Order> {
  return staffTransition(store, actor, seq, id, 'approved', 'shipped', async (tx, order) => {
    if (serials.size > 0) await recordSerials(tx, order, serials);
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

/** Staff record the serial numbers of the devices an order ships: each once in the store, never more than a line's units. */
async function recordSerials(tx: Repositories, order: Order, given: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const products = new Map((await tx.catalog.products()).map((p) => [p.sku, p]));
  const assigned = assignSerials(
    order.id,
    order.lines.map((l) => ({ sku: l.sku, qty: l.qty, stocked: products.get(l.sku)?.stocked ?? false, serials: l.serials })),
    given,
  );
  for (const [sku, serials] of assigned) {
    for (const serial of serials) {
      const elsewhere = (await tx.services.withSerial(STAFF_SCOPE, serial)).find((o) => o.order !== order.id && o.sku === sku);
      if (elsewhere) throw new RefusedError('EXISTS', `${sku} ${serial} is already recorded on ${elsewhere.order} (PBX ${elsewhere.pbx}): a device has one serial number.`);
    }
    await tx.orders.setSerials(order.seq, sku, serials);
  }
}

function staffTransition(store: Store, actor: Actor, seq: number, id: string, from: OrderStatus, to: OrderStatus, effect: (tx: Repositories, order: Order) => Promise<void>): Promise<Order> {
  if (actor.user.role !== 'staff') return Promise.reject(new RefusedError('NOT_ALLOWED', `only Wildix staff can mark an order ${to}; your area manager does it.`));
  return store.write(async (tx) => {
    const order = await getOrder(tx, actor.scope, seq, id);
    if (order.status !== from) throw new RefusedError('INVALID_STATE', `${order.id} is ${order.status}: only ${/^[aeiou]/.test(from) ? 'an' : 'a'} ${from} order can be marked ${to}.`);
    // A compare and set first: an order cancelled at the same moment is not shipped too.
    if (!(await tx.orders.transition(seq, from, to, actor.at, { user: actor.user.id, actedBy: actor.actedBy }))) throw changedMeanwhile(order);
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
