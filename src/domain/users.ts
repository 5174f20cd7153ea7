import { RefusedError } from '../errors.js';
import type { Actor, Partner, User } from './model.js';
import type { Store } from './port.js';

/** Staff only; `what` says what was attempted ("Listing users"). */
export function requireStaff(actor: Actor, what: string): void {
  if (actor.user.role !== 'staff') throw new RefusedError('NOT_ALLOWED', `${what} is for Wildix staff only; ask your area manager.`);
}

export async function whoami(store: Store, actor: Actor): Promise<{ user: User; partner: Partner | null }> {
  return { user: actor.user, partner: actor.user.partner ? await store.parties.partner(actor.user.partner) : null };
}

export async function listUsers(store: Store, actor: Actor): Promise<User[]> {
  requireStaff(actor, 'Listing users');
  return store.parties.users();
}
