import type { License, Term } from '../../terms/term.js';
import type { Correction, PbxType } from '../../domain/kernel/model.js';
import { type PbxOnDay, currentPeriod } from '../../domain/parties/pbxs.js';
import { daysBetween, formatDate } from '../../terms/dates.js';
import type { CalendarDate } from '../../terms/dates.js';
import { type DateText, type Timestamp, date } from './common.js';
import type { AgreementJson, CustomerJson } from './parties.js';
import type { ServiceJson } from './services.js';

/** What a PBX is doing on the day it was looked at. */
export type PbxStatusText = 'active' | 'ending' | 'ended' | 'perpetual' | 'not-yet-active';

export interface PbxJson {
  id: string;
  name: string;
  customer: string;
  partner: string;
  type: PbxType;
  /** The licence in force on the day (after a change of term, the new one). */
  license: License;
  activated: DateText;
  cancelledOn: DateText | null;
  periodStart: DateText | null;
  expiresOn: DateText | null;
  /** What it is doing on the day: active (renews), ending (cancelled: ends on expiresOn), ended, perpetual, not yet active. */
  status: PbxStatusText;
  /** Days until it renews or ends; null when it neither does. */
  daysLeft: number | null;
  /** When it ended (status ended). */
  endedOn: DateText | null;
  /** The licence it was activated with (what an import of PBXs reads back). */
  activatedLicense: License;
}

/** A PBX as `pbx list --json` shows it, with its current period and expiration on the day it was looked at. */
export function pbxJson(row: PbxOnDay, today: CalendarDate): PbxJson {
  const { pbx, status } = row;
  const period = currentPeriod(row);
  return {
    id: pbx.id,
    name: pbx.name,
    customer: pbx.customer,
    partner: pbx.partner,
    type: pbx.type,
    license: status.kind === 'active' ? status.period.term : pbx.license,
    activated: formatDate(pbx.activated),
    cancelledOn: date(pbx.cancelledOn),
    periodStart: period ? formatDate(period.start) : null,
    expiresOn: period ? formatDate(period.expiresOn) : null,
    status: status.kind === 'active' ? (status.renews ? 'active' : 'ending') : status.kind,
    daysLeft: status.kind === 'active' ? daysBetween(today, status.expiresOn) : null,
    endedOn: status.kind === 'ended' ? formatDate(status.endedOn) : null,
    activatedLicense: pbx.license,
  };
}
export const PBX_KEYS = ['id', 'name', 'customer', 'partner', 'type', 'license', 'activated', 'cancelledOn', 'periodStart', 'expiresOn', 'status', 'daysLeft', 'endedOn', 'activatedLicense'] as const;

/** `pbx show`: the PBX, its changes of term, the services on it and their MRR. */
export interface PbxDetailJson extends PbxJson {
  customerName: string | null;
  termChanges: { from: DateText; term: Term }[];
  /** The 0.1 shape: one row per order line, with its order's status. */
  services: { order: string; status: string; sku: string; name: string; qty: number; start: DateText; endsOn: DateText | null }[];
  serviceLines: ServiceJson[];
  mrr: string;
  currency: string | null;
  /** Corrections of the PBX (pbx edit, a change of term undone), oldest first, with who and when. */
  history: HistoryJson[];
}

/** A correction: when, by whom (and the staff user who acted as them), what, and each field's value before and after. */
export interface HistoryJson {
  at: Timestamp;
  by: string;
  actedBy: string | null;
  action: string;
  changes: Record<string, unknown>;
}
export const historyJson = (e: Correction): HistoryJson => {
  let changes: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(e.detail);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) changes = parsed as Record<string, unknown>;
  } catch {
    changes = { detail: e.detail };
  }
  return { at: e.at, by: e.by, actedBy: e.actedBy, action: e.action, changes };
};

/** `customers show`: a customer with its PBXs and agreements. */
export interface CustomerDetailJson extends CustomerJson {
  partnerName: string | null;
  pbxs: PbxJson[];
  agreements: AgreementJson[];
  /** Corrections of the customer (customers edit), oldest first, with who and when. */
  history: HistoryJson[];
}
