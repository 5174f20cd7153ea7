import { UsageError } from '../errors.js';
import { type CalendarDate, daysBetween, formatDate } from '../terms/dates.js';
import { pbxStatusOn } from '../terms/period.js';
import type { Pbx } from './model.js';

/** A PBX as `pbx list --json` shows it (CLI.md). */
export interface PbxJson {
  id: string;
  name: string;
  customer: string;
  partner: string;
  type: string;
  license: string;
  activated: string;
  cancelledOn: string | null;
  periodStart: string | null;
  expiresOn: string | null;
  [key: string]: unknown;
}

/** Its current period and expiration on `today`; null where there is none (perpetual, ended, not yet active). */
export function pbxToJson(pbx: Pbx, today: CalendarDate): PbxJson {
  const status = pbxStatusOn(pbx, today);
  return {
    id: pbx.id,
    name: pbx.name,
    customer: pbx.customer,
    partner: pbx.partner,
    type: pbx.type,
    license: pbx.license,
    activated: formatDate(pbx.activated),
    cancelledOn: pbx.cancelledOn === null ? null : formatDate(pbx.cancelledOn),
    periodStart: status.kind === 'active' ? formatDate(status.period.start) : null,
    expiresOn: status.kind === 'active' ? formatDate(status.expiresOn) : null,
  };
}

/** One word for people: what the PBX is doing on `today`. */
export function pbxState(pbx: Pbx, today: CalendarDate): string {
  const status = pbxStatusOn(pbx, today);
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

/** `--expiring-within DAYS`: subscription PBXs whose expiration is at most DAYS days after today. */
export function expiresWithin(pbx: Pbx, today: CalendarDate, days: number): boolean {
  const status = pbxStatusOn(pbx, today);
  return status.kind === 'active' && daysBetween(today, status.expiresOn) <= days;
}

/** `pbx add` input, checked before anything is written. */
export function checkActivation(activated: CalendarDate, today: CalendarDate): void {
  if (activated > today) {
    throw new UsageError(`--activated: ${formatDate(activated)} is after today (${formatDate(today)}); a PBX is registered once it is activated.`);
  }
}

/** Why HWaaS of `term` cannot be ordered on this PBX today, or null when it can. */
export function whyNotOrderable(pbx: Pbx, term: import('../terms/term.js').Term, today: CalendarDate): string | null {
  const status = pbxStatusOn(pbx, today);
  if (status.kind === 'perpetual') return 'perpetual licence: HWaaS needs a subscription PBX';
  if (status.kind === 'ended') return `cancelled: ended ${formatDate(status.endedOn)}`;
  if (status.kind === 'not-yet-active') return `not active until ${formatDate(pbx.activated)}`;
  if (pbx.license !== term) return `${pbx.license} licence: its services must be ${pbx.license} too`;
  return null;
}
