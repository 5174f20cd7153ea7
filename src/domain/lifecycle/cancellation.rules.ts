import { RefusedError } from '../../errors.js';
import { formatDate } from '../../terms/dates.js';
import type { ServiceLine } from './serviceLines.js';

/**
 * Which units a cancellation stops (docs/terms.md "Cancellation and the six-month
 * minimum"): of the lines of one SKU on one PBX, oldest first, only units that still
 * run, only from delivered orders, never more than run. Pure: the lines come in
 * (oldest first, as the store gives them), the units to stop come out.
 */
export function unitsToStop(lines: readonly ServiceLine[], pbx: string, item: { readonly sku: string; readonly qty: number }): { line: ServiceLine; qty: number }[] {
  const candidates = lines.filter((l) => l.record.sku === item.sku && !l.ending);
  const runs = candidates.reduce((n, l) => n + l.qty, 0);
  const stopping = lines.filter((l) => l.record.sku === item.sku && l.ending);
  const already = stopping.length > 0 ? ` (${stopping.reduce((n, l) => n + l.qty, 0)} more already stop on ${formatDate(stopping[0]!.endsOn!)})` : '';
  if (runs === 0) {
    if (stopping.length > 0) throw new RefusedError('INVALID_STATE', `every ${item.sku} on PBX ${pbx} already stops on ${formatDate(stopping[0]!.endsOn!)}: there is nothing left to cancel.`);
    throw new RefusedError('NOT_FOUND', `no ${item.sku} runs on PBX ${pbx}.`, { hint: { kind: 'services-of-pbx', pbx } });
  }
  if (item.qty > runs) throw new RefusedError('INVALID_STATE', `only ${runs} × ${item.sku} run on PBX ${pbx}${already}: ${item.qty} cannot be cancelled.`);
  const taken: { line: ServiceLine; qty: number }[] = [];
  let left = item.qty;
  for (const line of candidates) {
    if (left === 0) break;
    const qty = Math.min(left, line.qty);
    left -= qty;
    // Devices of an order that has not shipped are not at the customer's: that order is cancelled instead.
    if (line.record.orderStatus !== 'shipped') {
      throw new RefusedError(
        'INVALID_STATE',
        `${line.record.order} (${qty} × ${line.record.sku}) has not shipped yet: cancel that order instead; services start to be cancelled once they are delivered.`,
        {
          hint: { kind: 'cancel-order', order: line.record.order },
        },
      );
    }
    taken.push({ line, qty });
  }
  return taken;
}
