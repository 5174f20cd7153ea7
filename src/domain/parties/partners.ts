import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import type { Actor, Partner } from '../kernel/model.js';
import type { NewPartner, Store } from '../kernel/port.js';
import { requireStaff } from './users.js';

import { checkCountry, checkEmail, checkName, checkCurrency, checkTier } from '../kernel/checks.js';

/**
 * Partners: the companies that resell HWaaS, each with its currency, its tier in the
 * partner programme and its Wildix area manager. Staff add and edit them; a partner's
 * user sees its own.
 */

/** What a person types for a partner, before it is checked; absent fields stay as they are (edit). */
export interface PartnerInput {
  readonly name?: string;
  readonly country?: string;
  readonly currency?: string;
  readonly tier?: string;
  readonly areaManagerName?: string;
  readonly areaManagerEmail?: string;
}

/** The flag or column each field is known by, for messages. */
export type PartnerLabels = Readonly<Record<keyof PartnerInput, string>>;

function checkFields(input: PartnerInput, labels: PartnerLabels): Partial<NewPartner> {
  const out: { -readonly [K in keyof NewPartner]?: NewPartner[K] } = {};
  if (input.name !== undefined) out.name = checkName(input.name, labels.name);
  if (input.country !== undefined) out.country = checkCountry(input.country, labels.country)!;
  if (input.currency !== undefined) out.currency = checkCurrency(input.currency, labels.currency);
  if (input.tier !== undefined) out.tier = checkTier(input.tier, labels.tier);
  if (input.areaManagerName !== undefined) out.areaManagerName = checkName(input.areaManagerName, labels.areaManagerName, 120);
  if (input.areaManagerEmail !== undefined) out.areaManagerEmail = checkEmail(input.areaManagerEmail, labels.areaManagerEmail)!;
  return out;
}

/** A partner's own user sees its partner; staff see them all. */
export async function listPartners(store: Store, actor: Actor): Promise<Partner[]> {
  if (actor.scope.kind === 'partner') {
    const own = await store.parties.partner(actor.scope.partnerId);
    return own ? [own] : [];
  }
  return store.parties.partners();
}

/** Another partner's ID reads like an unknown one. */
export async function requirePartner(store: Store, actor: Actor, id: string): Promise<Partner> {
  const partner = actor.scope.kind === 'partner' && actor.scope.partnerId !== id ? null : await store.parties.partner(id);
  if (!partner) throw new NotFoundError('partner', id);
  return partner;
}

export async function addPartner(store: Store, actor: Actor, input: Required<PartnerInput>, labels: PartnerLabels): Promise<Partner> {
  requireStaff(actor, 'Adding partners');
  const fields = checkFields(input, labels) as NewPartner;
  return store.write(async (tx) => {
    const same = (await tx.parties.partners()).find((p) => p.name.toLowerCase() === fields.name.toLowerCase());
    if (same) throw new RefusedError('EXISTS', `a partner named "${same.name}" exists already: ${same.id}.`);
    return tx.parties.addPartner(fields);
  });
}

/**
 * Changes what is given. A partner's currency is what its orders and invoices are in:
 * it can change only while it has none.
 */
export async function editPartner(store: Store, actor: Actor, id: string, input: PartnerInput, labels: PartnerLabels): Promise<{ before: Partner; after: Partner }> {
  requireStaff(actor, 'Editing partners');
  const fields = checkFields(input, labels);
  if (Object.keys(fields).length === 0) {
    throw new UsageError(`nothing to change: give at least one of ${Object.values(labels).join(', ')}.`, 'USAGE', { fields: Object.values(labels) });
  }
  return store.write(async (tx) => {
    const before = await tx.parties.partner(id);
    if (!before) throw new NotFoundError('partner', id);
    const after: Partner = { ...before, ...fields };
    if (after.currency !== before.currency) {
      const orders = await tx.orders.list(actor.scope, { partner: id });
      const invoices = await tx.invoices.list(actor.scope, { partner: id });
      if (orders.length > 0 || invoices.length > 0) {
        throw new RefusedError(
          'INVALID_STATE',
          `${id} has ${orders.length} order(s) and ${invoices.length} invoice(s) in ${before.currency}: its currency cannot change. Add a new partner for business in ${after.currency}.`,
        );
      }
    }
    if (after.name.toLowerCase() !== before.name.toLowerCase()) {
      const same = (await tx.parties.partners()).find((p) => p.id !== id && p.name.toLowerCase() === after.name.toLowerCase());
      if (same) throw new RefusedError('EXISTS', `a partner named "${same.name}" exists already: ${same.id}.`);
    }
    await tx.parties.updatePartner(after);
    return { before, after };
  });
}
