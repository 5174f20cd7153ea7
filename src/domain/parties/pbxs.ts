import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import { type CalendarDate, daysBetween, formatDate } from '../../terms/dates.js';
import { type PbxStatus, pbxStatusOn, termOn } from '../../terms/period.js';
import type { License, Term } from '../../terms/term.js';
import { requireCustomer } from './customers.js';
import type { Actor, Customer, Pbx, PbxType } from '../kernel/model.js';

import type { Store } from '../kernel/port.js';
import { beforeAfter, correction } from './corrections.js';

/** A PBX with what it is doing on a day: computed once per PBX, read by every view. */
export interface PbxOnDay {
  readonly pbx: Pbx;
  readonly status: PbxStatus;
}

export const pbxOnDay = (pbx: Pbx, day: CalendarDate): PbxOnDay => ({ pbx, status: pbxStatusOn(pbx, day) });

/** The current period's start and the expiration, where there is one (not perpetual, ended or not yet active). */
export function currentPeriod(row: PbxOnDay): { start: CalendarDate; expiresOn: CalendarDate } | null {
  return row.status.kind === 'active' ? { start: row.status.period.start, expiresOn: row.status.expiresOn } : null;
}

/** One phrase for people: what the PBX is doing on `today`. */
export function pbxState(row: PbxOnDay, today: CalendarDate): string {
  const { status } = row;
  switch (status.kind) {
    case 'perpetual':
      return 'perpetual';
    case 'not-yet-active':
      return 'not yet active';
    case 'ended':
      return `ended ${formatDate(status.endedOn)}`;
    case 'active': {
      const left = daysBetween(today, status.expiresOn);
      return status.renews ? `renews in ${left} d` : `ends in ${left} d`;
    }
  }
}

/** Why HWaaS of `term` cannot be ordered on this PBX today, or null when it can. */
export function whyNotOrderable(pbx: Pbx, term: Term, today: CalendarDate): string | null {
  const status = pbxStatusOn(pbx, today);
  if (status.kind === 'perpetual') return 'perpetual licence: HWaaS needs a subscription PBX';
  if (status.kind === 'ended') return `cancelled: ended ${formatDate(status.endedOn)}`;
  if (status.kind === 'not-yet-active') return `not active until ${formatDate(pbx.activated)}`;
  if (!status.renews) return `cancelled: ends ${formatDate(status.expiresOn)}, nothing new is ordered for it`;
  const licensed = termOn(pbx, today);
  if (licensed !== term) return `${licensed} licence: its services must be ${licensed} too`;
  return null;
}

export interface PbxListing {
  readonly customer?: string;
  readonly license?: License | null;
  /** Only subscription PBXs that expire within this many days: the renewal calendar, soonest first. */
  readonly expiringWithin?: number;
}

export async function listPbxs(store: Store, actor: Actor, filter: PbxListing): Promise<PbxOnDay[]> {
  if (filter.customer !== undefined) await requireCustomer(store, actor, filter.customer);
  let rows = (await store.pbxs.list(actor.scope, { customer: filter.customer, license: filter.license })).map((pbx) => pbxOnDay(pbx, actor.today));
  const within = filter.expiringWithin;
  if (within !== undefined) {
    rows = rows.filter((r) => r.status.kind === 'active' && daysBetween(actor.today, r.status.expiresOn) <= within);
    const expires = (r: PbxOnDay) => currentPeriod(r)?.expiresOn ?? 0;
    rows.sort((a, b) => expires(a) - expires(b) || a.pbx.id.localeCompare(b.pbx.id));
  }
  return rows;
}

export interface PbxView extends PbxOnDay {
  readonly customer: Customer | null;
}

export async function requirePbx(store: Store, actor: Actor, id: string): Promise<Pbx> {
  const pbx = await store.pbxs.get(actor.scope, id);
  if (!pbx) throw new NotFoundError('PBX', id);
  return pbx;
}

export async function showPbx(store: Store, actor: Actor, id: string): Promise<PbxView> {
  const pbx = await requirePbx(store, actor, id);
  return { ...pbxOnDay(pbx, actor.today), customer: await store.customers.get(actor.scope, pbx.customer) };
}

/** A PBX is registered once it is activated: not after today. `label` names the input. */
export function checkActivation(activated: CalendarDate, today: CalendarDate, label: string): void {
  if (activated > today) {
    throw new UsageError(`${label}: ${formatDate(activated)} is after today (${formatDate(today)}); a PBX is registered once it is activated.`);
  }
}

export interface NewPbxInput {
  readonly customer: string;
  readonly name: string;
  readonly type: PbxType;
  readonly license: License;
  readonly activated: CalendarDate;
}

export async function addPbx(store: Store, actor: Actor, input: NewPbxInput): Promise<PbxOnDay> {
  const customer = await requireCustomer(store, actor, input.customer);
  const id = await store.write((tx) => tx.pbxs.add({ customer: customer.id, name: input.name, type: input.type, license: input.license, activated: input.activated }));
  return pbxOnDay((await store.pbxs.get(actor.scope, id))!, actor.today);
}

export type PbxChanges = Partial<Pick<Pbx, 'name' | 'type' | 'license' | 'activated'>>;

/**
 * Corrects a PBX: its name and type at any time; its licence and activation only while
 * nothing was ordered on it (and it has no change of term): every price, period and
 * renewal of what runs on it hangs on them. The change is an event with who and when.
 */
export async function editPbx(store: Store, actor: Actor, id: string, changes: PbxChanges): Promise<{ before: Pbx; after: Pbx; changed: string[] }> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(id);
    const before = await tx.pbxs.get(actor.scope, id);
    if (!before) throw new NotFoundError('PBX', id);
    const after: Pbx = { ...before, ...changes };
    const changed = (Object.keys(changes) as (keyof PbxChanges)[]).filter((k) => before[k] !== after[k]);
    const terms = changed.filter((k) => k === 'license' || k === 'activated');
    if (terms.length > 0) {
      const what = terms.map((k) => (k === 'license' ? 'licence' : 'activation date')).join(' and ');
      if ((await tx.pbxs.withOrders([before.id])).has(before.id)) {
        throw new RefusedError('INVALID_STATE', `${before.id} has orders: its ${what} cannot change (the prices, periods and renewals of what runs on it depend on them).`, {
          hint: { kind: 'services-of-pbx', pbx: before.id },
        });
      }
      if (before.termChanges.length > 0) throw new RefusedError('INVALID_STATE', `${before.id} changed its term: its ${what} cannot change.`);
      if (changes.activated !== undefined) checkActivation(changes.activated, actor.today, 'activated');
      if (after.cancelledOn !== null && after.cancelledOn <= after.activated) {
        throw new UsageError(`activated: ${formatDate(after.activated)} is not before the PBX's end (${formatDate(after.cancelledOn)}).`, 'INVALID_INPUT', { field: 'activated' });
      }
    }
    if (changed.length > 0) {
      await tx.pbxs.update(before.id, { customer: before.customer, name: after.name, type: after.type, license: after.license, activated: after.activated, cancelledOn: before.cancelledOn });
      const shown = (p: Pbx, k: keyof PbxChanges) => (k === 'activated' ? formatDate(p.activated) : p[k]);
      await tx.parties.addEvent(correction(actor, before.partner, before.id, 'edited', beforeAfter(before, after, changed, shown)));
    }
    return { before, after: (await tx.pbxs.get(actor.scope, id))!, changed };
  });
}
