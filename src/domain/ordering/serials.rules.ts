import { RefusedError, UsageError } from '../../errors.js';

/**
 * Serial numbers of devices: recorded by staff when an order ships (or brought in with the
 * installed base), named by an RMA or a cancellation, checked when a return is received.
 */

/** A serial number as printed on a device: letters, digits and . _ / -, at most 64. */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** A serial number as hwaas keeps it: in capitals (SN-1 and sn-1 are one device). */
export function checkSerial(text: string, field: string): string {
  const serial = text.trim().toUpperCase();
  if (!SERIAL_PATTERN.test(serial)) {
    throw new UsageError(`${field}: "${serial.slice(0, 70)}" is not a serial number (letters, digits, dots, dashes, slashes; at most 64).`, 'INVALID_INPUT', { field });
  }
  return serial;
}

/** The same serial number named twice in one request. */
export function requireDistinct(serials: readonly string[], field: string): void {
  const seen = new Set<string>();
  for (const s of serials) {
    if (seen.has(s)) throw new UsageError(`${field}: ${s} is named twice.`, 'INVALID_INPUT', { field });
    seen.add(s);
  }
}

export interface ShippedLine {
  readonly sku: string;
  readonly qty: number;
  readonly stocked: boolean;
  readonly serials: readonly string[];
}

/**
 * The serial numbers of an order's lines after shipping records `given` (SKU → serials):
 * every SKU is a device line of the order, no line gets more serials than units. Returns
 * the new serials of each line, by SKU.
 */
export function assignSerials(order: string, lines: readonly ShippedLine[], given: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [sku, serials] of given) {
    const line = lines.find((l) => l.sku === sku);
    if (!line) throw new UsageError(`serials: ${order} has no ${sku} line${lines.length ? ` (it has ${lines.map((l) => l.sku).join(', ')})` : ''}.`, 'INVALID_INPUT', { field: 'serials' });
    if (!line.stocked) throw new UsageError(`serials: ${sku} is a service, not a device: it has no serial numbers.`, 'INVALID_INPUT', { field: 'serials' });
    const all = [...line.serials, ...serials.filter((s) => !line.serials.includes(s))];
    if (all.length > line.qty) {
      throw new UsageError(`serials: ${order} ships ${line.qty} × ${sku}; ${all.length} serial numbers are more than its units.`, 'INVALID_INPUT', { field: 'serials' });
    }
    out.set(sku, all);
  }
  return out;
}

/**
 * Serials a request names (an RMA, a cancellation) are devices of that model that run on
 * the PBX (their serial recorded on a running line); at most as many as the units asked.
 */
export function requireRunningSerials(
  pbx: string,
  sku: string,
  running: readonly { readonly record: { readonly sku: string; readonly serials: readonly string[] } }[],
  serials: readonly string[],
  qty: number,
  field: string,
): void {
  if (serials.length > qty) throw new UsageError(`${field}: ${serials.length} serial numbers for ${qty} unit${qty === 1 ? '' : 's'}.`, 'INVALID_INPUT', { field });
  const known = new Set(running.filter((l) => l.record.sku === sku).flatMap((l) => l.record.serials));
  const unknown = serials.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new RefusedError('NOT_FOUND', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not the serial number of a ${sku} running on PBX ${pbx}.`, {
      hint: { kind: 'devices-of-pbx', pbx },
    });
  }
}

/** A return that named serials is received against them: the same serials, no fewer, no others. */
export function checkReceivedSerials(id: string, named: readonly string[], received: readonly string[]): void {
  if (named.length === 0) return;
  const missing = named.filter((s) => !received.includes(s));
  const other = received.filter((s) => !named.includes(s));
  if (received.length === 0) {
    throw new RefusedError('INVALID_STATE', `${id} names the devices ${named.join(', ')}: receive it against them (--serial for each).`);
  }
  if (missing.length > 0 || other.length > 0) {
    throw new RefusedError(
      'INVALID_STATE',
      `${id} names ${named.join(', ')}; ${[missing.length ? `${missing.join(', ')} did not arrive` : '', other.length ? `${other.join(', ')} ${other.length === 1 ? 'is' : 'are'} not part of it` : ''].filter(Boolean).join(', and ')}: nothing was received.`,
    );
  }
}
