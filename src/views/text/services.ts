import type { CancellationPlanJson, MrrJson, RenewalJson, ReturnJson, RmaJson, ServiceJson, TermChangePlanJson } from '../json/services.js';
import type { ListingView } from './listing.js';
import { money, moneyOrBlank } from './money.js';
import { type Style, renderTable } from './style.js';

export const SERVICES: ListingView<ServiceJson> = {
  columns: () => [
    { header: 'PBX', value: (l) => l.pbx },
    { header: 'Order', value: (l) => l.order, drop: 2 },
    { header: 'SKU', value: (l) => l.sku },
    { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
    { header: 'Since', value: (l) => l.since, drop: 1 },
    { header: 'Renews', value: (l) => l.renewsOn ?? '' },
    { header: 'Renewal', value: (l) => moneyOrBlank(l.renewal, l.currency), align: 'right' },
    { header: 'MRR', value: (l) => money(l.mrr, l.currency), align: 'right' },
    {
      header: 'Status',
      value: (l) =>
        l.status === 'active' ? 'active' : { text: l.endsOn === null ? l.status : `${l.status}, ends ${l.endsOn}`, paint: l.status === 'suspended' ? ('red' as const) : ('yellow' as const) },
    },
  ],
  keys: ['pbx', 'order', 'sku', 'name', 'qty', 'since', 'renewsOn', 'term', 'currency', 'unitPrice', 'renewal', 'mrr', 'status', 'endsOn'],
  empty: 'No services run on these PBXs: they start when an order is checked out.',
};

export const RENEWALS = (within: number): ListingView<RenewalJson> => ({
  columns: () => [
    { header: 'Renews', value: (r) => r.renewsOn },
    { header: 'In', value: (r) => `${r.inDays} d`, align: 'right' },
    { header: 'PBX', value: (r) => r.pbx },
    { header: 'Customer', value: (r) => r.customer },
    { header: 'Term', value: (r) => r.term },
    { header: 'Lines', value: (r) => String(r.lines), align: 'right' },
    { header: 'Total', value: (r) => money(r.total, r.currency), align: 'right' },
  ],
  keys: ['pbx', 'customer', 'partner', 'term', 'renewsOn', 'currency', 'total', 'lines'],
  empty: `No PBX renews within ${within} days of today.`,
});

export const MRR = (by: string): ListingView<MrrJson> => ({
  columns: () => [
    { header: by[0]!.toUpperCase() + by.slice(1), value: (r) => r.key },
    { header: 'Lines', value: (r) => String(r.lines), align: 'right' },
    { header: 'Devices', value: (r) => money(r.devices, r.currency), align: 'right' },
    { header: 'Services', value: (r) => money(r.services, r.currency), align: 'right' },
    { header: 'MRR', value: (r) => money(r.mrr, r.currency), align: 'right' },
  ],
  keys: ['key', 'currency', 'mrr', 'devices', 'services', 'lines'],
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
  keys: ['id', 'pbx', 'partner', 'requestedOn', 'effectiveOn', 'items', 'pickup', 'status', 'receivedAt', 'wholePbx', 'finalChargeTotal', 'currency'],
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
  keys: ['id', 'pbx', 'partner', 'sku', 'qty', 'reason', 'deliverTo', 'status', 'createdAt', 'shippedAt', 'closedAt'],
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
