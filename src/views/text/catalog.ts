import type { BookDiffJson, BookLineJson, PriceBookJson, ResaleRuleJson } from '../json/catalog.js';
import { PER_TERM } from '../../terms/term.js';
import type { ListingView } from './listing.js';

export const PRICE_BOOKS: ListingView<PriceBookJson> = {
  columns: () => [
    { header: 'Tier', value: (b) => b.tier },
    { header: 'Currency', value: (b) => b.currency },
    { header: 'Valid from', value: (b) => b.validFrom },
    { header: 'Products', value: (b) => String(b.products), align: 'right' },
    { header: 'Imported', value: (b) => (b.importedAt ? `${b.importedAt.slice(0, 10)} by ${b.importedBy ?? 'init'}` : '') },
    { header: 'From', value: (b) => b.source ?? '', shrink: true, drop: 1 },
  ],
  keys: ['tier', 'currency', 'validFrom', 'products', 'importedAt', 'importedBy', 'source'],
  empty: 'No price books yet: import one with `hwaas pricebook import FILE --tier T --currency C --valid-from DATE`.',
};

export const BOOK_LINES: ListingView<BookLineJson> = {
  columns: () => [
    { header: 'SKU', value: (l) => l.sku },
    { header: 'Product', value: (l) => l.name },
    { header: 'Category', value: (l) => l.category },
    { header: 'CapEx', value: (l) => l.capex ?? '', align: 'right' },
    { header: 'Monthly', value: (l) => l.monthly ?? '', align: 'right' },
    { header: 'Yearly', value: (l) => l.yearly ?? '', align: 'right' },
    { header: 'Five-year', value: (l) => l['five-year'] ?? '', align: 'right' },
  ],
  keys: ['sku', 'name', 'category', 'hwaas', 'capex', 'monthly', 'yearly', 'five-year', 'stocked'],
  empty: 'The book lists no products.',
};

export function bookDiffText(diff: BookDiffJson): string {
  const out = [`The ${diff.tier} ${diff.currency} price book valid from ${diff.from} → the one valid from ${diff.to}:`];
  if (diff.from === diff.to) out.push('the same version is in force on both dates: nothing changes.');
  for (const a of diff.added) out.push(`  + ${a.sku}  ${a.name}`);
  for (const r of diff.removed) out.push(`  - ${r.sku}  ${r.name}`);
  for (const c of diff.changed) {
    out.push(`  ~ ${c.sku}  ${c.name}`);
    for (const ch of c.changes)
      out.push(`      ${ch.term}: ${ch.from ?? '(not offered)'} → ${ch.to ?? '(not offered)'}${ch.percent === null ? '' : ` (${ch.percent.startsWith('-') ? '' : '+'}${ch.percent} %)`}`);
  }
  if (diff.from !== diff.to && out.length === 1) out.push('no product or price changes.');
  out.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} with changed prices.`);
  return out.join('\n');
}

/** A resale rule's price in words: "+25 %", "89.00 EUR per year". */
export const ruleText = (r: ResaleRuleJson): string => (r.kind === 'price' ? `${r.price ?? '0.00'} ${r.currency} per ${r.term ? PER_TERM[r.term] : 'term'}` : `+${r.markup ?? '0'} %`);

export const RESALE_RULES = (partner: string): ListingView<ResaleRuleJson> => ({
  columns: () => [
    { header: 'Applies to', value: (r) => (r.kind === 'default' ? 'everything else' : r.kind === 'category' ? `category "${r.target}"` : (r.target ?? '')) },
    { header: 'Resale', value: (r) => ruleText(r) },
  ],
  keys: ['partner', 'kind', 'target', 'term', 'markup', 'price', 'currency'],
  empty: `No resale rules for ${partner}: its resale prices are its buy prices (margin 0). Set a default with \`hwaas resale set --markup 25\`.`,
});

/** What a rule just set means, in a sentence. */
export function ruleSetText(r: ResaleRuleJson): string {
  if (r.kind === 'price') return `${r.partner} resells ${r.target} at ${r.price} ${r.currency} per ${PER_TERM[r.term!]}.`;
  const what = r.kind === 'default' ? 'every product' : r.kind === 'category' ? `the category "${r.target}"` : r.target;
  return `${r.partner} resells ${what} at its buy price + ${r.markup} %.`;
}
