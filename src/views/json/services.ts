import type { ServiceLine } from '../../domain/lifecycle/serviceLines.js';
import type { MrrRow, RenewalRow } from '../../domain/lifecycle/serviceLines.js';
import type { TermChangePlan } from '../../domain/lifecycle/termChanges.js';
import { type Cancellation, type OrderStatus, type Pickup, type ReturnStatus, type Rma, type RmaStatus, orderId } from '../../domain/kernel/model.js';
import type { NewCancellation } from '../../domain/kernel/port.js';
import type { Term } from '../../terms/term.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import { type Amount, type DateText, type Timestamp, amount, date } from './common.js';

/** The JSON of what runs after checkout (docs/cli.md "After checkout"). */

export interface ServiceJson {
  pbx: string;
  order: string;
  sku: string;
  name: string;
  qty: number;
  since: DateText;
  renewsOn: DateText | null;
  term: Term;
  currency: string;
  unitPrice: Amount | null;
  renewal: Amount | null;
  mrr: Amount;
  status: 'active' | 'ending' | 'suspended';
  endsOn: DateText | null;
  /** The status of the order the line comes from (placed, approved, shipped). */
  orderStatus: OrderStatus;
  /** The customer's side: the resale unit price per term (fixed at checkout or import), what the line renews for, and its MRR; the margin is resale MRR − MRR. */
  resaleUnitPrice: Amount | null;
  resaleRenewal: Amount | null;
  resaleMrr: Amount;
  marginMrr: Amount;
  /** Where the line came from: an order (null), a quote (`quote`) or the installed base brought in (`import`). */
  source: 'import' | 'quote' | null;
  /** Serial numbers of its devices, recorded when shipped or imported. */
  serials: string[];
}
export const serviceJson = (l: ServiceLine): ServiceJson => ({
  pbx: l.record.pbx,
  order: l.record.order,
  sku: l.record.sku,
  name: l.record.name,
  qty: l.qty,
  since: formatDate(l.record.since),
  renewsOn: date(l.renewsOn),
  term: l.term,
  currency: l.record.currency,
  unitPrice: amount(l.unitPrice),
  renewal: amount(l.renewal),
  mrr: formatAmount(l.mrr),
  status: l.status,
  endsOn: date(l.endsOn),
  orderStatus: l.record.orderStatus,
  resaleUnitPrice: amount(l.resaleUnitPrice),
  resaleRenewal: amount(l.resaleRenewal),
  resaleMrr: formatAmount(l.resaleMrr),
  marginMrr: formatAmount(l.resaleMrr - l.mrr),
  source: l.record.source,
  serials: [...l.record.serials],
});
export const SERVICE_KEYS = [
  'pbx',
  'order',
  'sku',
  'name',
  'qty',
  'since',
  'renewsOn',
  'term',
  'currency',
  'unitPrice',
  'renewal',
  'mrr',
  'status',
  'endsOn',
  'orderStatus',
  'resaleUnitPrice',
  'resaleRenewal',
  'resaleMrr',
  'marginMrr',
  'source',
  'serials',
] as const;

export interface MrrJson {
  key: string;
  currency: string;
  mrr: Amount;
  devices: Amount;
  services: Amount;
  lines: number;
  /** What the customers pay for the same lines, a month, and the partner's margin on them. */
  resaleMrr: Amount;
  marginMrr: Amount;
}
export const mrrJson = (r: MrrRow): MrrJson => ({
  key: r.key,
  currency: r.currency,
  mrr: formatAmount(r.mrr),
  devices: formatAmount(r.devices),
  services: formatAmount(r.services),
  lines: r.lines,
  resaleMrr: formatAmount(r.resaleMrr),
  marginMrr: formatAmount(r.resaleMrr - r.mrr),
});
export const MRR_KEYS = ['key', 'currency', 'mrr', 'devices', 'services', 'lines', 'resaleMrr', 'marginMrr'] as const;

export interface RenewalJson {
  pbx: string;
  customer: string;
  partner: string;
  term: Term;
  renewsOn: DateText;
  currency: string;
  total: Amount;
  lines: number;
  /** Days from the day looked at until the renewal. */
  inDays: number;
  /** What the customers pay at the renewal for the same lines, and the partner's margin on it. */
  resaleTotal: Amount;
  marginTotal: Amount;
}
export const renewalJson = (r: RenewalRow, inDays: number): RenewalJson => ({
  pbx: r.pbx,
  customer: r.customer,
  partner: r.partner,
  term: r.term,
  renewsOn: formatDate(r.renewsOn),
  currency: r.currency,
  total: formatAmount(r.total),
  lines: r.lines,
  inDays,
  resaleTotal: formatAmount(r.resaleTotal),
  marginTotal: formatAmount(r.resaleTotal - r.total),
});
export const RENEWAL_KEYS = ['pbx', 'customer', 'partner', 'term', 'renewsOn', 'currency', 'total', 'lines', 'inDays', 'resaleTotal', 'marginTotal'] as const;

export interface CancellationJson {
  /** Null while it is only planned. */
  id: string | null;
  pbx: string;
  partner: string;
  wholePbx: boolean;
  requestedOn: DateText;
  effectiveOn: DateText;
  currency: string;
  lines: { order: string; sku: string; qty: number; since: DateText; minimumUntil: DateText; finalCharge: Amount; returned: number; serials: string[] }[];
  finalChargeTotal: Amount;
  mrrDecrease: Amount;
  pickup: Pickup | null;
  returnStatus: ReturnStatus;
  /** When it was undone before it took effect (`cancellations undo`), or null. */
  undoneAt: Timestamp | null;
}
/** A cancellation as planned (no ID yet) or as recorded. */
export const cancellationJson = (c: NewCancellation & { readonly id?: string; readonly undoneAt?: string | null }): CancellationJson => ({
  id: c.id ?? null,
  pbx: c.pbx,
  partner: c.partner,
  wholePbx: c.wholePbx,
  requestedOn: formatDate(c.requestedOn),
  effectiveOn: formatDate(c.effectiveOn),
  currency: c.currency,
  lines: c.lines.map((l) => ({
    order: orderId(l.orderSeq),
    sku: l.sku,
    qty: l.qty,
    since: formatDate(l.since),
    minimumUntil: formatDate(l.minimumUntil),
    finalCharge: formatAmount(l.finalCharge),
    returned: l.returnedQty,
    serials: [...l.serials],
  })),
  finalChargeTotal: formatAmount(c.finalChargeTotal),
  mrrDecrease: formatAmount(c.mrrDecrease),
  pickup: c.pickup,
  returnStatus: c.returnStatus,
  undoneAt: c.undoneAt ?? null,
});

/** A change of term undone before it took effect. */
export interface TermChangeUndoneJson {
  pbx: string;
  /** The term it keeps renewing on. */
  term: Term;
  undone: { from: DateText; term: Term };
}

/** A cancellation planned, to be shown before it is confirmed: `plan` is what the confirmation names, so that nothing changes in between. */
export interface CancellationPlanJson extends CancellationJson {
  /** The products' names, by SKU. */
  names: Record<string, string>;
  plan: string;
}

export interface ReturnJson {
  id: string;
  pbx: string;
  partner: string;
  requestedOn: DateText;
  effectiveOn: DateText;
  items: { sku: string; qty: number }[];
  pickup: Pickup | null;
  status: ReturnStatus;
  receivedAt: Timestamp | null;
  wholePbx: boolean;
  finalChargeTotal: Amount;
  currency: string;
  /** The serial numbers of the devices that come back, when named, and of those received. */
  serials: string[];
  receivedSerials: string[];
}
export const returnJson = (c: Cancellation): ReturnJson => ({
  id: c.id,
  pbx: c.pbx,
  partner: c.partner,
  requestedOn: formatDate(c.requestedOn),
  effectiveOn: formatDate(c.effectiveOn),
  items: [...c.lines.filter((l) => l.returnedQty > 0).reduce((m, l) => m.set(l.sku, (m.get(l.sku) ?? 0) + l.returnedQty), new Map<string, number>())].map(([sku, qty]) => ({ sku, qty })),
  pickup: c.pickup,
  status: c.returnStatus,
  receivedAt: c.receivedAt,
  wholePbx: c.wholePbx,
  finalChargeTotal: formatAmount(c.finalChargeTotal),
  currency: c.currency,
  serials: c.lines.flatMap((l) => l.serials),
  receivedSerials: [...c.receivedSerials],
});
export const RETURN_KEYS = [
  'id',
  'pbx',
  'partner',
  'requestedOn',
  'effectiveOn',
  'items',
  'pickup',
  'status',
  'receivedAt',
  'wholePbx',
  'finalChargeTotal',
  'currency',
  'serials',
  'receivedSerials',
] as const;

export interface RmaJson {
  id: string;
  pbx: string;
  partner: string;
  sku: string;
  qty: number;
  reason: string;
  deliverTo: Pickup;
  status: RmaStatus;
  createdAt: Timestamp;
  shippedAt: Timestamp | null;
  closedAt: Timestamp | null;
  /** Serial numbers of the faulty devices, when named. */
  serials: string[];
}
export const rmaJson = (r: Rma): RmaJson => ({
  id: r.id,
  pbx: r.pbx,
  partner: r.partner,
  sku: r.sku,
  qty: r.qty,
  reason: r.reason,
  deliverTo: r.deliverTo,
  status: r.status,
  createdAt: r.createdAt,
  shippedAt: r.shippedAt,
  closedAt: r.closedAt,
  serials: [...r.serials],
});
export const RMA_KEYS = ['id', 'pbx', 'partner', 'sku', 'qty', 'reason', 'deliverTo', 'status', 'createdAt', 'shippedAt', 'closedAt', 'serials'] as const;

/** A device running on a PBX: one row per unit, its serial number when recorded. */
export interface DeviceJson {
  pbx: string;
  customer: string;
  partner: string;
  sku: string;
  name: string;
  serial: string | null;
  /** 1 for a device with its serial number; the units of a line whose serials were not recorded, as one row. */
  units: number;
  order: string;
  since: DateText;
  status: 'active' | 'ending' | 'suspended';
  endsOn: DateText | null;
}
export const DEVICE_KEYS = ['pbx', 'customer', 'partner', 'sku', 'name', 'serial', 'units', 'order', 'since', 'status', 'endsOn'] as const;

/** The devices (stocked products) of running lines, one per unit: recorded serials first, then the units without one; with `serial`, only that device. */
export function devicesOf(lines: readonly ServiceLine[], serial: string | null): DeviceJson[] {
  const out: DeviceJson[] = [];
  const byRecord = new Map<string, ServiceLine[]>();
  for (const line of lines) {
    // Devices are at the customer's once their order shipped.
    if (!line.record.stocked || line.record.orderStatus !== 'shipped') continue;
    const key = `${line.record.orderSeq}:${line.record.lineNo}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), line]);
  }
  for (const parts of byRecord.values()) {
    const record = parts[0]!.record;
    // A device a cancellation named stops with it (and is gone once it took effect); the others run on.
    const named = new Set(record.cancelled.flatMap((c) => c.serials));
    const running = record.serials.filter((s) => !named.has(s));
    for (const part of parts) {
      const r = part.record;
      const stopping = part.ending ? record.cancelled.filter((c) => c.effectiveOn === part.endsOn).flatMap((c) => c.serials) : [];
      const row = (s: string | null, units: number): DeviceJson => ({
        pbx: r.pbx,
        customer: r.customer,
        partner: r.partner,
        sku: r.sku,
        name: r.name,
        serial: s,
        units,
        order: r.order,
        since: formatDate(r.since),
        status: part.status,
        endsOn: date(part.endsOn),
      });
      // One row per recorded serial; the units without one as one row (a line may hold 10,000).
      let left = part.qty;
      while (left > 0) {
        const s = stopping.shift() ?? running.shift() ?? null;
        if (s === null) break;
        left--;
        if (serial === null || s === serial) out.push(row(s, 1));
      }
      if (left > 0 && serial === null) out.push(row(null, left));
    }
  }
  return out;
}

export interface TermChangeJson {
  pbx: string;
  from: Term;
  to: Term;
  effectiveOn: DateText;
  nextRenewal: DateText;
  currency: string;
  lines: { order: string; sku: string; qty: number; unitPrice: Amount; renewal: Amount }[];
  renewalTotal: Amount;
}
export const termChangeJson = (p: TermChangePlan): TermChangeJson => ({
  pbx: p.pbx.id,
  from: p.from,
  to: p.to,
  effectiveOn: formatDate(p.effectiveOn),
  nextRenewal: formatDate(p.nextBoundary),
  currency: p.currency,
  lines: p.lines.map((l) => ({ order: l.line.record.order, sku: l.line.record.sku, qty: l.line.qty, unitPrice: formatAmount(l.unitPrice), renewal: formatAmount(l.renewal) })),
  renewalTotal: formatAmount(p.renewalTotal),
});

/** A change of term planned, shown before it is confirmed. */
export interface TermChangePlanJson extends TermChangeJson {
  plan: string;
}
