import { NotFoundError, RefusedError } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { partnerFor } from './customers.js';
import type { Actor, Invoice } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';

import { requireStaff } from './users.js';

export async function listInvoices(store: Store, actor: Actor, filter: { overdue?: boolean; partner?: string | null; from?: CalendarDate | null; to?: CalendarDate | null }): Promise<Invoice[]> {
  if (filter.partner) await partnerFor(store, actor, filter.partner);
  const invoices = await store.invoices.list(actor.scope, { unpaidDueBefore: filter.overdue ? actor.today : null, partner: filter.partner ?? null });
  return invoices.filter((i) => (filter.from == null || i.issuedOn >= filter.from) && (filter.to == null || i.issuedOn <= filter.to));
}

/** Staff: an invoice is paid today. */
export async function payInvoice(store: Store, actor: Actor, number: string): Promise<Invoice> {
  requireStaff(actor, 'Marking invoices paid');
  return store.write(async (tx) => {
    const found = await tx.invoices.get(actor.scope, number);
    if (!found) throw new NotFoundError('invoice', number);
    if (found.paidOn !== null) throw new RefusedError('INVALID_STATE', `${number} was already paid on ${formatDate(found.paidOn)}.`);
    await tx.invoices.markPaid(number, actor.today);
    return (await tx.invoices.get(actor.scope, number))!;
  });
}
