import { RefusedError } from '../../errors.js';
import { type CalendarDate, daysBetween, formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import type { Actor, Invoice, Partner } from '../kernel/model.js';

import type { Repositories } from '../kernel/port.js';

/**
 * docs/terms.md "Overdue invoices": a partner's standing is decided by its oldest unpaid
 * invoice past its due date. 1–4 days: ordering works, with a warning; 5: HWaaS checkout
 * stops; 30: the account is locked for writes; 35: its services are suspended.
 */
export const STAGES = ['current', 'warning', 'ordering-blocked', 'locked', 'suspended'] as const;
export type Stage = (typeof STAGES)[number];

export const BLOCKS_ORDERING = 5;
export const LOCKS_ACCOUNT = 30;
export const SUSPENDS_SERVICES = 35;

/** Days past the due date of an unpaid invoice on `today` (0 when paid or not yet due). */
export function daysOverdue(invoice: Invoice, today: CalendarDate): number {
  return invoice.paidOn === null && invoice.dueOn < today ? daysBetween(invoice.dueOn, today) : 0;
}

export function stageOf(days: number): Stage {
  if (days >= SUSPENDS_SERVICES) return 'suspended';
  if (days >= LOCKS_ACCOUNT) return 'locked';
  if (days >= BLOCKS_ORDERING) return 'ordering-blocked';
  if (days >= 1) return 'warning';
  return 'current';
}

export interface Standing {
  readonly partner: string;
  readonly stage: Stage;
  readonly days: number;
  /** The oldest unpaid invoice past due, which decides the stage. */
  readonly invoice: Invoice | null;
}

/** The standing of one partner on `today`. */
export async function standingOf(tx: Repositories, partner: string, today: CalendarDate): Promise<Standing> {
  const overdue = await tx.invoices.list({ kind: 'staff' }, { partner, unpaidDueBefore: today });
  const oldest = overdue.reduce<Invoice | null>((a, b) => (a === null || b.dueOn < a.dueOn ? b : a), null);
  const days = oldest ? daysOverdue(oldest, today) : 0;
  return { partner, stage: stageOf(days), days, invoice: oldest };
}

/** Every partner's standing that is not current (the others are current). */
export async function standings(tx: Repositories, today: CalendarDate): Promise<Map<string, Standing>> {
  const result = new Map<string, Standing>();
  for (const invoice of await tx.invoices.list({ kind: 'staff' }, { unpaidDueBefore: today })) {
    const known = result.get(invoice.partner);
    if (known?.invoice && known.invoice.dueOn <= invoice.dueOn) continue;
    const days = daysOverdue(invoice, today);
    result.set(invoice.partner, { partner: invoice.partner, stage: stageOf(days), days, invoice });
  }
  return result;
}

export const isLocked = (standing: Standing): boolean => standing.days >= LOCKS_ACCOUNT;

/** The sentence of ACCOUNT_LOCKED for a partner whose oldest overdue invoice is 30 or more days late. */
export function lockedError(partner: Partner | null, standing: Standing): RefusedError {
  const inv = standing.invoice!;
  return new RefusedError(
    'ACCOUNT_LOCKED',
    `the account of ${partner?.name ?? standing.partner} (${standing.partner}) is locked: invoice ${inv.number}, due ${formatDate(inv.dueOn)}, is ${standing.days} days overdue; nothing can be changed until it is paid, and Wildix staff can still act for you`,
    { hint: { kind: 'overdue-invoices' } },
  );
}

/** A partner's user whose account is locked writes nothing; staff always may. */
export async function requireOpenAccount(tx: Repositories, actor: Actor): Promise<void> {
  if (actor.scope.kind !== 'partner') return;
  const standing = await standingOf(tx, actor.scope.partnerId, actor.today);
  if (isLocked(standing)) throw lockedError(await tx.parties.partner(actor.scope.partnerId), standing);
}

/** The checkout warning of days 1–4. */
export const overdueWarning = (standing: Standing): string =>
  `OVERDUE_WARNING: ${standing.invoice!.number} is ${standing.days} day${standing.days === 1 ? '' : 's'} overdue; ordering stops on day ${BLOCKS_ORDERING}`;

/** What a stage means for the partner, and why: said by `whoami` (null when current). */
export function standingSentence(standing: Standing): string | null {
  if (standing.stage === 'current' || !standing.invoice) return null;
  const inv = standing.invoice;
  const why = `invoice ${inv.number} (${formatMoney(inv.amount, inv.currency)}, due ${formatDate(inv.dueOn)}) is ${standing.days} day${standing.days === 1 ? '' : 's'} overdue`;
  switch (standing.stage) {
    case 'warning':
      return `warned: ${why}; checkout still works, with a warning, and stops on day ${BLOCKS_ORDERING}.`;
    case 'ordering-blocked':
      return `ordering blocked: ${why}; HWaaS checkout is refused until it is paid (drafts still save), and the account locks on day ${LOCKS_ACCOUNT}.`;
    case 'locked':
      return `locked: ${why}; nothing can be changed until it is paid (Wildix staff can still act), and services are suspended on day ${SUSPENDS_SERVICES}.`;
    case 'suspended':
      return `suspended: ${why}; the account is locked and its services are suspended until it is paid (Wildix staff can still act).`;
  }
}
