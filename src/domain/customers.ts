import { NotFoundError, UsageError } from '../errors.js';
import type { Actor, Agreement, Customer, Partner, Pbx } from './model.js';
import type { Store } from './port.js';
import { customerSearch } from './search.js';
import { checkText, isInvisible } from './text.js';

export const NAME_MAX = 200;

/**
 * A name people typed: trimmed, not empty, not too long, no control characters,
 * something visible. `label` names the input in the error (the caller knows it as a flag).
 */
export function checkName(raw: string, label: string, max = NAME_MAX): string {
  const name = checkText(raw, label).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') throw new UsageError(`${label}: the name is empty; give the company name.`);
  if (isInvisible(name)) throw new UsageError(`${label}: the name has no visible characters; give the company name.`);
  if ([...name].length > max) throw new UsageError(`${label}: the name has ${[...name].length} characters; at most ${max} fit.`);
  return name;
}

export function checkCountry(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const country = checkText(raw, label).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`${label}: "${raw}" is not a two-letter country code (e.g. DE, PL, GB).`);
  return country;
}

export function checkEmail(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const email = checkText(raw, label).trim();
  if (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || isInvisible(email.replace(/[@.]/g, ''))) {
    throw new UsageError(`${label}: "${raw}" is not an e-mail address.`);
  }
  return email;
}

export function checkVat(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const vat = checkText(raw, label).trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 .-]{1,39}$/.test(vat)) throw new UsageError(`${label}: "${raw}" is not a VAT number (letters, digits, dots and dashes, at most 40).`);
  return vat;
}

/**
 * The partner a record is for: a partner user's own (another partner's ID reads as
 * unknown), or for staff the one named, which must exist.
 */
export async function partnerFor(store: Store, actor: Actor, requested: string): Promise<Partner>;
export async function partnerFor(store: Store, actor: Actor, requested: string | null): Promise<Partner | null>;
export async function partnerFor(store: Store, actor: Actor, requested: string | null): Promise<Partner | null> {
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
}

/** Adds a customer with the next free ID, to a partner from partnerFor(). */
export async function addCustomer(store: Store, actor: Actor, input: NewCustomerInput): Promise<Customer> {
  return store.write((tx) =>
    tx.customers.add({ partner: input.partner.id, name: input.name, country: input.country, vat: input.vat, email: input.email }, actor.at),
  );
}
