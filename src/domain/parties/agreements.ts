import { UsageError } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { requireCustomer } from './customers.js';
import type { Actor, Agreement, Customer, Partner } from '../kernel/model.js';

import type { Store } from '../kernel/port.js';

export async function listAgreements(store: Store, actor: Actor, customer: string | undefined): Promise<Agreement[]> {
  if (customer !== undefined) await requireCustomer(store, actor, customer);
  return store.agreements.list(actor.scope, customer);
}

/**
 * A customer's signed HWaaS agreement: what checkout needs. It cannot be signed after
 * today; the partner's area manager is who receives the signed copy.
 */
export async function addAgreement(
  store: Store,
  actor: Actor,
  input: { customer: string; signedOn: CalendarDate; file: string | null; signedOnLabel: string },
): Promise<{ agreement: Agreement; customer: Customer; partner: Partner | null }> {
  if (input.signedOn > actor.today) throw new UsageError(`${input.signedOnLabel}: ${formatDate(input.signedOn)} is after today (${formatDate(actor.today)}).`);
  const customer = await requireCustomer(store, actor, input.customer);
  const agreement = await store.write((tx) => tx.agreements.add(customer.id, input.signedOn, input.file, actor.at, actor.user.id));
  return { agreement, customer, partner: await store.parties.partner(customer.partner) };
}
