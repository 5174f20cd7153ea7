import type { Repositories } from '../kernel/port.js';
import type { Scope, Pbx, Order } from '../kernel/model.js';
import type { Term } from '../../terms/term.js';
import type { RequestedItem } from '../catalog/items.js';
import type { CalendarDate } from '../../terms/dates.js';
import { storeQuoteSources, makeQuote } from '../quoting/quoting.js';
/** An order priced as a quote on its PBX: at checkout, and a draft as if checked out today. */
export async function quoteFor(tx: Repositories, scope: Scope, pbx: Pbx, term: Term | null, items: readonly RequestedItem[], start: CalendarDate) {
  const sources = storeQuoteSources(tx, scope);
  const quoted = await makeQuote(sources, { pbx: pbx.id, term, start, items });
  // The price book's price beside a negotiated one (null when no book was in force).
  const book = quoted.book ? await sources.books.inForce(quoted.book.tier, quoted.book.currency, quoted.book.validFrom) : null;
  const listPrice = (sku: string): bigint | null => book?.line(sku)?.prices[quoted.quote.term] ?? null;
  return { listPrice, quote: quoted.quote };
}

export const draftItems = (order: Order): RequestedItem[] => order.lines.map((l) => ({ sku: l.sku, qty: l.qty, price: l.priceOverride }));

export interface OrderRequest {
  readonly customer: string;
  readonly pbx: string;
  /** The duration the user chose; refused when it is not the PBX's term. */
  readonly term: Term | null;
  readonly items: readonly RequestedItem[];
}
