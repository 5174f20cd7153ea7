import { NotFoundError } from '../../errors.js';
import type { Actor, Agreement, Customer, Partner, Pbx } from '../kernel/model.js';
import type { Repositories, Store } from '../kernel/port.js';

import { customerSearch } from '../kernel/search.js';
import { beforeAfter, correction } from './corrections.js';

/**
 * The partner a record is for: a partner user's own (another partner's ID reads as
 * unknown), or for staff the one named, which must exist.
 */
export async function partnerFor(store: Repositories, actor: Actor, requested: string): Promise<Partner>;
export async function partnerFor(store: Repositories, actor: Actor, requested: string | null): Promise<Partner | null>;
export async function partnerFor(store: Repositories, actor: Actor, requested: string | null): Promise<Partner | null> {
  if (actor.scope.kind === 'partner') {
    if (requested !== null && requested !== actor.scope.partnerId) throw new NotFoundError('partner', requested);
    return store.parties.partner(actor.scope.partnerId);
  }
  if (requested === null) return null;
  const partner = await store.parties.partner(requested);
  if (!partner) throw new NotFoundError('partner', requested);
  return partner;
}

/** Customers in scope, sorted by name; a search matches names, IDs, VAT numbers and e-mails. `total` counts the matches before the limit. */
export async function listCustomers(store: Store, actor: Actor, filter: { partner?: string; search?: string; limit?: number }): Promise<{ customers: Customer[]; total: number }> {
  if (filter.partner !== undefined) await partnerFor(store, actor, filter.partner);
  const query = { partner: filter.partner, search: filter.search === undefined ? null : customerSearch(filter.search) };
  const customers = await store.customers.list(actor.scope, { ...query, limit: filter.limit });
  const total = filter.limit && customers.length === filter.limit ? await store.customers.count(actor.scope, query) : customers.length;
  return { customers, total };
}

export interface CustomerView {
  readonly customer: Customer;
  readonly partner: Partner | null;
  readonly pbxs: readonly Pbx[];
  readonly agreements: readonly Agreement[];
}

export async function showCustomer(store: Store, actor: Actor, id: string): Promise<CustomerView> {
  const customer = await store.customers.get(actor.scope, id);
  if (!customer) throw new NotFoundError('customer', id);
  const [partner, pbxs, agreements] = [
    await store.parties.partner(customer.partner),
    await store.pbxs.list(actor.scope, { customer: customer.id }),
    await store.agreements.list(actor.scope, customer.id),
  ];
  return { customer, partner, pbxs, agreements };
}

/** Looks a customer up in the acting user's scope: unknown and foreign read alike. */
export async function requireCustomer(store: Store, actor: Actor, id: string): Promise<Customer> {
  const customer = await store.customers.get(actor.scope, id);
  if (!customer) throw new NotFoundError('customer', id);
  return customer;
}

export interface NewCustomerInput {
  readonly partner: Partner;
  readonly name: string;
  readonly country: string | null;
  readonly vat: string | null;
  readonly email: string | null;
  readonly address?: string | null;
  readonly contact?: string | null;
}

/** Adds a customer with the next free ID, to a partner from partnerFor(). */
export async function addCustomer(store: Store, actor: Actor, input: NewCustomerInput): Promise<Customer> {
  return store.write((tx) =>
    tx.customers.add(
      { partner: input.partner.id, name: input.name, country: input.country, vat: input.vat, email: input.email, address: input.address ?? null, contact: input.contact ?? null },
      actor.at,
    ),
  );
}

export type CustomerChanges = Partial<Pick<Customer, 'name' | 'country' | 'vat' | 'email' | 'address' | 'contact'>>;

/**
 * Corrects what is known of a customer (never its partner), in the acting user's scope;
 * the change is an event with who and when. Nothing given: nothing to change (exit 2).
 */
export async function editCustomer(store: Store, actor: Actor, id: string, changes: CustomerChanges): Promise<{ before: Customer; after: Customer; changed: string[] }> {
  return store.write(async (tx) => {
    const before = await tx.customers.get(actor.scope, id);
    if (!before) throw new NotFoundError('customer', id);
    const after: Customer = { ...before, ...changes };
    const changed = (Object.keys(changes) as (keyof CustomerChanges)[]).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
    if (changed.length > 0) {
      await tx.customers.update(after);
      await tx.parties.addEvent(correction(actor, before.partner, before.id, 'edited', beforeAfter(before, after, changed)));
    }
    return { before, after, changed };
  });
}
