import {
  type CancellationPlanJson,
  type DeviceJson,
  type MrrJson,
  type RenewalJson,
  type ReturnJson,
  type RmaJson,
  SERVICE_KEYS,
  type ServiceJson,
  type TermChangePlanJson,
} from '../json/services.js';
import type { ListingView } from './listing.js';
import { money, moneyOrBlank } from './money.js';
import { type Style, renderTable } from './style.js';

/** Which sides of the money a table shows: what the partner pays Wildix (buy), what its customers pay it (sell), or both with the margin. */
export type Side = 'buy' | 'sell' | 'both';
export const SIDES = ['buy', 'sell', 'both'] as const;

/** The money columns of a side; in a narrow terminal the renewals give way before the monthly figures and the margin (`drop` on a column: left out first). */
const sideColumns = <T>(
  side: Side,
  buy: { header: string; value: (r: T) => string; drop?: number }[],
  sell: { header: string; value: (r: T) => string; drop?: number }[],
  margin: { header: string; value: (r: T) => string }[],
) => [
  ...(side === 'sell' ? [] : buy.map((c) => ({ ...c, align: 'right' as const }))),
  ...(side === 'buy' ? [] : sell.map((c) => ({ ...c, align: 'right' as const }))),
  ...(side === 'both' ? margin.map((c) => ({ ...c, align: 'right' as const })) : []),
];

/** The keys of a service line in a listing's JSON and CSV: the contract's, but the order's status (in `pbx show`). */
const LISTED = SERVICE_KEYS.filter((k) => k !== 'orderStatus');

export const SERVICES = (side: Side = 'buy'): ListingView<ServiceJson> => ({
  columns: () => [
    { header: 'PBX', value: (l) => l.pbx },
    { header: 'Order', value: (l) => l.order, drop: 2 },
    { header: 'SKU', value: (l) => l.sku },
    { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
    { header: 'Since', value: (l) => l.since, drop: 1 },
    { header: 'Renews', value: (l) => l.renewsOn ?? '', ...(side === 'both' ? { drop: 1 } : {}) },
    ...sideColumns<ServiceJson>(
      side,
      [
        { header: side === 'both' ? 'Renewal (buy)' : 'Renewal', value: (l) => moneyOrBlank(l.renewal, l.currency), ...(side === 'both' ? { drop: 4 } : {}) },
        { header: side === 'both' ? 'MRR (buy)' : 'MRR', value: (l) => money(l.mrr, l.currency) },
      ],
      [
        { header: side === 'both' ? 'Renewal (sell)' : 'Renewal (sell)', value: (l) => moneyOrBlank(l.resaleRenewal, l.currency), ...(side === 'both' ? { drop: 4 } : {}) },
        { header: 'MRR (sell)', value: (l) => money(l.resaleMrr, l.currency) },
      ],
      [{ header: 'Margin', value: (l) => money(l.marginMrr, l.currency) }],
    ),
    {
      header: 'Status',
      value: (l) =>
        l.status === 'active' ? 'active' : { text: l.endsOn === null ? l.status : `${l.status}, ends ${l.endsOn}`, paint: l.status === 'suspended' ? ('red' as const) : ('yellow' as const) },
    },
  ],
  keys: LISTED,
  // A CSV imports back (\`hwaas import services\`): serial numbers in one cell, separated by spaces.
  csv: {
    keys: LISTED,
    rows: (items) => items.map((l) => ({ ...l, serials: l.serials.join(' ') })),
  },
  empty: 'No services run on these PBXs: they start when an order is checked out, or come in with `hwaas import services`.',
});

export const RENEWALS = (within: number, side: Side = 'buy'): ListingView<RenewalJson> => ({
  columns: () => [
    { header: 'Renews', value: (r) => r.renewsOn },
    { header: 'In', value: (r) => `${r.inDays} d`, align: 'right' },
    { header: 'PBX', value: (r) => r.pbx },
    { header: 'Customer', value: (r) => r.customer, ...(side === 'both' ? { drop: 2 } : {}) },
    { header: 'Term', value: (r) => r.term, ...(side === 'both' ? { drop: 1 } : {}) },
    { header: 'Lines', value: (r) => String(r.lines), align: 'right', ...(side === 'both' ? { drop: 3 } : {}) },
    ...sideColumns<RenewalJson>(
      side,
      [{ header: side === 'both' ? 'Total (buy)' : 'Total', value: (r) => money(r.total, r.currency) }],
      [{ header: 'Total (sell)', value: (r) => money(r.resaleTotal, r.currency) }],
      [{ header: 'Margin', value: (r) => money(r.marginTotal, r.currency) }],
    ),
  ],
  keys: ['pbx', 'customer', 'partner', 'term', 'renewsOn', 'currency', 'total', 'lines', 'resaleTotal', 'marginTotal'],
  empty: `No PBX renews within ${within} days of today.`,
});

export const MRR = (by: string, side: Side = 'buy'): ListingView<MrrJson> => ({
  columns: () => [
    { header: by[0]!.toUpperCase() + by.slice(1), value: (r) => r.key },
    { header: 'Lines', value: (r) => String(r.lines), align: 'right' },
    ...(side === 'sell'
      ? []
      : [
          { header: 'Devices', value: (r: MrrJson) => money(r.devices, r.currency), align: 'right' as const, drop: 2 },
          { header: 'Services', value: (r: MrrJson) => money(r.services, r.currency), align: 'right' as const, drop: 2 },
        ]),
    ...sideColumns<MrrJson>(
      side,
      [{ header: side === 'both' ? 'MRR (buy)' : 'MRR', value: (r) => money(r.mrr, r.currency) }],
      [{ header: 'MRR (sell)', value: (r) => money(r.resaleMrr, r.currency) }],
      [{ header: 'Margin', value: (r) => money(r.marginMrr, r.currency) }],
    ),
  ],
  keys: ['key', 'currency', 'mrr', 'devices', 'services', 'lines', 'resaleMrr', 'marginMrr'],
  empty: 'No recurring revenue yet: services start when an order is checked out.',
});

export const returnedItems = (r: ReturnJson): string => r.items.map((i) => `${i.qty} × ${i.sku}`).join(', ');

export const RETURNS = (all: boolean): ListingView<ReturnJson> => ({
  columns: () => [
    { header: 'Return', value: (c) => c.id },
    { header: 'PBX', value: (c) => c.pbx },
    { header: 'Partner', value: (c) => c.partner },
    { header: 'Devices', value: (c) => returnedItems(c) },
    { header: 'Final charge', value: (c) => money(c.finalChargeTotal, c.currency), align: 'right' },
    { header: 'Pickup', value: (c) => c.pickup ?? '' },
    { header: 'Stops', value: (c) => c.effectiveOn },
    { header: 'Status', value: (c) => c.status },
  ],
  keys: ['id', 'pbx', 'partner', 'requestedOn', 'effectiveOn', 'items', 'pickup', 'status', 'receivedAt', 'wholePbx', 'finalChargeTotal', 'currency', 'serials', 'receivedSerials'],
  empty: all ? 'No cancellations.' : 'No returns: cancelled devices show up here (--all: services too).',
});

export const RMAS: ListingView<RmaJson> = {
  columns: () => [
    { header: 'RMA', value: (r) => r.id },
    { header: 'PBX', value: (r) => r.pbx },
    { header: 'SKU', value: (r) => r.sku },
    { header: 'Qty', value: (r) => String(r.qty), align: 'right' },
    { header: 'Deliver to', value: (r) => r.deliverTo },
    { header: 'Reason', value: (r) => r.reason },
    { header: 'Status', value: (r) => r.status },
  ],
  keys: ['id', 'pbx', 'partner', 'sku', 'qty', 'reason', 'deliverTo', 'status', 'createdAt', 'shippedAt', 'closedAt', 'serials'],
  empty: 'No replacements: `hwaas services replace` asks for one.',
};

/** What a cancellation will do, for people, before they confirm it. */
export function cancellationPlanText(style: Style, plan: CancellationPlanJson): string {
  const m = (amount: string) => money(amount, plan.currency);
  const what = plan.wholePbx ? `PBX ${plan.pbx} and every service on it` : `These services on PBX ${plan.pbx}`;
  const out = [`${what} stop on ${plan.effectiveOn}, the end of the current period (what was charged is not refunded; they do not renew).`];
  if (plan.lines.length > 0) {
    out.push(
      renderTable(
        style,
        [
          { header: 'Order', value: (l: CancellationPlanJson['lines'][number]) => l.order },
          { header: 'SKU', value: (l) => l.sku },
          { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
          { header: 'Since', value: (l) => l.since },
          { header: 'Minimum until', value: (l) => l.minimumUntil },
          { header: 'Final charge', value: (l) => m(l.finalCharge), align: 'right' },
        ],
        plan.lines,
      ),
    );
  } else out.push('No services run on it.');
  out.push(`Final charge (six-month minimum): ${m(plan.finalChargeTotal)}. MRR decreases by ${m(plan.mrrDecrease)}.`);
  const devices = plan.lines.reduce((n, l) => n + l.returned, 0);
  if (devices > 0) out.push(`${devices} device${devices === 1 ? '' : 's'} to return, picked up from the ${plan.pickup === 'partner' ? 'partner' : 'end user'}.`);
  return out.join('\n');
}

/** The question a cancellation asks. */
export const cancellationQuestion = (plan: CancellationPlanJson): string =>
  plan.wholePbx
    ? `Cancel PBX ${plan.pbx} from ${plan.effectiveOn}, with a final charge of ${money(plan.finalChargeTotal, plan.currency)}?`
    : `Cancel these services from ${plan.effectiveOn}, with a final charge of ${money(plan.finalChargeTotal, plan.currency)}?`;

/** What a change of term will do, for people, before they confirm it. */
export function termChangePlanText(style: Style, plan: TermChangePlanJson): string {
  const m = (amount: string) => money(amount, plan.currency);
  const out = [`PBX ${plan.pbx} is ${plan.from} until ${plan.effectiveOn}; from then on ${plan.to}, renewing next on ${plan.nextRenewal}.`];
  if (plan.lines.length > 0) {
    out.push(`The first renewal under the new term, on ${plan.effectiveOn}:`);
    out.push(
      renderTable(
        style,
        [
          { header: 'Order', value: (l: TermChangePlanJson['lines'][number]) => l.order },
          { header: 'SKU', value: (l) => l.sku },
          { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
          { header: `Unit / ${plan.to}`, value: (l) => m(l.unitPrice), align: 'right' },
          { header: 'Renewal', value: (l) => m(l.renewal), align: 'right' },
        ],
        plan.lines,
      ),
    );
    out.push(`Renewal total: ${m(plan.renewalTotal)}.`);
  } else out.push('No services renew on it.');
  return out.join('\n');
}

export const DEVICES: ListingView<DeviceJson> = {
  columns: () => [
    { header: 'PBX', value: (d) => d.pbx },
    { header: 'Customer', value: (d) => d.customer, drop: 2 },
    { header: 'SKU', value: (d) => d.sku },
    { header: 'Serial', value: (d) => d.serial ?? { text: `${d.units} not recorded`, paint: 'grey' as const } },
    { header: 'Order', value: (d) => d.order, drop: 1 },
    { header: 'Since', value: (d) => d.since },
    { header: 'Status', value: (d) => (d.status === 'active' ? 'active' : { text: d.endsOn === null ? d.status : `${d.status}, ends ${d.endsOn}`, paint: 'yellow' as const }) },
  ],
  keys: ['pbx', 'customer', 'partner', 'sku', 'name', 'serial', 'units', 'order', 'since', 'status', 'endsOn'],
  empty: 'No devices run on these PBXs.',
};
