import { type Standing, standingOf } from './standing.js';
import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import type { Actor, Partner, Role, User } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';

import { checkText } from '../kernel/text.js';

import { checkEmail, checkName } from '../kernel/checks.js';

/** Staff only; `what` says what was attempted ("Listing users"). */
export function requireStaff(actor: Actor, what: string): void {
  if (actor.user.role !== 'staff') throw new RefusedError('NOT_ALLOWED', `${what} is for Wildix staff only; ask your area manager.`);
}

export async function whoami(store: Store, actor: Actor): Promise<{ user: User; partner: Partner | null; standing: Standing | null }> {
  const partner = actor.user.partner ? await store.parties.partner(actor.user.partner) : null;
  return { user: actor.user, partner, standing: partner ? await standingOf(store, partner.id, actor.today) : null };
}

/** Staff see everyone; a partner's user sees its own partner's users. */
export async function listUsers(store: Store, actor: Actor): Promise<User[]> {
  return store.parties.users(actor.scope.kind === 'partner' ? actor.scope.partnerId : null);
}

/** A user that may act: not disabled. `how` says how it was named, for the message. */
export function requireEnabled(user: User, how: string): User {
  if (user.disabledAt) {
    throw new RefusedError(
      'NOT_ALLOWED',
      `${how}: ${user.id} (${user.email}) was disabled on ${user.disabledAt.slice(0, 10)}; Wildix staff can enable it again with \`hwaas users enable ${user.id}\`.`,
    );
  }
  return user;
}

export function checkRole(raw: string, label: string): Role {
  const role = checkText(raw, label).trim().toLowerCase();
  if (role !== 'staff' && role !== 'partner') throw new UsageError(`${label}: "${raw}" is not a role (staff or partner).`);
  return role;
}

export interface NewUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly partner: string | undefined;
}

/** Staff add a user: a partner's (with its partner) or Wildix staff (with none). The e-mail is theirs alone, in any case. */
export async function addUser(store: Store, actor: Actor, input: NewUserInput, labels: Readonly<Record<keyof NewUserInput, string>>): Promise<User> {
  requireStaff(actor, 'Adding users');
  const email = checkEmail(input.email, labels.email)!;
  const name = checkName(input.name, labels.name, 120);
  const role = checkRole(input.role, labels.role);
  if (role === 'partner' && input.partner === undefined) throw new UsageError(`missing ${labels.partner}: a partner's user belongs to a partner (e.g. ${labels.partner} PTR-001).`, 'USAGE');
  if (role === 'staff' && input.partner !== undefined)
    throw new UsageError(`${labels.partner}: Wildix staff belong to no partner; leave it out, or say ${labels.role} partner.`, 'USAGE', { fields: [labels.role] });
  return store.write(async (tx) => {
    let partner: string | null = null;
    if (input.partner !== undefined) {
      const found = await tx.parties.partner(input.partner.trim().toUpperCase());
      if (!found) throw new NotFoundError('partner', input.partner);
      partner = found.id;
    }
    const taken = await tx.parties.user(email);
    if (taken && taken.email.toLowerCase() === email.toLowerCase()) throw new RefusedError('EXISTS', `${email} is already the e-mail of ${taken.id} (${taken.name}).`);
    return tx.parties.addUser({ email, name, role, partner });
  });
}

/**
 * Staff disable a user (it cannot act, and on a shared store its login cannot log in)
 * or enable it again. Its orders and events keep naming it. Never oneself, and never
 * the store's administrator (on a shared store, the owner's own login).
 */
export async function setUserEnabled(store: Store, actor: Actor, id: string, enabled: boolean): Promise<{ user: User; changed: boolean }> {
  requireStaff(actor, enabled ? 'Enabling users' : 'Disabling users');
  return store.write(async (tx) => {
    // By ID (in any case), not by e-mail.
    const wanted = id.trim().toUpperCase();
    const user = await tx.parties.user(wanted);
    if (!user || user.id !== wanted) throw new NotFoundError('user', id);
    if (!enabled && user.id === actor.user.id) throw new RefusedError('NOT_ALLOWED', `${user.id} is you: another staff user must disable you.`);
    if (!enabled && user.id === ADMIN_USER.id) throw new RefusedError('NOT_ALLOWED', `${user.id} is the store's administrator: it cannot be disabled.`);
    const disabled = Boolean(user.disabledAt);
    if (disabled === !enabled) return { user, changed: false };
    await tx.parties.setDisabled(user.id, enabled ? null : actor.at);
    return { user: (await tx.parties.user(user.id))!, changed: true };
  });
}

export const ADMIN_USER: User = { id: 'USR-ADMIN', email: 'admin@hwaas.local', name: 'hwaas administrator', role: 'staff', partner: null };
