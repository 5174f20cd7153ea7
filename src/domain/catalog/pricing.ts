import { RefusedError } from '../../errors.js';
import type { Currency } from '../../terms/money.js';
import type { QuoteItem } from '../../terms/quote.js';
import type { Term } from '../../terms/term.js';
import type { Product } from '../kernel/model.js';
import { type LoadedBook, bookName } from './pricebooks.js';
import type { ResalePricer } from './resale.js';

import { type RequestedItem, unknownSku } from './items.js';

/**
 * Each item's product and OpEx price from the book in force (a line with its own price
 * needs no book, but its SKU must be one hwaas knows), and its resale price when the
 * quote has a resale side. CapEx-only products are refused.
 */
export function priceItems(
  products: ReadonlyMap<string, Product>,
  book: LoadedBook | null,
  items: readonly RequestedItem[],
  term: Term,
  currency: Currency,
  noBook: () => Error,
  resale: ResalePricer | null,
): QuoteItem[] {
  return items.map((item) => {
    const line = book?.line(item.sku) ?? null;
    const product = line ?? products.get(item.sku) ?? null;
    // Without a book in force a line needs its own price, whatever its SKU: say what is missing.
    if (item.price === null && !book) throw noBook();
    if (!product)
      throw unknownSku(
        item.sku,
        [...(book ? book.lines.map((l) => l.sku) : []), ...products.keys()].filter((s, i, all) => all.indexOf(s) === i),
      );
    if (!product.hwaas) {
      throw new RefusedError('NOT_ELIGIBLE', `${product.sku} (${product.name}) is sold outright (CapEx) only, not as HWaaS: leave it out of the HWaaS order and buy it separately.`);
    }
    const unitPrice = item.price ?? line?.prices[term] ?? null;
    if (unitPrice === null) {
      const where = book ? bookName(book) : 'the price book';
      throw new RefusedError('NOT_PRICED', `${product.sku} is not offered ${term} in ${where}${line ? '' : ' (it is not in it)'}.`, { hint: { kind: 'negotiated-price', sku: product.sku } });
    }
    // The quote's currency, book or not: an explicit resale price applies to a line with its own buy price too.
    const resaleUnitPrice = resale ? resale.unitPrice(product.sku, product.category, term, currency, unitPrice) : null;
    return { sku: product.sku, name: product.name, qty: item.qty, unitPrice, resaleUnitPrice };
  });
}
