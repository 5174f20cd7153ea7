import { NotFoundError, UsageError } from '../../errors.js';
import type { Actor, PartnerProfile, ProfileField } from '../kernel/model.js';
import type { Repositories, Store } from '../kernel/port.js';
import { partnerFor } from './customers.js';
import { beforeAfter, correction } from './corrections.js';

/**
 * A partner's identity on the documents it sends its customers: letterhead, logo, VAT
 * number, payment terms and footer. A partner's user keeps its own; staff any partner's.
 */

export const EMPTY_PROFILE: PartnerProfile = { legalName: null, address: null, vat: null, email: null, phone: null, logo: null, paymentTerms: null, footer: null };

/** What a customer's document needs of the profile; the logo, phone and footer are the partner's choice. */
export const DOCUMENT_FIELDS: readonly ProfileField[] = ['legalName', 'address', 'vat', 'email', 'paymentTerms'];

/** The fields a customer's document would lack, named as people write them. */
export function missingForDocuments(profile: PartnerProfile): ProfileField[] {
  return DOCUMENT_FIELDS.filter((field) => profile[field] === null);
}

async function whose(store: Repositories, actor: Actor, named: string | null): Promise<string> {
  const partner = await partnerFor(store, actor, named);
  if (!partner) throw new UsageError('partner: staff say whose profile it is (e.g. PTR-001).', 'USAGE', { field: 'partner' });
  return partner.id;
}

export async function showProfile(store: Store, actor: Actor, named: string | null): Promise<{ partner: string; profile: PartnerProfile }> {
  const partner = await whose(store, actor, named);
  return { partner, profile: (await store.parties.profile(partner)) ?? EMPTY_PROFILE };
}

/** Sets the fields given and clears those named; recorded as an event with who and when. */
export async function setProfile(
  store: Store,
  actor: Actor,
  named: string | null,
  changes: Partial<PartnerProfile>,
  clear: readonly ProfileField[],
): Promise<{ partner: string; profile: PartnerProfile; changed: ProfileField[] }> {
  const both = clear.filter((f) => changes[f] !== undefined);
  if (both.length > 0) throw new UsageError(`clear: ${both[0]} is both given and cleared; do one.`, 'USAGE', { field: 'clear' });
  if (Object.keys(changes).length === 0 && clear.length === 0) throw new UsageError('give at least one field of the profile to set or clear.', 'USAGE');
  return store.write(async (tx) => {
    const partner = await whose(tx, actor, named);
    const before = await tx.parties.profile(partner);
    if (!before) throw new NotFoundError('partner', partner);
    const after: PartnerProfile = { ...before, ...changes, ...Object.fromEntries(clear.map((f) => [f, null])) };
    const same = (f: ProfileField) =>
      f === 'logo' ? (before.logo === null ? after.logo === null : after.logo !== null && Buffer.from(before.logo.bytes).equals(Buffer.from(after.logo.bytes))) : before[f] === after[f];
    const changed = (Object.keys(after) as ProfileField[]).filter((f) => !same(f));
    if (changed.length > 0) {
      await tx.parties.setProfile(partner, after);
      const shown = (p: PartnerProfile, f: ProfileField) => (f === 'logo' ? (p.logo ? `${p.logo.mediaType}, ${p.logo.bytes.length} bytes` : null) : p[f]);
      await tx.parties.addEvent(correction(actor, partner, partner, 'profile', beforeAfter(before, after, changed, shown)));
    }
    return { partner, profile: after, changed };
  });
}
