import type { Pickup, Actor, Rma } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';
import { UsageError, RefusedError, NotFoundError } from '../../errors.js';
import { runningPbx, requireKnownSku, parseRequestId } from './running.js';
import { serviceLines } from './serviceLines.js';
import { requireStaff } from '../parties/users.js';
import { requireRunningSerials } from '../ordering/serials.rules.js';
export const RMA_MAX = 5;

export interface ReplaceRequest {
  readonly pbx: string;
  readonly sku: string;
  readonly qty: number;
  readonly reason: string;
  readonly deliverTo: Pickup;
  /** Serial numbers of the faulty devices, when named. */
  readonly serials?: readonly string[];
}

/** A faulty device is replaced: at most five of one model on one PBX per request, of a model that runs there. Billing does not change. */
export async function requestReplacement(store: Store, actor: Actor, request: ReplaceRequest): Promise<Rma> {
  if (request.qty > RMA_MAX) {
    throw new UsageError(`qty: ${request.qty} devices: one request per five devices of a model; make one request of ${RMA_MAX} and another for the rest.`, 'INVALID_INPUT', { field: 'qty' });
  }
  return store.write(async (tx) => {
    await tx.pbxs.lock(request.pbx);
    const { pbx } = await runningPbx(tx, actor, request.pbx, true);
    await requireKnownSku(tx, request.sku);
    // Units that stop at the end of the period still run until then: they are replaced too; units not yet delivered are not.
    const running = (await serviceLines(tx, actor.scope, actor.today, { pbx: pbx.id })).lines.filter((l) => l.record.sku === request.sku && l.record.orderStatus === 'shipped');
    const runs = running.reduce((n, l) => n + l.qty, 0);
    if (runs === 0)
      throw new RefusedError('NOT_FOUND', `no delivered ${request.sku} runs on PBX ${pbx.id}: only a device that runs there (from a shipped order) is replaced.`, {
        hint: { kind: 'services-of-pbx', pbx: pbx.id },
      });
    if (!running[0]!.record.stocked) throw new RefusedError('INVALID_STATE', `${request.sku} is a service, not a device: there is nothing to replace.`);
    const open = (await tx.services.rmas(actor.scope)).filter((r) => r.pbx === pbx.id && r.sku === request.sku && r.status === 'requested');
    const asked = open.reduce((n, r) => n + r.qty, 0);
    if (request.qty + asked > runs) {
      const pending = open.length > 0 ? ` and ${asked} already wait for replacement (${open.map((r) => r.id).join(', ')})` : '';
      throw new RefusedError('INVALID_STATE', `only ${runs} × ${request.sku} run on PBX ${pbx.id}${pending}: ${request.qty} more cannot be replaced.`);
    }
    requireRunningSerials(pbx.id, request.sku, running, request.serials ?? [], request.qty, 'serials');
    return tx.services.addRma({
      serials: request.serials ?? [],
      partner: pbx.partner,
      pbx: pbx.id,
      sku: request.sku,
      qty: request.qty,
      reason: request.reason,
      deliverTo: request.deliverTo,
      createdAt: actor.at,
      createdBy: actor.user.id,
    });
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
      if (available < rma.qty)
        throw new RefusedError('INVALID_STATE', `${rma.id} cannot ship yet: ${rma.sku} has ${available} available (on hand, not reserved), ${rma.qty} to ship.`, { hint: { kind: 'record-stock' } });
      await tx.stock.adjustOnHand(rma.sku, -rma.qty);
    }
    if (!(await tx.services.moveRma(seq, from, to, actor.at, actor.user.id))) throw new RefusedError('INVALID_STATE', `${rma.id} was changed at the same moment elsewhere; nothing was done.`);
    return (await tx.services.rma(actor.scope, seq))!;
  });
}
