import { NotFoundError } from '../../errors.js';
import { monthlyRecurring } from '../../terms/cancellation.js';
import { type CalendarDate, daysBetween } from '../../terms/dates.js';
import { type TermSegment, pbxStatusOn, segmentOn } from '../../terms/period.js';
import type { Term } from '../../terms/term.js';
import type { Actor, Partner, Pbx, Scope, ServiceRecord } from '../kernel/model.js';
import type { Repositories, ServiceFilter, Store } from '../kernel/port.js';
import { storeBooks } from '../catalog/pricebooks.js';
import { standings } from '../parties/standing.js';
import { partnerFor } from '../parties/customers.js';
import { type ResalePricer, resalePricer } from '../catalog/resale.js';

/**
 * After checkout: every line of a placed order is a service on its PBX that renews with
 * it until it is cancelled (docs/terms.md "Service lines and MRR", "Cancellation and the
 * six-month minimum", "A change of term").
 */

export type ServiceStatus = 'active' | 'ending' | 'suspended';

/** A service line on a day: all of an order line's running units, or the part of them that stops on one date. */
export interface ServiceLine {
  readonly record: ServiceRecord;
  readonly qty: number;
  /** The term and unit price per term in force on the day (after a change of term, the new term's). */
  readonly term: Term;
  readonly unitPrice: bigint | null;
  /** The next renewal's date and amount; null for units that stop. */
  readonly renewsOn: CalendarDate | null;
  readonly renewal: bigint | null;
  /** Recurring revenue: 0 for units that stop (they do not recur). */
  readonly mrr: bigint;
  readonly ending: boolean;
  readonly endsOn: CalendarDate | null;
  readonly status: ServiceStatus;
  /** The customer's side: the resale unit price per term in force on the day (fixed at checkout or import for the line's own term), what it renews for and its monthly recurring revenue. */
  readonly resaleUnitPrice: bigint | null;
  readonly resaleRenewal: bigint | null;
  readonly resaleMrr: bigint;
}

/**
 * A line's unit prices in a term segment, both sides: in the line's own segment the prices
 * fixed at checkout (or import); in a later one (after a change of term) the book's for that
 * segment's term on its start, and the partner's resale rules applied to it.
 */
function pricer(tx: Repositories) {
  const books = storeBooks(tx);
  const partners = new Map<string, Promise<Partner | null>>();
  const partner = (id: string) => {
    if (!partners.has(id)) partners.set(id, tx.parties.partner(id));
    return partners.get(id)!;
  };
  const rules = new Map<string, Promise<ResalePricer>>();
  const resale = (id: string) => {
    if (!rules.has(id)) rules.set(id, tx.resale.list(id).then(resalePricer));
    return rules.get(id)!;
  };
  const price = async (record: ServiceRecord, pbx: Pbx, segment: TermSegment): Promise<bigint | null> => {
    if (segmentOn(pbx, record.since)?.from === segment.from) return record.unitPrice;
    const tier = (await partner(record.partner))?.tier;
    if (!tier) return null;
    const book = await books.inForce(tier, record.currency, segment.from);
    return book?.line(record.sku)?.prices[segment.term] ?? null;
  };
  const sell = async (record: ServiceRecord, pbx: Pbx, segment: TermSegment, buy: bigint | null): Promise<bigint | null> => {
    if (segmentOn(pbx, record.since)?.from === segment.from && record.resaleUnitPrice !== null) return record.resaleUnitPrice;
    if (buy === null) return null;
    return (await resale(record.partner)).unitPrice(record.sku, record.category, segment.term, record.currency, buy);
  };
  return { price, sell };
}

export interface ServiceBook {
  readonly lines: readonly ServiceLine[];
  readonly pbxs: ReadonlyMap<string, Pbx>;
  price(record: ServiceRecord, pbx: Pbx, segment: TermSegment): Promise<bigint | null>;
}

/** The service lines in scope on `today`: units that stopped are gone, units that will stop are `ending`. */
export async function serviceLines(tx: Repositories, scope: Scope, today: CalendarDate, filter: ServiceFilter = {}): Promise<ServiceBook> {
  const records = await tx.services.lines(scope, filter);
  const pbxs = new Map((await tx.pbxs.getMany(scope, [...new Set(records.map((r) => r.pbx))])).map((p) => [p.id, p]));
  const suspended = new Set([...(await standings(tx, today)).values()].filter((s) => s.stage === 'suspended').map((s) => s.partner));
  const { price, sell } = pricer(tx);
  const lines: ServiceLine[] = [];
  for (const record of records) {
    const pbx = pbxs.get(record.pbx);
    if (!pbx || record.since > today) continue;
    const status = pbxStatusOn(pbx, today);
    if (status.kind !== 'active') continue;
    const segment = segmentOn(pbx, today)!;
    const unitPrice = await price(record, pbx, segment);
    const resaleUnitPrice = await sell(record, pbx, segment, unitPrice);
    const flag = (ending: boolean): ServiceStatus => (suspended.has(record.partner) ? 'suspended' : ending ? 'ending' : 'active');
    const stopping = new Map<CalendarDate, number>();
    let remaining = record.qty;
    for (const batch of record.cancelled) {
      remaining -= batch.qty;
      if (batch.effectiveOn > today) stopping.set(batch.effectiveOn, (stopping.get(batch.effectiveOn) ?? 0) + batch.qty);
    }
    if (remaining > 0 && !status.renews) stopping.set(status.expiresOn, (stopping.get(status.expiresOn) ?? 0) + remaining);
    else if (remaining > 0) {
      const next = segmentOn(pbx, status.expiresOn)!;
      const renewal = await price(record, pbx, next);
      const resaleRenewal = await sell(record, pbx, next, renewal);
      lines.push({
        record,
        qty: remaining,
        term: segment.term,
        unitPrice,
        renewsOn: status.expiresOn,
        renewal: renewal === null ? null : renewal * BigInt(remaining),
        mrr: unitPrice === null ? 0n : monthlyRecurring(unitPrice, remaining, segment.term),
        ending: false,
        endsOn: null,
        status: flag(false),
        resaleUnitPrice,
        resaleRenewal: resaleRenewal === null ? null : resaleRenewal * BigInt(remaining),
        resaleMrr: resaleUnitPrice === null ? 0n : monthlyRecurring(resaleUnitPrice, remaining, segment.term),
      });
    }
    for (const [endsOn, qty] of [...stopping].sort((a, b) => a[0] - b[0])) {
      lines.push({ record, qty, term: segment.term, unitPrice, renewsOn: null, renewal: null, mrr: 0n, ending: true, endsOn, status: flag(true), resaleUnitPrice, resaleRenewal: null, resaleMrr: 0n });
    }
  }
  return { lines, pbxs, price };
}

export async function listServices(store: Store, actor: Actor, filter: { pbx?: string | null; customer?: string | null; partner?: string | null }): Promise<ServiceBook> {
  if (filter.partner) await partnerFor(store, actor, filter.partner);
  if (filter.pbx && !(await store.pbxs.get(actor.scope, filter.pbx))) throw new NotFoundError('PBX', filter.pbx);
  if (filter.customer && !(await store.customers.get(actor.scope, filter.customer))) throw new NotFoundError('customer', filter.customer);
  return serviceLines(store, actor.scope, actor.today, filter);
}

export const MRR_GROUPS = ['partner', 'customer', 'pbx', 'category'] as const;
export type MrrGroup = (typeof MRR_GROUPS)[number];

export interface MrrRow {
  readonly key: string;
  readonly currency: string;
  readonly mrr: bigint;
  /** Of which HWaaS devices (stocked) and services such as CLASSOUND. */
  readonly devices: bigint;
  readonly services: bigint;
  readonly lines: number;
  /** What the customers pay for the same lines, a month. */
  readonly resaleMrr: bigint;
}

/** The sums of the lines' MRR by partner, customer, PBX or category, and currency. */
export function mrrBy(lines: readonly ServiceLine[], by: MrrGroup): MrrRow[] {
  const rows = new Map<string, { key: string; currency: string; mrr: bigint; devices: bigint; services: bigint; lines: number; resaleMrr: bigint }>();
  for (const line of lines) {
    if (line.ending) continue;
    const r = line.record;
    const key = by === 'partner' ? r.partner : by === 'customer' ? r.customer : by === 'pbx' ? r.pbx : r.category;
    const id = `${key}\u0000${r.currency}`;
    const row = rows.get(id) ?? { key, currency: r.currency, mrr: 0n, devices: 0n, services: 0n, lines: 0, resaleMrr: 0n };
    row.mrr += line.mrr;
    row.resaleMrr += line.resaleMrr;
    if (r.stocked) row.devices += line.mrr;
    else row.services += line.mrr;
    row.lines += 1;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency));
}

export interface RenewalRow {
  readonly pbx: string;
  readonly customer: string;
  readonly partner: string;
  readonly term: Term;
  readonly renewsOn: CalendarDate;
  readonly currency: string;
  readonly total: bigint;
  readonly lines: number;
  /** What the customers pay at the renewal for the same lines. */
  readonly resaleTotal: bigint;
}

/** Every PBX in scope that renews within `within` days, with what its continuing lines renew for. */
export async function renewals(store: Store, actor: Actor, within: number, partner: string | null = null): Promise<RenewalRow[]> {
  if (partner) await partnerFor(store, actor, partner);
  const { lines } = await serviceLines(store, actor.scope, actor.today, { partner });
  const partners = new Map((await store.parties.partners()).map((p) => [p.id, p]));
  const rows: RenewalRow[] = [];
  const byPbx = new Map<string, ServiceLine[]>();
  for (const line of lines) if (!line.ending) byPbx.set(line.record.pbx, [...(byPbx.get(line.record.pbx) ?? []), line]);
  for (const pbx of await store.pbxs.list(actor.scope)) {
    if (partner && pbx.partner !== partner) continue;
    const status = pbxStatusOn(pbx, actor.today);
    if (status.kind !== 'active' || !status.renews || daysBetween(actor.today, status.expiresOn) > within) continue;
    const continuing = byPbx.get(pbx.id) ?? [];
    rows.push({
      pbx: pbx.id,
      customer: pbx.customer,
      partner: pbx.partner,
      term: segmentOn(pbx, status.expiresOn)!.term,
      renewsOn: status.expiresOn,
      currency: continuing[0]?.record.currency ?? partners.get(pbx.partner)?.currency ?? 'EUR',
      total: continuing.reduce((sum, l) => sum + (l.renewal ?? 0n), 0n),
      lines: continuing.length,
      resaleTotal: continuing.reduce((sum, l) => sum + (l.resaleRenewal ?? 0n), 0n),
    });
  }
  return rows.sort((a, b) => a.renewsOn - b.renewsOn || a.pbx.localeCompare(b.pbx));
}
