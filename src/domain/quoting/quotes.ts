import { requireOpenAccount } from '../parties/standing.js';
import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import { type CalendarDate, checkWithinCalendar, formatDate } from '../../terms/dates.js';
import type { Quote } from '../../terms/quote.js';
import { type Actor, type QuoteRecord, orderId } from '../kernel/model.js';
import { expiredQuote, quoteState } from './quotes.rules.js';
import type { NewQuoteRecord, Repositories, Store } from '../kernel/port.js';

import type { QuotedPbx } from './quoting.js';

/**
 * Quotes a partner sends its customers (`quote --format pdf`): each numbered
 * Q-YYYY-NNNNN per partner and year, recorded with what the document said, so that
 * `quotes list|show` finds what was sent.
 */

/** Whether a quote can go to a customer: it has a partner who issues it and a resale side. */
export function requireCustomerSide(quoted: QuotedPbx): asserts quoted is QuotedPbx & { partner: NonNullable<QuotedPbx['partner']>; quote: Quote & { resaleTotal: bigint } } {
  if (!quoted.partner || quoted.quote.resaleTotal === null) {
    throw new UsageError("a quote for a customer is issued by a partner at its resale prices: quote one of the partner's PBXs, or act as its user.", 'USAGE', { hint: { kind: 'internal-copy' } });
  }
}

/**
 * Records a quote before its document is written, under the partner's next number.
 * On a live store it is issued today (a moved "today" is refused before) and starts today or later.
 */
export async function recordQuote(store: Store, actor: Actor, quoted: QuotedPbx, validDays: number, document: (number: string, validUntil: CalendarDate) => string): Promise<QuoteRecord> {
  requireCustomerSide(quoted);
  const { quote, partner, pbx } = quoted;
  if ((await store.mode()) === 'live' && quote.start < actor.today) {
    throw new RefusedError('INVALID_STATE', `the services would start on ${formatDate(quote.start)}, before today (${formatDate(actor.today)}): a quote sent to a customer starts today or later.`, {
      field: 'start',
    });
  }
  const validUntil = checkWithinCalendar((actor.today + validDays) as CalendarDate, 'the quote would be valid until a date that');
  return store.write(async (tx) => {
    await requireOpenAccount(tx, actor);
    const record: NewQuoteRecord = {
      partner: partner.id,
      customer: pbx?.customer ?? null,
      pbx: pbx?.id ?? null,
      issuedOn: actor.today,
      validUntil,
      currency: quote.currency,
      total: quote.total,
      resaleTotal: quote.resaleTotal,
      createdAt: actor.at,
      createdBy: actor.user.id,
    };
    // The number is the next of the partner's year; the document names it.
    let text = '';
    const number = await tx.quotes.add(record, (n) => (text = document(n, validUntil)));
    return { ...record, number, document: text, status: 'sent', decidedAt: null, decidedBy: null, orderSeq: null };
  });
}

export async function listQuotes(store: Store, actor: Actor, filter: { customer: string | null; partner: string | null }): Promise<QuoteRecord[]> {
  if (filter.customer && !(await store.customers.get(actor.scope, filter.customer))) throw new NotFoundError('customer', filter.customer);
  if (filter.partner && actor.scope.kind === 'partner' && filter.partner !== actor.scope.partnerId) throw new NotFoundError('partner', filter.partner);
  if (filter.partner && !(await store.parties.partner(filter.partner))) throw new NotFoundError('partner', filter.partner);
  return store.quotes.list(actor.scope, filter);
}

/** One quote by number; staff name the partner when two partners used the same number. */
export async function showQuote(store: Store, actor: Actor, number: string, partner: string | null): Promise<QuoteRecord> {
  const id = number.trim().toUpperCase();
  const found = (await store.quotes.get(actor.scope, id)).filter((q) => partner === null || q.partner === partner.toUpperCase());
  if (found.length === 0) throw new NotFoundError('quote', number.trim());
  if (found.length > 1) throw new UsageError(`partner: ${id} was issued by ${found.map((q) => q.partner).join(' and ')}: say which partner.`, 'USAGE', { field: 'partner' });
  return found[0]!;
}

/** The quote by number, in scope; staff name the partner when two partners used the number. */
export async function findQuote(tx: Repositories, actor: Actor, number: string, partner: string | null): Promise<QuoteRecord> {
  const id = number.trim().toUpperCase();
  const found = (await tx.quotes.get(actor.scope, id)).filter((q) => partner === null || q.partner === partner.toUpperCase());
  if (found.length === 0) throw new NotFoundError('quote', number.trim());
  if (found.length > 1) throw new UsageError(`partner: ${id} was issued by ${found.map((q) => q.partner).join(' and ')}: say which partner.`, 'USAGE', { field: 'partner' });
  return found[0]!;
}

/** Accepted or declined by the customer: only a quote that was sent (accepted: still valid) and not ordered. */
export async function decideQuote(store: Store, actor: Actor, number: string, partner: string | null, decision: 'accepted' | 'declined'): Promise<QuoteRecord> {
  return store.write(async (tx) => {
    const quote = await findQuote(tx, actor, number, partner);
    const state = quoteState(quote, actor.today);
    if (state === decision) throw new RefusedError('INVALID_STATE', `${quote.number} was already ${decision}${quote.decidedAt ? ` (${quote.decidedAt.slice(0, 10)})` : ''}.`);
    if (state === 'ordered') {
      throw new RefusedError('INVALID_STATE', `${quote.number} was ordered (${quote.orderSeq === null ? 'an order' : orderId(quote.orderSeq)}): it is no longer the customer's to accept or decline.`);
    }
    if (decision === 'accepted' && state === 'declined') throw new RefusedError('INVALID_STATE', `${quote.number} was declined: send the customer a new quote.`);
    if (decision === 'accepted' && state === 'expired') throw expiredQuote(quote, 'the customer accepted it too late; its prices no longer hold');
    const from = decision === 'accepted' ? (['sent'] as const) : (['sent', 'accepted'] as const);
    if (!(await tx.quotes.decide(quote.partner, quote.number, from, decision, actor.at, actor.user.id))) {
      throw new RefusedError('INVALID_STATE', `${quote.number} changed at the same moment elsewhere: look at it again (\`hwaas quotes show ${quote.number}\`).`);
    }
    return (await tx.quotes.get(actor.scope, quote.number)).find((q) => q.partner === quote.partner)!;
  });
}
