import { type Cancellation, type Rma, orderId } from '../domain/kernel/model.js';
import type { NewCancellation } from '../domain/kernel/port.js';
import type { MrrRow, RenewalRow, ServiceLine } from '../domain/lifecycle/serviceLines.js';
import { type CalendarDate, formatDate } from '../terms/dates.js';
import { formatAmount } from '../terms/money.js';
import type { TermChangePlan } from '../domain/lifecycle/termChanges.js';

/** The JSON of the contract for what runs after checkout (docs/cli.md "After checkout"). */

const date = (d: CalendarDate | null) => (d === null ? null : formatDate(d));
const amount = (m: bigint | null) => (m === null ? null : formatAmount(m));

export const serviceJson = (l: ServiceLine) => ({
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
});
export const SERVICE_KEYS = ['pbx', 'order', 'sku', 'name', 'qty', 'since', 'renewsOn', 'term', 'currency', 'unitPrice', 'renewal', 'mrr', 'status', 'endsOn'] as const;

export const mrrJson = (r: MrrRow) => ({ key: r.key, currency: r.currency, mrr: formatAmount(r.mrr), devices: formatAmount(r.devices), services: formatAmount(r.services), lines: r.lines });
export const MRR_KEYS = ['key', 'currency', 'mrr', 'devices', 'services', 'lines'] as const;

export const renewalJson = (r: RenewalRow) => ({ pbx: r.pbx, customer: r.customer, partner: r.partner, term: r.term, renewsOn: formatDate(r.renewsOn), currency: r.currency, total: formatAmount(r.total), lines: r.lines });
export const RENEWAL_KEYS = ['pbx', 'customer', 'partner', 'term', 'renewsOn', 'currency', 'total', 'lines'] as const;

/** A cancellation as planned (no ID yet) or as recorded. */
type PlannedCancellation = NewCancellation & { readonly id?: string };

export const cancellationJson = (c: PlannedCancellation) => ({
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
  })),
  finalChargeTotal: formatAmount(c.finalChargeTotal),
  mrrDecrease: formatAmount(c.mrrDecrease),
  pickup: c.pickup,
  returnStatus: c.returnStatus,
});

export const returnJson = (c: Cancellation) => ({
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
});
export const RETURN_KEYS = ['id', 'pbx', 'partner', 'requestedOn', 'effectiveOn', 'items', 'pickup', 'status', 'receivedAt', 'wholePbx', 'finalChargeTotal', 'currency'] as const;

export const rmaJson = (r: Rma) => ({
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
});
export const RMA_KEYS = ['id', 'pbx', 'partner', 'sku', 'qty', 'reason', 'deliverTo', 'status', 'createdAt', 'shippedAt', 'closedAt'] as const;

export const termChangeJson = (p: TermChangePlan) => ({
  pbx: p.pbx.id,
  from: p.from,
  to: p.to,
  effectiveOn: formatDate(p.effectiveOn),
  nextRenewal: formatDate(p.nextBoundary),
  currency: p.currency,
  lines: p.lines.map((l) => ({ order: l.line.record.order, sku: l.line.record.sku, qty: l.line.qty, unitPrice: formatAmount(l.unitPrice), renewal: formatAmount(l.renewal) })),
  renewalTotal: formatAmount(p.renewalTotal),
});
