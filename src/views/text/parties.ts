import type { AgreementJson, CustomerJson, InvoiceJson, PartnerJson, ProfileJson, StandingJson, TokenJson, UserRowJson, WhoamiJson } from '../json/parties.js';
import type { CustomerDetailJson } from '../json/pbxs.js';
import { historyText } from './pbxs.js';
import type { StockJson } from '../json/catalog.js';
import type { ListingView } from './listing.js';
import { money } from './money.js';
import { pbxState } from './pbxs.js';
import { type Style, renderTable } from './style.js';

export const PARTNERS: ListingView<PartnerJson> = {
  columns: () => [
    { header: 'ID', value: (p) => p.id },
    { header: 'Name', value: (p) => p.name, shrink: true },
    { header: 'Country', value: (p) => p.country, drop: 1 },
    { header: 'Currency', value: (p) => p.currency },
    { header: 'Tier', value: (p) => p.tier },
    { header: 'Area manager', value: (p) => `${p.areaManagerName} <${p.areaManagerEmail}>`, shrink: true },
  ],
  keys: ['id', 'name', 'country', 'currency', 'tier', 'areaManagerName', 'areaManagerEmail'],
  empty: 'No partners yet: staff add one with `hwaas partners add`.',
};

export function partnerText(style: Style, p: PartnerJson): string {
  return [`${style.chalk.bold(p.name)} (${p.id})`, `Country: ${p.country}`, `Currency: ${p.currency}`, `Tier: ${p.tier}`, `Area manager: ${p.areaManagerName} <${p.areaManagerEmail}>`].join('\n');
}

/** The fields of a partner as the command line names them, for "what changed". */
const PARTNER_WORDS: readonly [keyof PartnerJson, string][] = [
  ['name', 'name'],
  ['country', 'country'],
  ['currency', 'currency'],
  ['tier', 'tier'],
  ['areaManagerName', 'area-manager-name'],
  ['areaManagerEmail', 'area-manager-email'],
];
export function partnerEditText(before: PartnerJson, after: PartnerJson): string {
  const changes = PARTNER_WORDS.filter(([key]) => before[key] !== after[key]).map(([key, word]) => `${word} ${before[key]} → ${after[key]}`);
  return changes.length ? `${after.id} (${after.name}): ${changes.join('; ')}.` : `${after.id} (${after.name}): nothing changed; it already was so.`;
}

export const USERS: ListingView<UserRowJson> = {
  columns: (_viewer, users) => [
    { header: 'ID', value: (u) => u.id },
    { header: 'E-mail', value: (u) => u.email, shrink: true },
    { header: 'Name', value: (u) => u.name, shrink: true },
    { header: 'Role', value: (u) => u.role },
    { header: 'Partner', value: (u) => u.partner ?? '' },
    { header: 'State', value: (u) => (u.disabledAt ? { text: `disabled ${u.disabledAt.slice(0, 10)}`, paint: 'yellow' } : 'active') },
    ...(users.some((u) => u.dbRole) ? [{ header: 'Database login', value: (u: UserRowJson) => u.dbRole ?? '' }] : []),
  ],
  keys: ['id', 'email', 'name', 'role', 'partner', 'disabled', 'dbRole'],
  empty: 'No users.',
};

/** What a partner's standing means, in a sentence: why, and what it stops. */
export function standingText(style: Style, standing: StandingJson | null): string | null {
  if (!standing?.said) return null;
  return `${style.chalk[standing.stage === 'warning' ? 'yellow' : 'red']('Standing:')} ${standing.said}`;
}

export function whoamiText(style: Style, who: WhoamiJson): string {
  const lines = [`${style.chalk.bold(who.name)} <${who.email}> (${who.id})`, `Role: ${who.role === 'staff' ? 'Wildix staff: sees every partner' : 'partner user'}`];
  const partner = who.partnerDetails;
  if (partner) {
    lines.push(`Partner: ${partner.name} (${partner.id}), ${partner.country}, prices in ${partner.currency}`, `Area manager: ${partner.areaManagerName} <${partner.areaManagerEmail}>`);
    const standing = standingText(style, who.standing);
    if (standing) lines.push(standing);
  }
  return lines.join('\n');
}

export const CUSTOMERS: ListingView<CustomerJson> = {
  columns: (viewer) => [
    { header: 'ID', value: (c) => c.id },
    { header: 'Name', value: (c) => c.name, shrink: true },
    ...(viewer === 'staff' ? [{ header: 'Partner', value: (c: CustomerJson) => c.partner }] : []),
    { header: 'Country', value: (c) => c.country ?? '', drop: 1 },
    { header: 'VAT', value: (c) => c.vat ?? '', drop: 2 },
    { header: 'E-mail', value: (c) => c.email ?? '', shrink: true, drop: 3 },
  ],
  keys: ['id', 'name', 'partner', 'country', 'vat', 'email', 'address', 'contact'],
  csv: {
    keys: ['id', 'name', 'country', 'vat', 'email', 'partner', 'address', 'contact'],
    rows: (rows) => rows.map((c) => ({ id: c.id, name: c.name, country: c.country, vat: c.vat, email: c.email, partner: c.partner, address: c.address, contact: c.contact })),
  },
  empty: 'No customers yet: add one with `hwaas customers add --name NAME`.',
};

export function customerText(style: Style, c: CustomerDetailJson): string {
  const { chalk } = style;
  const lines = [`${chalk.bold(c.name)} (${c.id})`, `Partner: ${c.partnerName ?? c.partner} (${c.partner})`];
  if (c.country) lines.push(`Country: ${c.country}`);
  if (c.vat) lines.push(`VAT: ${c.vat}`);
  if (c.email) lines.push(`E-mail: ${c.email}`);
  if (c.address) lines.push(`Address: ${c.address.split('\n').join(', ')}`);
  if (c.contact) lines.push(`Contact: ${c.contact}`);
  lines.push(...historyText(c.history));
  const last = c.agreements[c.agreements.length - 1];
  lines.push(
    last
      ? `HWaaS agreement: signed on ${last.signedOn} (${last.id})`
      : `HWaaS agreement: ${chalk.yellow('none on file')}; register the signed copy with \`hwaas agreements add --customer ${c.id} --signed-on YYYY-MM-DD\`.`,
    '',
  );
  if (c.pbxs.length === 0) {
    lines.push(`No PBXs: add one with \`hwaas pbx add --customer ${c.id} …\`.`);
    return lines.join('\n');
  }
  lines.push(
    renderTable(
      style,
      [
        { header: 'PBX', value: (p) => p.id },
        { header: 'Name', value: (p) => p.name },
        { header: 'Licence', value: (p) => p.activatedLicense },
        { header: 'Expires', value: (p) => p.expiresOn ?? '' },
        { header: 'State', value: (p) => pbxState(p) },
      ],
      c.pbxs,
    ),
  );
  return lines.join('\n');
}

export const AGREEMENTS: ListingView<AgreementJson> = {
  columns: () => [
    { header: 'ID', value: (a) => a.id },
    { header: 'Customer', value: (a) => a.customer },
    { header: 'Signed on', value: (a) => a.signedOn },
    { header: 'File', value: (a) => a.file ?? '' },
  ],
  keys: ['id', 'customer', 'signedOn', 'file'],
  // One row per customer, its latest agreement: the import's key is the customer.
  csv: { keys: ['customer', 'signed', 'file'], rows: (rows) => [...new Map(rows.map((a) => [a.customer, a])).values()].map((a) => ({ customer: a.customer, signed: a.signedOn, file: a.file })) },
  empty: 'No signed HWaaS agreements on file: register one with `hwaas agreements add --customer ID --signed-on YYYY-MM-DD`.',
};

export const INVOICES: ListingView<InvoiceJson> = {
  columns: () => [
    { header: 'Invoice', value: (i) => i.number },
    { header: 'Partner', value: (i) => i.partner },
    { header: 'Amount', value: (i) => money(i.amount, i.currency), align: 'right' },
    { header: 'Issued', value: (i) => i.issuedOn, drop: 1 },
    { header: 'Due', value: (i) => i.dueOn },
    { header: 'Paid', value: (i) => (i.paidOn === null ? (i.daysOverdue > 0 ? { text: `OVERDUE ${i.daysOverdue} d`, paint: 'red' as const } : 'open') : i.paidOn) },
    { header: 'Stage', value: (i) => i.stage },
  ],
  keys: ['number', 'partner', 'amount', 'currency', 'issuedOn', 'dueOn', 'paidOn', 'overdue', 'daysOverdue', 'stage'],
  csv: {
    keys: ['number', 'partner', 'amount', 'currency', 'issued', 'due', 'paid'],
    rows: (rows) => rows.map((i) => ({ number: i.number, partner: i.partner, amount: i.amount, currency: i.currency, issued: i.issuedOn, due: i.dueOn, paid: i.paidOn })),
  },
  empty: 'No invoices.',
};

export const STOCK: ListingView<StockJson> = {
  columns: () => [
    { header: 'SKU', value: (s) => s.sku },
    { header: 'Product', value: (s) => s.name, shrink: true },
    { header: 'On hand', value: (s) => String(s.onHand), align: 'right' },
    { header: 'Reserved', value: (s) => String(s.reserved), align: 'right' },
    { header: 'Available', value: (s) => (s.available < 0 ? { text: `${s.available} (backorder)`, paint: 'yellow' as const } : String(s.available)), align: 'right' },
  ],
  keys: ['sku', 'name', 'onHand', 'reserved', 'available'],
  csv: { keys: ['sku', 'on_hand'], rows: (rows) => rows.map((l) => ({ sku: l.sku, on_hand: l.onHand })) },
  empty: 'No stocked products: run `hwaas init`.',
};

export const TOKENS: ListingView<TokenJson> = {
  columns: () => [
    { header: 'Token', value: (t) => t.id },
    { header: 'User', value: (t) => t.user },
    { header: 'Name', value: (t) => t.name, shrink: true },
    { header: 'Created', value: (t) => t.createdAt.slice(0, 10), drop: 2 },
    { header: 'Expires', value: (t) => (t.expiresAt ? t.expiresAt.slice(0, 10) : 'never') },
    { header: 'Last used', value: (t) => (t.lastUsedAt ? t.lastUsedAt.slice(0, 10) : ''), drop: 1 },
    { header: 'Status', value: (t) => (t.status === 'active' ? 'active' : { text: t.status, paint: 'yellow' as const }) },
  ],
  keys: ['id', 'user', 'name', 'createdAt', 'createdBy', 'expiresAt', 'revokedAt', 'lastUsedAt', 'status'],
  empty: 'No tokens: staff issue one with `hwaas users token create USER`.',
};

/** A partner's profile for people: each field, the logo's type and size, and what documents would lack. */
export function profileText(p: ProfileJson): string {
  const rows: [string, string][] = [
    ['Legal name', p.legalName ?? '—'],
    ['Address', p.address ? p.address.split('\n').join(', ') : '—'],
    ['VAT', p.vat ?? '—'],
    ['E-mail', p.email ?? '—'],
    ['Phone', p.phone ?? '—'],
    ['Logo', p.logo ? `${p.logo.mediaType === 'image/png' ? 'PNG' : 'JPEG'}, ${p.logo.bytes.toLocaleString('en')} bytes` : '—'],
    ['Payment terms', p.paymentTerms ?? '—'],
    ['Footer', p.footer ?? '—'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const missing = p.missing.map((f) => f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  return [
    `Profile of ${p.partner}:`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    missing.length === 0 ? 'Quotes and order confirmations carry all of it.' : `Customers' documents lack: ${missing.join(', ')} (\`hwaas partners profile set --${missing[0]} …\`).`,
  ].join('\n');
}

/** After `customers edit`: what changed, before → after. */
export function customerEditText(r: { before: CustomerJson; after: CustomerJson; changed: string[] }): string {
  if (r.changed.length === 0) return `Nothing changed: ${r.after.id} already had these values.`;
  const shown = (v: string | null) => (v === null ? '—' : v.split('\n').join(', '));
  return [
    `${r.after.id} corrected:`,
    ...r.changed.map((k) => `  ${k}: ${shown(r.before[k as keyof CustomerJson] as string | null)} → ${shown(r.after[k as keyof CustomerJson] as string | null)}`),
  ].join('\n');
}
