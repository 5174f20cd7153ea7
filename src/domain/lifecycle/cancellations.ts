import type { Pickup, Pbx, Actor, Cancellation } from '../kernel/model.js';
import type { NewCancellation, Repositories, Store } from '../kernel/port.js';
import { type ServiceBook, type ServiceLine, serviceLines } from './serviceLines.js';
import { type CalendarDate, addMonths, formatDate } from '../../terms/dates.js';
import { periodsOverlapping, segmentOn } from '../../terms/period.js';
import { MINIMUM_MONTHS, finalCharge, monthlyRecurring } from '../../terms/cancellation.js';
import { RefusedError, NotFoundError, UsageError } from '../../errors.js';
import { checkReceivedSerials } from '../ordering/serials.rules.js';
import { runningPbx, requireKnownSku, parseRequestId } from './running.js';
import { requireStaff } from '../parties/users.js';
import { unitsToStop } from './cancellation.rules.js';
import { correction } from '../parties/corrections.js';
export interface CancelRequest {
  readonly pbx: string;
  /** SKU → units; null: the whole PBX (`pbx cancel`). */
  readonly items: readonly { readonly sku: string; readonly qty: number }[] | null;
  readonly pickup: Pickup | null;
  /** Serial numbers of the devices that stop (and come back), when the partner names them. */
  readonly serials?: readonly string[];
}

export type CancellationPlan = NewCancellation & { readonly names: ReadonlyMap<string, string> };

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
    serials: [],
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
    for (const { line, qty: q } of unitsToStop(book.lines, pbx.id, item)) {
      const r = line.record;
      names.set(r.sku, r.name);
      lines.push(await chargeLine(book, pbx, e, line, q));
      if (line.unitPrice !== null) mrrDecrease += line.mrr - monthlyRecurring(line.unitPrice, line.qty - q, line.term);
    }
  }
  // Named devices go on the lines of their model, as many as each line returns.
  const named = request.serials ?? [];
  if (named.length > 0) {
    const bySku = new Map<string, string[]>();
    for (const serial of named) {
      const line = running.find((l) => l.record.serials.includes(serial));
      if (!line) {
        throw new RefusedError('NOT_FOUND', `${serial} is not the serial number of a device running on PBX ${pbx.id}.`, { hint: { kind: 'devices-of-pbx', pbx: pbx.id } });
      }
      // A device another cancellation named already stops (or stopped): it is not cancelled twice.
      const before = line.record.cancelled.find((c) => c.serials.includes(serial));
      if (before) {
        throw new RefusedError('INVALID_STATE', `${serial} already stops on ${formatDate(before.effectiveOn)} (${before.cancellation}).`, { hint: { kind: 'devices-of-pbx', pbx: pbx.id } });
      }
      bySku.set(line.record.sku, [...(bySku.get(line.record.sku) ?? []), serial]);
    }
    for (const [sku, serials] of bySku) {
      const of = lines.filter((l) => l.sku === sku);
      const returning = of.reduce((n, l) => n + l.returnedQty, 0);
      if (returning === 0)
        throw new UsageError(`serials: ${serials.join(', ')} ${serials.length === 1 ? 'is a' : 'are'} ${sku}, which this cancellation does not stop.`, 'INVALID_INPUT', { field: 'serials' });
      if (serials.length > returning)
        throw new UsageError(`serials: ${serials.length} serial numbers of ${sku}, for ${returning} unit${returning === 1 ? '' : 's'} that stop.`, 'INVALID_INPUT', { field: 'serials' });
      let rest = serials;
      for (const [index, line] of lines.entries()) {
        if (line.sku !== sku || rest.length === 0) continue;
        lines[index] = { ...line, serials: rest.slice(0, line.returnedQty) };
        rest = rest.slice(line.returnedQty);
      }
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

/** What a plan's figures are, as text: the confirmation names it, and nothing that changes them may happen in between. */
export const cancellationKey = (plan: NewCancellation): string =>
  JSON.stringify([plan.effectiveOn, plan.finalChargeTotal.toString(), plan.mrrDecrease.toString(), plan.lines.map((l) => [l.orderSeq, l.lineNo, l.qty, l.finalCharge.toString(), l.serials])]);

/**
 * Records a cancellation planned (and shown) before: planned again in the transaction,
 * and refused if anything moved in between. A whole PBX also ends on `e`.
 */
export async function cancelServices(store: Store, actor: Actor, request: CancelRequest, shown: string): Promise<Cancellation> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(request.pbx);
    const plan = await planCancellation(tx, actor, request);
    if (cancellationKey(plan) !== shown) {
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

/** Staff: a return's devices arrived at the warehouse; they are on hand again. */
export async function receiveReturn(store: Store, actor: Actor, id: string, serials: readonly string[] = []): Promise<Cancellation> {
  requireStaff(actor, 'Receiving returned devices');
  const seq = parseRequestId('CAN', id);
  return store.write(async (tx) => {
    const found = await tx.services.cancellation(actor.scope, seq);
    if (!found) throw new NotFoundError('cancellation', id);
    if (found.returnStatus === 'none') throw new RefusedError('INVALID_STATE', `${found.id} cancelled services only (no devices): there is nothing to receive.`);
    if (actor.today < found.effectiveOn) {
      throw new RefusedError('INVALID_STATE', `${found.id}'s devices are in service until ${formatDate(found.effectiveOn)}: they are received on or after that day.`);
    }
    checkReceivedSerials(
      found.id,
      found.lines.flatMap((l) => l.serials),
      serials,
    );
    const returning = found.lines.reduce((n, l) => n + l.returnedQty, 0);
    if (serials.length > returning)
      throw new UsageError(`serials: ${serials.length} serial numbers for ${returning} returned device${returning === 1 ? '' : 's'}.`, 'INVALID_INPUT', { field: 'serials' });
    if (!(await tx.services.markReceived(seq, actor.at, actor.user.id, serials))) throw new RefusedError('INVALID_STATE', `${found.id}'s devices were already received.`);
    for (const line of [...found.lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
      if (line.returnedQty > 0) await tx.stock.adjustOnHand(line.sku, line.returnedQty);
    }
    return (await tx.services.cancellation(actor.scope, seq))!;
  });
}

/**
 * A cancellation undone before it takes effect: its services run on and renew, its
 * devices stay (the return request is void), a whole PBX runs on. Once it took effect the
 * services have stopped: they are ordered again instead. An event says who and when.
 */
export async function undoCancellation(store: Store, actor: Actor, id: string): Promise<Cancellation> {
  const seq = parseRequestId('CAN', id);
  return store.write(async (tx) => {
    const found = await tx.services.cancellation(actor.scope, seq);
    if (!found) throw new NotFoundError('cancellation', id);
    await tx.pbxs.lock(found.pbx);
    if (found.undoneAt !== null) throw new RefusedError('INVALID_STATE', `${found.id} was already undone (${found.undoneAt.slice(0, 10)}).`);
    if (found.effectiveOn <= actor.today) {
      throw new RefusedError(
        'INVALID_STATE',
        `${found.id} took effect on ${formatDate(found.effectiveOn)}: those services stopped; order them again (\`hwaas order --customer … --pbx ${found.pbx} …\`).`,
      );
    }
    if (!(await tx.services.undoCancellation(seq, actor.at, actor.user.id))) throw new RefusedError('INVALID_STATE', `${found.id} changed at the same moment elsewhere: look at it again.`);
    if (found.wholePbx) {
      const pbx = await tx.pbxs.get(actor.scope, found.pbx);
      if (pbx && pbx.cancelledOn === found.effectiveOn) await tx.pbxs.setCancelledOn(found.pbx, null);
    }
    await tx.parties.addEvent(correction(actor, found.partner, found.id, 'undone', { pbx: found.pbx, effectiveOn: formatDate(found.effectiveOn), wholePbx: found.wholePbx }));
    return (await tx.services.cancellation(actor.scope, seq))!;
  });
}
