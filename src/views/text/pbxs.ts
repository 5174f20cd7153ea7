import type { HistoryJson, PbxDetailJson, PbxJson } from '../json/pbxs.js';
import type { ServiceJson } from '../json/services.js';
import type { ListingView } from './listing.js';
import { money, moneyOrBlank } from './money.js';
import { type Style, renderTable } from './style.js';

/** What a PBX is doing on the day, in a few words: "renews in 12 d", "ends in 3 d", "ended 2026-01-31". */
export function pbxState(p: PbxJson): string {
  switch (p.status) {
    case 'perpetual':
      return 'perpetual';
    case 'not-yet-active':
      return 'not yet active';
    case 'ended':
      return `ended ${p.endedOn}`;
    case 'active':
      return `renews in ${p.daysLeft} d`;
    case 'ending':
      return `ends in ${p.daysLeft} d`;
  }
}

export const PBXS = (expiringWithin: number | null): ListingView<PbxJson> => ({
  columns: () => [
    { header: 'PBX', value: (p) => p.id },
    { header: 'Name', value: (p) => p.name, shrink: true },
    { header: 'Customer', value: (p) => p.customer },
    { header: 'Type', value: (p) => p.type, drop: 2 },
    { header: 'Licence', value: (p) => p.license },
    { header: 'Activated', value: (p) => p.activated, drop: 3 },
    { header: 'Period start', value: (p) => p.periodStart ?? '', drop: 4 },
    { header: 'Expires', value: (p) => p.expiresOn ?? '' },
    { header: 'State', value: (p) => pbxState(p), shrink: true, drop: 1 },
  ],
  keys: ['id', 'name', 'customer', 'partner', 'type', 'license', 'activated', 'cancelledOn', 'periodStart', 'expiresOn'],
  csv: {
    keys: ['id', 'customer', 'name', 'type', 'license', 'activated', 'cancelled'],
    rows: (rows) => rows.map((p) => ({ id: p.id, customer: p.customer, name: p.name, type: p.type, license: p.activatedLicense, activated: p.activated, cancelled: p.cancelledOn })),
  },
  empty: expiringWithin !== null ? `No PBX expires within ${expiringWithin} days of today.` : 'No PBXs match.',
});

export function pbxDetailText(style: Style, p: PbxDetailJson): string {
  const { chalk } = style;
  const lines = [`${chalk.bold(p.name)} (${p.id}), ${p.type} PBX of ${p.customerName ?? p.customer} (${p.customer})`];
  lines.push(
    `Licence: ${p.license}, activated ${p.activated}${p.license !== p.activatedLicense ? ` (as ${p.activatedLicense})` : ''}${p.cancelledOn !== null ? `, cancelled: ends ${p.cancelledOn}` : ''}`,
  );
  for (const change of p.termChanges) lines.push(`Term: ${change.term} from ${change.from}`);
  const inPeriod = p.expiresOn !== null;
  if (inPeriod) {
    lines.push(`Current period: ${p.periodStart} to ${p.expiresOn} (expiration; ${pbxState(p)})`, `Everything ordered for this PBX now ends with it on ${p.expiresOn}.`);
  } else {
    lines.push(`State: ${pbxState(p)}${p.activatedLicense === 'perpetual' ? ': HWaaS needs a subscription PBX' : ''}`);
  }
  lines.push(...historyText(p.history));
  lines.push('');
  if (p.serviceLines.length === 0) {
    lines.push(inPeriod ? 'No HWaaS services run on this PBX.' : 'No HWaaS services run on it.');
    return lines.join('\n');
  }
  lines.push(
    renderTable(
      style,
      [
        { header: 'Order', value: (l: ServiceJson) => l.order },
        { header: 'SKU', value: (l) => l.sku },
        { header: 'Product', value: (l) => l.name, shrink: true },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        { header: 'Since', value: (l) => l.since, drop: 1 },
        { header: 'Renewal', value: (l) => moneyOrBlank(l.renewal, l.currency), align: 'right' },
        { header: 'MRR', value: (l) => money(l.mrr, l.currency), align: 'right' },
        { header: 'Status', value: (l) => (l.endsOn === null ? l.status : `${l.status}, ends ${l.endsOn}`) },
      ],
      p.serviceLines,
    ),
  );
  if (p.currency !== null && p.serviceLines.some((l) => l.status !== 'ending')) lines.push(`MRR: ${money(p.mrr, p.currency)}`);
  return lines.join('\n');
}

/** Corrections for people: one line each, oldest first (when, who, what changed). */
export function historyText(history: readonly HistoryJson[]): string[] {
  if (history.length === 0) return [];
  const shown = (v: unknown) => (v === null || v === undefined ? '—' : String(v).split('\n').join(', '));
  return [
    'History:',
    ...history.map((h) => {
      const changes = Object.entries(h.changes)
        .map(([k, v]) => (Array.isArray(v) && v.length === 2 ? `${k} ${shown(v[0])} → ${shown(v[1])}` : `${k} ${shown(v)}`))
        .join('; ');
      return `  ${h.at.slice(0, 16).replace('T', ' ')} ${h.by}${h.actedBy ? ` (by ${h.actedBy})` : ''}: ${h.action}${changes ? `: ${changes}` : ''}`;
    }),
  ];
}
