import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import { MINIMUM_MONTHS, finalCharge, monthlyRecurring } from '../../terms/cancellation.js';
import { type CalendarDate, addMonths, checkWithinCalendar, daysBetween, formatDate } from '../../terms/dates.js';
import { type TermSegment, pbxStatusOn, periodsOverlapping, segmentOn } from '../../terms/period.js';
import { type Term, TERM_MONTHS } from '../../terms/term.js';
import type { Actor, Cancellation, Partner, Pbx, Pickup, Rma, Scope, ServiceRecord } from '../kernel/model.js';
import { requestSeq } from '../kernel/model.js';
import type { NewCancellation, Repositories, ServiceFilter, Store } from '../kernel/port.js';
import { storeBooks } from '../catalog/pricebooks.js';
import { standings } from '../parties/standing.js';
import { requireStaff } from '../parties/users.js';

import { unknownSku } from '../catalog/items.js';

/**
 * After checkout: every line of a placed order is a service on its PBX that renews with
 * it until it is cancelled (docs/terms.md "Service lines and MRR", "Cancellation and the
 * six-month minimum", "A change of term").
 */

export type ServiceStatus = 'active' | 'ending' | 'suspended';

/** A service line on a day: all of an order line's running units, or the part of them that stops on one date. */
export interface ServiceLine {
  readonly record: ServiceRecord;
  readonly qty: number;
  /** The term and unit price per term in force on the day (after a change of term, the new term's). */
  readonly term: Term;
  readonly unitPrice: bigint | null;
  /** The next renewal's date and amount; null for units that stop. */
  readonly renewsOn: CalendarDate | null;
  readonly renewal: bigint | null;
  /** Recurring revenue: 0 for units that stop (they do not recur). */
  readonly mrr: bigint;
  readonly ending: boolean;
  readonly endsOn: CalendarDate | null;
  readonly status: ServiceStatus;
}

/** A line's unit price in a term segment: the price fixed at checkout in the order's own segment, else the book's for that segment's term on its start. */
function pricer(tx: Repositories) {
  const books = storeBooks(tx);
  const partners = new Map<string, Promise<Partner | null>>();
  const partner = (id: string) => {
    if (!partners.has(id)) partners.set(id, tx.parties.partner(id));
    return partners.get(id)!;
  };
  return async (record: ServiceRecord, pbx: Pbx, segment: TermSegment): Promise<bigint | null> => {
    if (segmentOn(pbx, record.since)?.from === segment.from) return record.unitPrice;
    const tier = (await partner(record.partner))?.tier;
    if (!tier) return null;
    const book = await books.inForce(tier, record.currency, segment.from);
    return book?.line(record.sku)?.prices[segment.term] ?? null;
  };
}

export interface ServiceBook {
  readonly lines: readonly ServiceLine[];
  readonly pbxs: ReadonlyMap<string, Pbx>;
  price(record: ServiceRecord, pbx: Pbx, segment: TermSegment): Promise<bigint | null>;
}

/** The service lines in scope on `today`: units that stopped are gone, units that will stop are `ending`. */
export async function serviceLines(tx: Repositories, scope: Scope, today: CalendarDate, filter: ServiceFilter = {}): Promise<ServiceBook> {
  const records = await tx.services.lines(scope, filter);
  const pbxs = new Map((await tx.pbxs.getMany(scope, [...new Set(records.map((r) => r.pbx))])).map((p) => [p.id, p]));
  const suspended = new Set([...(await standings(tx, today)).values()].filter((s) => s.stage === 'suspended').map((s) => s.partner));
  const price = pricer(tx);
  const lines: ServiceLine[] = [];
  for (const record of records) {
    const pbx = pbxs.get(record.pbx);
    if (!pbx || record.since > today) continue;
    const status = pbxStatusOn(pbx, today);
    if (status.kind !== 'active') continue;
    const segment = segmentOn(pbx, today)!;
    const unitPrice = await price(record, pbx, segment);
    const flag = (ending: boolean): ServiceStatus => (suspended.has(record.partner) ? 'suspended' : ending ? 'ending' : 'active');
    const stopping = new Map<CalendarDate, number>();
    let remaining = record.qty;
    for (const batch of record.cancelled) {
      remaining -= batch.qty;
      if (batch.effectiveOn > today) stopping.set(batch.effectiveOn, (stopping.get(batch.effectiveOn) ?? 0) + batch.qty);
    }
    if (remaining > 0 && !status.renews) stopping.set(status.expiresOn, (stopping.get(status.expiresOn) ?? 0) + remaining);
    else if (remaining > 0) {
      const renewal = await price(record, pbx, segmentOn(pbx, status.expiresOn)!);
      lines.push({
        record,
        qty: remaining,
        term: segment.term,
        unitPrice,
        renewsOn: status.expiresOn,
        renewal: renewal === null ? null : renewal * BigInt(remaining),
        mrr: unitPrice === null ? 0n : monthlyRecurring(unitPrice, remaining, segment.term),
        ending: false,
        endsOn: null,
        status: flag(false),
      });
    }
    for (const [endsOn, qty] of [...stopping].sort((a, b) => a[0] - b[0])) {
      lines.push({ record, qty, term: segment.term, unitPrice, renewsOn: null, renewal: null, mrr: 0n, ending: true, endsOn, status: flag(true) });
    }
  }
  return { lines, pbxs, price };
}

export async function listServices(store: Store, actor: Actor, filter: { pbx?: string | null; customer?: string | null }): Promise<ServiceBook> {
  if (filter.pbx && !(await store.pbxs.get(actor.scope, filter.pbx))) throw new NotFoundError('PBX', filter.pbx);
  if (filter.customer && !(await store.customers.get(actor.scope, filter.customer))) throw new NotFoundError('customer', filter.customer);
  return serviceLines(store, actor.scope, actor.today, filter);
}

export const MRR_GROUPS = ['partner', 'customer', 'pbx', 'category'] as const;
export type MrrGroup = (typeof MRR_GROUPS)[number];

export interface MrrRow {
  readonly key: string;
  readonly currency: string;
  readonly mrr: bigint;
  /** Of which HWaaS devices (stocked) and services such as CLASSOUND. */
  readonly devices: bigint;
  readonly services: bigint;
  readonly lines: number;
}

/** The sums of the lines' MRR by partner, customer, PBX or category, and currency. */
export function mrrBy(lines: readonly ServiceLine[], by: MrrGroup): MrrRow[] {
  const rows = new Map<string, { key: string; currency: string; mrr: bigint; devices: bigint; services: bigint; lines: number }>();
  for (const line of lines) {
    if (line.ending) continue;
    const r = line.record;
    const key = by === 'partner' ? r.partner : by === 'customer' ? r.customer : by === 'pbx' ? r.pbx : r.category;
    const id = `${key}\u0000${r.currency}`;
    const row = rows.get(id) ?? { key, currency: r.currency, mrr: 0n, devices: 0n, services: 0n, lines: 0 };
    row.mrr += line.mrr;
    if (r.stocked) row.devices += line.mrr;
    else row.services += line.mrr;
    row.lines += 1;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency));
}

export interface RenewalRow {
  readonly pbx: string;
  readonly customer: string;
  readonly partner: string;
  readonly term: Term;
  readonly renewsOn: CalendarDate;
  readonly currency: string;
  readonly total: bigint;
  readonly lines: number;
}

/** Every PBX in scope that renews within `within` days, with what its continuing lines renew for. */
export async function renewals(store: Store, actor: Actor, within: number): Promise<RenewalRow[]> {
  const { lines } = await serviceLines(store, actor.scope, actor.today);
  const partners = new Map((await store.parties.partners()).map((p) => [p.id, p]));
  const rows: RenewalRow[] = [];
  const byPbx = new Map<string, ServiceLine[]>();
  for (const line of lines) if (!line.ending) byPbx.set(line.record.pbx, [...(byPbx.get(line.record.pbx) ?? []), line]);
  for (const pbx of await store.pbxs.list(actor.scope)) {
    const status = pbxStatusOn(pbx, actor.today);
    if (status.kind !== 'active' || !status.renews || daysBetween(actor.today, status.expiresOn) > within) continue;
    const continuing = byPbx.get(pbx.id) ?? [];
    rows.push({
      pbx: pbx.id,
      customer: pbx.customer,
      partner: pbx.partner,
      term: segmentOn(pbx, status.expiresOn)!.term,
      renewsOn: status.expiresOn,
      currency: continuing[0]?.record.currency ?? partners.get(pbx.partner)?.currency ?? 'EUR',
      total: continuing.reduce((sum, l) => sum + (l.renewal ?? 0n), 0n),
      lines: continuing.length,
    });
  }
  return rows.sort((a, b) => a.renewsOn - b.renewsOn || a.pbx.localeCompare(b.pbx));
}

// --- Cancellation -----------------------------------------------------------

export interface CancelRequest {
  readonly pbx: string;
  /** SKU → units; null: the whole PBX (`pbx cancel`). */
  readonly items: readonly { readonly sku: string; readonly qty: number }[] | null;
  readonly pickup: Pickup | null;
}

export type CancellationPlan = NewCancellation & { readonly names: ReadonlyMap<string, string> };

async function runningPbx(tx: Repositories, actor: Actor, id: string, endingToo = false): Promise<{ pbx: Pbx; expiresOn: CalendarDate }> {
  const pbx = await tx.pbxs.get(actor.scope, id);
  if (!pbx) throw new NotFoundError('PBX', id);
  const status = pbxStatusOn(pbx, actor.today);
  if (status.kind === 'perpetual') throw new RefusedError('NOT_SUBSCRIPTION', `PBX ${pbx.id} has a perpetual licence: it runs no HWaaS services.`);
  if (status.kind === 'ended') throw new RefusedError('PBX_ENDED', `PBX ${pbx.id} was cancelled and ended on ${formatDate(status.endedOn)}: nothing runs on it any more.`);
  if (status.kind === 'not-yet-active') throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is not active until ${formatDate(pbx.activated)}.`);
  if (!status.renews && !endingToo) {
    throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is already cancelled: it and everything on it end on ${formatDate(status.expiresOn)} (\`hwaas returns list --all\`).`);
  }
  return { pbx, expiresOn: status.expiresOn };
}

/** A SKU no price book lists is an input error (exit 2), as everywhere else. */
async function requireKnownSku(tx: Repositories, sku: string): Promise<void> {
  if (await tx.catalog.product(sku)) return;
  throw unknownSku(sku, (await tx.catalog.products()).map((p) => p.sku));
}

/** `q` units of a line stop on `e`: the line of the cancellation, with its six-month minimum. */
async function chargeLine(book: ServiceBook, pbx: Pbx, e: CalendarDate, line: ServiceLine, q: number): Promise<NewCancellation['lines'][number]> {
  const r = line.record;
  // The unit price of every segment the minimum reaches, looked up first (the term engine is synchronous).
  const prices = new Map<CalendarDate, bigint>();
  for (const period of periodsOverlapping(pbx, e, addMonths(r.since, MINIMUM_MONTHS))) {
    const segment = segmentOn(pbx, period.start)!;
    if (prices.has(segment.from)) continue;
    const price = await book.price(r, pbx, segment);
    if (price === null) {
      throw new RefusedError('NOT_PRICED', `${r.sku} has no ${segment.term} price in the book in force on ${formatDate(segment.from)}: its final charge cannot be worked out; ask Wildix staff.`);
    }
    prices.set(segment.from, price);
  }
  const charge = finalCharge(pbx, e, r.since, q, (segment) => prices.get(segment.from)!);
  return {
    orderSeq: r.orderSeq,
    lineNo: r.lineNo,
    sku: r.sku,
    qty: q,
    returnedQty: r.stocked ? q : 0,
    since: r.since,
    minimumUntil: charge.minimumUntil,
    finalCharge: charge.amount,
  };
}

/** What a cancellation would do today: which units of which lines stop on `e`, each line's final charge, the MRR decrease. */
export async function planCancellation(tx: Repositories, actor: Actor, request: CancelRequest): Promise<CancellationPlan> {
  const { pbx, expiresOn: e } = await runningPbx(tx, actor, request.pbx);
  const book = await serviceLines(tx, actor.scope, actor.today, { pbx: pbx.id });
  // Units are taken from the oldest lines first (the lines come oldest first).
  const running = book.lines.filter((l) => !l.ending);
  const wanted = request.items ?? [...new Set(running.map((l) => l.record.sku))].map((sku) => ({ sku, qty: running.filter((l) => l.record.sku === sku).reduce((n, l) => n + l.qty, 0) }));
  const lines: NewCancellation['lines'][number][] = [];
  const names = new Map<string, string>();
  let mrrDecrease = 0n;
  for (const item of wanted) {
    await requireKnownSku(tx, item.sku);
    const candidates = running.filter((l) => l.record.sku === item.sku);
    const runs = candidates.reduce((n, l) => n + l.qty, 0);
    const stopping = book.lines.filter((l) => l.record.sku === item.sku && l.ending);
    const already = stopping.length > 0 ? ` (${stopping.reduce((n, l) => n + l.qty, 0)} more already stop on ${formatDate(stopping[0]!.endsOn!)})` : '';
    if (runs === 0) {
      if (stopping.length > 0) throw new RefusedError('INVALID_STATE', `every ${item.sku} on PBX ${pbx.id} already stops on ${formatDate(stopping[0]!.endsOn!)}: there is nothing left to cancel.`);
      throw new RefusedError('NOT_FOUND', `no ${item.sku} runs on PBX ${pbx.id}: see \`hwaas services list --pbx ${pbx.id}\`.`);
    }
    if (item.qty > runs) throw new RefusedError('INVALID_STATE', `only ${runs} × ${item.sku} run on PBX ${pbx.id}${already}: ${item.qty} cannot be cancelled.`);
    let left = item.qty;
    for (const line of candidates) {
      if (left === 0) break;
      const q = Math.min(left, line.qty);
      left -= q;
      const r = line.record;
      // Devices of an order that has not shipped are not at the customer's: that order is cancelled instead.
      if (r.orderStatus !== 'shipped') {
        throw new RefusedError('INVALID_STATE', `${r.order} (${q} × ${r.sku}) has not shipped yet: cancel that order instead (\`hwaas orders cancel ${r.order}\`); services start to be cancelled once they are delivered.`);
      }
      names.set(r.sku, r.name);
      lines.push(await chargeLine(book, pbx, e, line, q));
      if (line.unitPrice !== null) mrrDecrease += line.mrr - monthlyRecurring(line.unitPrice, line.qty - q, line.term);
    }
  }
  const returned = lines.some((l) => l.returnedQty > 0);
  const partner = await tx.parties.partner(pbx.partner);
  return {
    partner: pbx.partner,
    pbx: pbx.id,
    wholePbx: request.items === null,
    requestedOn: actor.today,
    effectiveOn: e,
    currency: running[0]?.record.currency ?? partner?.currency ?? 'EUR',
    finalChargeTotal: lines.reduce((sum, l) => sum + l.finalCharge, 0n),
    mrrDecrease,
    pickup: returned ? (request.pickup ?? 'end-user') : null,
    returnStatus: returned ? 'requested' : 'none',
    createdAt: actor.at,
    createdBy: actor.user.id,
    lines,
    names,
  };
}

/** The same plan, for the comparison after the question: nothing that changes its figures may happen in between. */
const planKey = (plan: NewCancellation): string =>
  JSON.stringify([plan.effectiveOn, plan.finalChargeTotal.toString(), plan.mrrDecrease.toString(), plan.lines.map((l) => [l.orderSeq, l.lineNo, l.qty, l.finalCharge.toString()])]);

/**
 * Records a cancellation planned (and shown) before: planned again in the transaction,
 * and refused if anything moved in between. A whole PBX also ends on `e`.
 */
export async function cancelServices(store: Store, actor: Actor, request: CancelRequest, shown: CancellationPlan): Promise<Cancellation> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(request.pbx);
    const plan = await planCancellation(tx, actor, request);
    if (planKey(plan) !== planKey(shown)) {
      throw new RefusedError('INVALID_STATE', `the services on PBX ${request.pbx} changed while you were asked; nothing was cancelled: look at them again.`);
    }
    const { names: _names, ...record } = plan;
    if (plan.wholePbx) await tx.pbxs.setCancelledOn(plan.pbx, plan.effectiveOn);
    return tx.services.addCancellation(record);
  });
}

export async function listCancellations(store: Store, actor: Actor, returnsOnly: boolean): Promise<Cancellation[]> {
  return store.services.cancellations(actor.scope, { returns: returnsOnly });
}

export function parseRequestId(prefix: 'CAN' | 'RMA', id: string): number {
  const seq = requestSeq(prefix, id);
  if (seq === null) throw new UsageError(`"${id}" is not a${prefix === 'RMA' ? 'n RMA' : ' cancellation'} ID: they look like ${prefix}-0001.`);
  return seq;
}

/** Staff: a return's devices arrived at the warehouse; they are on hand again. */
export async function receiveReturn(store: Store, actor: Actor, id: string): Promise<Cancellation> {
  requireStaff(actor, 'Receiving returned devices');
  const seq = parseRequestId('CAN', id);
  return store.write(async (tx) => {
    const found = await tx.services.cancellation(actor.scope, seq);
    if (!found) throw new NotFoundError('cancellation', id);
    if (found.returnStatus === 'none') throw new RefusedError('INVALID_STATE', `${found.id} cancelled services only (no devices): there is nothing to receive.`);
    if (actor.today < found.effectiveOn) {
      throw new RefusedError('INVALID_STATE', `${found.id}'s devices are in service until ${formatDate(found.effectiveOn)}: they are received on or after that day.`);
    }
    if (!(await tx.services.markReceived(seq, actor.at, actor.user.id))) throw new RefusedError('INVALID_STATE', `${found.id}'s devices were already received.`);
    for (const line of [...found.lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
      if (line.returnedQty > 0) await tx.stock.adjustOnHand(line.sku, line.returnedQty);
    }
    return (await tx.services.cancellation(actor.scope, seq))!;
  });
}

// --- A change of term ---------------------------------------------------------

export interface TermChangePlan {
  readonly pbx: Pbx;
  readonly from: Term;
  readonly to: Term;
  readonly effectiveOn: CalendarDate;
  /** The first boundary under the new term: when the first renewal under it ends. */
  readonly nextBoundary: CalendarDate;
  readonly currency: string;
  readonly lines: readonly { readonly line: ServiceLine; readonly unitPrice: bigint; readonly renewal: bigint }[];
  readonly renewalTotal: bigint;
}

/** What `pbx change-term` would do: from the end of the current period the PBX and every service on it renew on the new term, at its price. */
export async function planTermChange(tx: Repositories, actor: Actor, id: string, to: Term): Promise<TermChangePlan> {
  const { pbx, expiresOn: e } = await runningPbx(tx, actor, id);
  const now = segmentOn(pbx, actor.today)!.term;
  const pending = pbx.termChanges.find((c) => c.from >= e);
  if (pending) throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} already changes to ${pending.term} on ${formatDate(pending.from)}.`);
  if (now === to) throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is already ${to}.`);
  checkWithinCalendar(addMonths(e, TERM_MONTHS[to]), `PBX ${pbx.id}'s first ${to} period would end on a date that`);
  const changed: Pbx = { ...pbx, termChanges: [...pbx.termChanges, { from: e, term: to }] };
  const book = await serviceLines(tx, actor.scope, actor.today, { pbx: pbx.id });
  // A cancellation's final charge was worked out on the periods it saw: they do not change under it.
  const stopping = book.lines.find((l) => l.ending);
  if (stopping) {
    const id = stopping.record.cancelled.find((c) => c.effectiveOn === stopping.endsOn)?.cancellation;
    throw new RefusedError('INVALID_STATE', `services on PBX ${pbx.id} stop on ${formatDate(stopping.endsOn!)}${id ? ` (${id})` : ''}: its term cannot change while a cancellation is waiting.`);
  }
  const lines: TermChangePlan['lines'][number][] = [];
  for (const line of book.lines.filter((l) => !l.ending)) {
    const unitPrice = await book.price(line.record, changed, { from: e, term: to });
    if (unitPrice === null) {
      throw new RefusedError('NOT_PRICED', `${line.record.sku} runs on PBX ${pbx.id} but has no ${to} price in the book in force on ${formatDate(e)}: the PBX cannot change to ${to}.`);
    }
    lines.push({ line, unitPrice, renewal: unitPrice * BigInt(line.qty) });
  }
  const partner = await tx.parties.partner(pbx.partner);
  return {
    pbx,
    from: now,
    to,
    effectiveOn: e,
    nextBoundary: addMonths(e, TERM_MONTHS[to]),
    currency: lines[0]?.line.record.currency ?? partner?.currency ?? 'EUR',
    lines,
    renewalTotal: lines.reduce((sum, l) => sum + l.renewal, 0n),
  };
}

export async function changeTerm(store: Store, actor: Actor, id: string, to: Term, shown: TermChangePlan): Promise<TermChangePlan> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(shown.pbx.id);
    const plan = await planTermChange(tx, actor, id, to);
    if (plan.effectiveOn !== shown.effectiveOn || plan.renewalTotal !== shown.renewalTotal) {
      throw new RefusedError('INVALID_STATE', `PBX ${id} changed while you were asked; nothing was changed: look at it again.`);
    }
    await tx.pbxs.addTermChange(plan.pbx.id, plan.effectiveOn, to, actor.at, actor.user.id);
    return plan;
  });
}

// --- Replacements (RMA) -----------------------------------------------------

export const RMA_MAX = 5;

export interface ReplaceRequest {
  readonly pbx: string;
  readonly sku: string;
  readonly qty: number;
  readonly reason: string;
  readonly deliverTo: Pickup;
}

/** A faulty device is replaced: at most five of one model on one PBX per request, of a model that runs there. Billing does not change. */
export async function requestReplacement(store: Store, actor: Actor, request: ReplaceRequest): Promise<Rma> {
  if (request.qty > RMA_MAX) {
    throw new UsageError(`--qty ${request.qty}: one request per five devices of a model; make one request of ${RMA_MAX} and another for the rest.`);
  }
  return store.write(async (tx) => {
    await tx.pbxs.lock(request.pbx);
    const { pbx } = await runningPbx(tx, actor, request.pbx, true);
    await requireKnownSku(tx, request.sku);
    // Units that stop at the end of the period still run until then: they are replaced too; units not yet delivered are not.
    const running = (await serviceLines(tx, actor.scope, actor.today, { pbx: pbx.id })).lines.filter((l) => l.record.sku === request.sku && l.record.orderStatus === 'shipped');
    const runs = running.reduce((n, l) => n + l.qty, 0);
    if (runs === 0) throw new RefusedError('NOT_FOUND', `no delivered ${request.sku} runs on PBX ${pbx.id}: only a device that runs there (from a shipped order) is replaced (\`hwaas services list --pbx ${pbx.id}\`).`);
    if (!running[0]!.record.stocked) throw new RefusedError('INVALID_STATE', `${request.sku} is a service, not a device: there is nothing to replace.`);
    const open = (await tx.services.rmas(actor.scope)).filter((r) => r.pbx === pbx.id && r.sku === request.sku && r.status === 'requested');
    const asked = open.reduce((n, r) => n + r.qty, 0);
    if (request.qty + asked > runs) {
      const pending = open.length > 0 ? ` and ${asked} already wait for replacement (${open.map((r) => r.id).join(', ')})` : '';
      throw new RefusedError('INVALID_STATE', `only ${runs} × ${request.sku} run on PBX ${pbx.id}${pending}: ${request.qty} more cannot be replaced.`);
    }
    return tx.services.addRma({ partner: pbx.partner, pbx: pbx.id, sku: request.sku, qty: request.qty, reason: request.reason, deliverTo: request.deliverTo, createdAt: actor.at, createdBy: actor.user.id });
  });
}

export function listRmas(store: Store, actor: Actor): Promise<Rma[]> {
  return store.services.rmas(actor.scope);
}

/** Staff: the replacement units leave the warehouse (requested → shipped), or the case is closed (shipped → closed). */
export async function moveRma(store: Store, actor: Actor, id: string, to: 'shipped' | 'closed'): Promise<Rma> {
  requireStaff(actor, to === 'shipped' ? 'Shipping replacements' : 'Closing replacements');
  const seq = parseRequestId('RMA', id);
  const from = to === 'shipped' ? 'requested' : 'shipped';
  return store.write(async (tx) => {
    const rma = await tx.services.rma(actor.scope, seq);
    if (!rma) throw new NotFoundError('RMA', id);
    if (rma.status !== from) throw new RefusedError('INVALID_STATE', `${rma.id} is ${rma.status}: only a ${from} RMA can be ${to === 'shipped' ? 'shipped' : 'closed'}.`);
    if (to === 'shipped') {
      // Units reserved for placed orders are theirs: a replacement takes only what is available.
      const level = await tx.stock.get(rma.sku);
      const available = (level?.onHand ?? 0) - (level?.reserved ?? 0);
      if (available < rma.qty) throw new RefusedError('INVALID_STATE', `${rma.id} cannot ship yet: ${rma.sku} has ${available} available (on hand, not reserved), ${rma.qty} to ship.`, { hint: { kind: 'record-stock' } });
      await tx.stock.adjustOnHand(rma.sku, -rma.qty);
    }
    if (!(await tx.services.moveRma(seq, from, to, actor.at, actor.user.id))) throw new RefusedError('INVALID_STATE', `${rma.id} was changed at the same moment elsewhere; nothing was done.`);
    return (await tx.services.rma(actor.scope, seq))!;
  });
}
