import { RefusedError } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import type { QuoteRecord, QuoteStatus } from '../kernel/model.js';

/**
 * A quote sent to a customer, on a day: what became of it. `expired` once past its
 * valid-until while it was neither declined nor ordered.
 */
export type QuoteState = QuoteStatus | 'expired';
export function quoteState(quote: Pick<QuoteRecord, 'status' | 'validUntil'>, today: CalendarDate): QuoteState {
  return (quote.status === 'sent' || quote.status === 'accepted') && quote.validUntil < today ? 'expired' : quote.status;
}

export function expiredQuote(quote: Pick<QuoteRecord, 'number' | 'validUntil'>, what: string): RefusedError {
  return new RefusedError('QUOTE_EXPIRED', `${quote.number} was valid until ${formatDate(quote.validUntil)}: ${what}`, { hint: { kind: 'reprice-quote', quote: quote.number } });
}
