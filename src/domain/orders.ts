import { NotFoundError, RefusedError } from '../errors.js';
import type { OrderRecord, OrderStatus } from '../store/orders.js';
import type { Store } from '../store/store.js';
import { type CalendarDate, formatDate } from '../terms/dates.js';
import { formatAmount, formatMoney } from '../terms/money.js';
import type { Quote, QuoteLine } from '../terms/quote.js';
import type { Term } from '../terms/term.js';
import { type Customer, type Pbx, type Scope, type User, scopeOf } from './model.js';
import type { RequestedItem } from './pricing.js';
import { makeQuote, storeQuoteSources } from './quoting.js';

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
}

export interface Actor {
  readonly user: User;
  readonly today: CalendarDate;
  /** ISO timestamp of this action, for order events. */
  readonly at: string;
}

function customerAndPbx(store: Store, scope: Scope, customerId: string, pbxId: string): { customer: Customer; pbx: Pbx } {
  const customer = store.customers.get(scope, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const pbx = store.pbxs.get(scope, pbxId);
  if (!pbx) throw new NotFoundError('PBX', pbxId);
  if (pbx.customer !== customer.id) {
    throw new RefusedError('NOT_FOUND', `PBX ${pbx.id} does not belong to customer ${customer.id}: see \`hwaas pbx list --customer ${customer.id}\`.`);
  }
  return { customer, pbx };
}

function quoteFor(store: Store, scope: Scope, pbx: Pbx, term: Term | null, items: readonly RequestedItem[], start: CalendarDate): Quote {
  return makeQuote(storeQuoteSources(store, scope), { pbx: pbx.id, term, start, items }).quote;
}

/** What will block checkout for this customer today; shown up front and enforced at checkout. */
export function checkoutBlockers(store: Store, customer: Customer, today: CalendarDate): Blocker[] {
  const blockers: Blocker[] = [];
  const partner = store.parties.partner(customer.partner);
  const signed = store.ledger.agreements({ kind: 'staff' }, customer.id).filter((a) => a.signedOn <= today);
  if (signed.length === 0) {
    const manager = partner ? `${partner.areaManagerName} <${partner.areaManagerEmail}>` : 'your area manager';
    blockers.push({
      code: 'NO_AGREEMENT',
      message: `${customer.name} (${customer.id}) has no signed HWaaS agreement on file: have the customer sign it, send the signed copy to your area manager ${manager}, then register it with \`hwaas agreements add --customer ${customer.id} --signed-on YYYY-MM-DD\`.`,
    });
  }
  const overdue = store.ledger.invoices({ kind: 'staff' }, { partner: customer.partner, unpaidDueBefore: today });
  if (overdue.length > 0) {
    const list = overdue.map((i) => `${i.number} (${formatMoney(i.amount, i.currency)}, due ${formatDate(i.dueOn)})`).join(', ');
    blockers.push({
      code: 'OVERDUE_INVOICES',
      message: `${partner?.name ?? customer.partner} has overdue invoices: ${list}. Checkout is blocked until they are paid; saving a draft still works (\`hwaas invoices list --overdue\`).`,
    });
  }
  return blockers;
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

/** Saves a draft; the quote (as of today) proves every line can be ordered on that PBX. */
export function saveDraft(store: Store, actor: Actor, request: OrderRequest): { seq: number; quote: Quote } {
  checkPriceOverrides(actor.user, request.items);
  const scope = scopeOf(actor.user);
  return store.write(() => {
    const { customer, pbx } = customerAndPbx(store, scope, request.customer, request.pbx);
    const quote = quoteFor(store, scope, pbx, request.term, request.items, actor.today);
    const seq = store.orders.insertDraft({
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
  });
}

function getOrder(store: Store, scope: Scope, seq: number, id: string): OrderRecord {
  const order = store.orders.get(scope, seq);
  if (!order) throw new NotFoundError('order', id);
  return order;
}

const draftItems = (order: OrderRecord): RequestedItem[] => order.lines.map((l) => ({ sku: l.sku, qty: l.qty, price: l.priceOverride }));

/**
 * Places a draft, in one immediate transaction: the rules are checked, the draft
 * is re-priced as of today and its amounts fixed, stock is reserved (it may go
 * negative: a BACKORDER warning per line). Two checkouts of one draft place it once.
 */
export function checkout(store: Store, actor: Actor, seq: number, id: string): OrderRecord {
  const scope = scopeOf(actor.user);
  return store.write(() => {
    const order = getOrder(store, scope, seq, id);
    if (order.status !== 'draft') {
      throw new RefusedError('INVALID_STATE', `${order.id} is already ${order.status}: only a draft can be checked out (\`hwaas orders show ${order.id}\`).`);
    }
    const { customer, pbx } = customerAndPbx(store, scope, order.customer, order.pbx);
    const blockers = checkoutBlockers(store, customer, actor.today);
    if (blockers.length > 0) throw new RefusedError(blockers[0]!.code, blockers.map((b) => b.message).join(' Also: '));
    const sources = storeQuoteSources(store, scope);
    const quote = makeQuote(sources, { pbx: pbx.id, term: order.term, start: actor.today, items: draftItems(order) }).quote;
    const stocked = new Set(stockedLines(store, quote.lines).map((l) => l.sku));
    const warnings: string[] = [];
    for (const line of quote.lines) {
      if (!stocked.has(line.sku)) continue;
      store.ledger.reserve(line.sku, line.qty);
      const level = store.ledger.stockOf(line.sku);
      const available = level ? level.onHand - level.reserved : -line.qty;
      if (available < 0) warnings.push(`BACKORDER: ${line.name}, available ${available}`);
    }
    const placed = store.orders.place(
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
          listPrice: sources.book.price(l.sku, quote.currency, quote.term),
          reservedQty: stocked.has(l.sku) ? l.qty : 0,
        })),
        warnings,
      },
      actor.at,
      actor.user.id,
    );
    if (!placed) throw new RefusedError('INVALID_STATE', `${order.id} was checked out at the same moment elsewhere: it is placed once (\`hwaas orders show ${order.id}\`).`);
    return getOrder(store, scope, seq, id);
  });
}

/** Saves and checks out in one transaction: a refusal leaves nothing behind. */
export function placeOrder(store: Store, actor: Actor, request: OrderRequest): OrderRecord {
  return store.write(() => {
    const { seq } = saveDraft(store, actor, request);
    return checkout(store, actor, seq, `ORD-${seq}`);
  });
}

const RESERVING: readonly OrderStatus[] = ['placed', 'approved'];

/** draft, placed or approved → cancelled; a placed or approved order gives its reservation back. */
export function cancel(store: Store, actor: Actor, seq: number, id: string): OrderRecord {
  const scope = scopeOf(actor.user);
  return store.write(() => {
    const order = getOrder(store, scope, seq, id);
    if (!['draft', 'placed', 'approved'].includes(order.status)) {
      throw new RefusedError('INVALID_STATE', `${order.id} is ${order.status}: only draft, placed or approved orders can be cancelled.`);
    }
    if (RESERVING.includes(order.status)) releaseReservation(store, order);
    store.orders.transition(seq, order.status, 'cancelled', actor.at, actor.user.id);
    return getOrder(store, scope, seq, id);
  });
}

/** Gives back what each line recorded at checkout: the catalog may have changed since. */
function releaseReservation(store: Store, order: OrderRecord): void {
  for (const line of order.lines) if (line.reservedQty > 0) store.ledger.reserve(line.sku, -line.reservedQty);
}

/** The lines of devices kept in stock: services (CLASSOUND) are neither reserved nor shipped. */
function stockedLines<T extends { readonly sku: string }>(store: Store, lines: readonly T[]): T[] {
  const stocked = new Set(store.catalog.products().filter((p) => p.stocked).map((p) => p.sku));
  return lines.filter((line) => stocked.has(line.sku));
}

/** Staff: the area manager has the signed agreement. placed → approved. */
export function approve(store: Store, actor: Actor, seq: number, id: string): OrderRecord {
  return staffTransition(store, actor, seq, id, 'placed', 'approved', () => {});
}

/** Staff: the devices leave the warehouse; on hand and reservation go down together. approved → shipped. */
export function ship(store: Store, actor: Actor, seq: number, id: string): OrderRecord {
  return staffTransition(store, actor, seq, id, 'approved', 'shipped', (order) => {
    // What each line reserved at checkout ships, whatever the catalog says today.
    const stocked = order.lines.filter((line) => line.reservedQty > 0).map((line) => ({ line, onHand: store.ledger.stockOf(line.sku)?.onHand ?? 0 }));
    // Orders may be accepted beyond stock (backorder), but nothing ships that is not on the shelf.
    const short = stocked.filter(({ line, onHand }) => onHand < line.reservedQty);
    if (short.length > 0) {
      const list = short.map(({ line, onHand }) => `${line.sku} (${onHand} on hand, ${line.reservedQty} to ship)`).join(', ');
      throw new RefusedError('INVALID_STATE', `${order.id} cannot ship yet: ${list}. Record deliveries with \`hwaas stock set SKU QTY\`, then ship.`);
    }
    for (const { line } of stocked) store.ledger.ship(line.sku, line.reservedQty);
  });
}

function staffTransition(store: Store, actor: Actor, seq: number, id: string, from: OrderStatus, to: OrderStatus, effect: (order: OrderRecord) => void): OrderRecord {
  if (actor.user.role !== 'staff') throw new RefusedError('NOT_ALLOWED', `only Wildix staff can mark an order ${to}; your area manager does it.`);
  const scope = scopeOf(actor.user);
  return store.write(() => {
    const order = getOrder(store, scope, seq, id);
    if (order.status !== from) throw new RefusedError('INVALID_STATE', `${order.id} is ${order.status}: only a ${from} order can be marked ${to}.`);
    effect(order);
    store.orders.transition(seq, from, to, actor.at, actor.user.id);
    return getOrder(store, scope, seq, id);
  });
}

/** An order's lines as a quote's lines; a draft is priced live as of today (an estimate). */
export function orderFigures(store: Store, scope: Scope, order: OrderRecord, today: CalendarDate): { quote: Quote | null; estimate: boolean; problem: string | null } {
  if (order.status === 'draft' || order.total === null) {
    try {
      const pbx = store.pbxs.get(scope, order.pbx);
      if (!pbx) return { quote: null, estimate: true, problem: `PBX ${order.pbx} not found` };
      return { quote: quoteFor(store, scope, pbx, order.term, draftItems(order), today), estimate: true, problem: null };
    } catch (error) {
      return { quote: null, estimate: true, problem: (error as Error).message };
    }
  }
  const lines: QuoteLine[] = order.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, unitPrice: l.unitPrice!, amount: l.amount!, renewal: l.renewal! }));
  const pbx = store.pbxs.get({ kind: 'staff' }, order.pbx);
  return {
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
      total: order.total,
      renewalDate: order.renewalTotal === null ? null : order.end!,
      renewalTotal: order.renewalTotal,
    },
    estimate: false,
    problem: null,
  };
}

/** Each line's list price and whether staff negotiated another: fixed at checkout, today's catalog on a draft. */
export function priceNotes(store: Store, scope: Scope, order: OrderRecord): Map<string, { listPrice: bigint | null; override: boolean }> {
  const book = order.status === 'draft' ? storeQuoteSources(store, scope).book : null;
  return new Map(
    order.lines.map((l) => [
      l.sku,
      { listPrice: book ? book.price(l.sku, order.currency, order.term) : l.listPrice, override: l.priceOverride !== null },
    ]),
  );
}

/** The order JSON of CLI.md. */
export function orderToJson(store: Store, scope: Scope, order: OrderRecord, today: CalendarDate) {
  const { quote, estimate } = orderFigures(store, scope, order, today);
  const notes = priceNotes(store, scope, order);
  const note = (sku: string) => {
    const n = notes.get(sku);
    return { listPrice: n?.listPrice == null ? null : formatAmount(n.listPrice), priceOverride: n?.override ?? false };
  };
  return {
    id: order.id,
    status: order.status,
    customer: order.customer,
    pbx: order.pbx,
    term: order.term,
    createdAt: order.createdAt,
    placedAt: order.placedAt,
    start: quote ? formatDate(quote.start) : null,
    end: quote ? formatDate(quote.end) : null,
    currency: order.currency,
    estimate,
    lines: quote
      ? quote.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, unitPrice: formatAmount(l.unitPrice), amount: formatAmount(l.amount), renewal: formatAmount(l.renewal), ...note(l.sku) }))
      : order.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, unitPrice: null, amount: null, renewal: null, ...note(l.sku) })),
    total: quote ? formatAmount(quote.total) : null,
    renewalTotal: quote && quote.renewalTotal !== null ? formatAmount(quote.renewalTotal) : null,
    warnings: order.warnings,
    events: order.events.map((e) => ({ at: e.at, by: e.by, from: e.from, to: e.to })),
  };
}
