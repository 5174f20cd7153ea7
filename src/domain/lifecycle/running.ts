import type { Repositories } from '../kernel/port.js';
import { type Actor, type Pbx, requestSeq } from '../kernel/model.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import { pbxStatusOn } from '../../terms/period.js';
import { unknownSku } from '../catalog/items.js';
export async function runningPbx(tx: Repositories, actor: Actor, id: string, endingToo = false): Promise<{ pbx: Pbx; expiresOn: CalendarDate }> {
  const pbx = await tx.pbxs.get(actor.scope, id);
  if (!pbx) throw new NotFoundError('PBX', id);
  const status = pbxStatusOn(pbx, actor.today);
  if (status.kind === 'perpetual') throw new RefusedError('NOT_SUBSCRIPTION', `PBX ${pbx.id} has a perpetual licence: it runs no HWaaS services.`);
  if (status.kind === 'ended') throw new RefusedError('PBX_ENDED', `PBX ${pbx.id} was cancelled and ended on ${formatDate(status.endedOn)}: nothing runs on it any more.`);
  if (status.kind === 'not-yet-active') throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is not active until ${formatDate(pbx.activated)}.`);
  if (!status.renews && !endingToo) {
    throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is already cancelled: it and everything on it end on ${formatDate(status.expiresOn)}.`, { hint: { kind: 'cancellations' } });
  }
  return { pbx, expiresOn: status.expiresOn };
}

/** A SKU no price book lists is an input error (exit 2), as everywhere else. */
export async function requireKnownSku(tx: Repositories, sku: string): Promise<void> {
  if (await tx.catalog.product(sku)) return;
  throw unknownSku(
    sku,
    (await tx.catalog.products()).map((p) => p.sku),
  );
}

export function parseRequestId(prefix: 'CAN' | 'RMA', id: string): number {
  const seq = requestSeq(prefix, id);
  if (seq === null) throw new UsageError(`"${id}" is not a${prefix === 'RMA' ? 'n RMA' : ' cancellation'} ID: they look like ${prefix}-0001.`);
  return seq;
}
