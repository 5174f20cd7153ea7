import type { Writable } from 'node:stream';
import { COST_MARK, type Pricelist, SAMPLE_NOTE, monthlyEquivalent, pricelistItems, pricelistKindMarker, pricelistTitle } from '../domain/catalog/pricelist.js';
import { formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { utcDate } from './documentDate.js';
import { type Paper, type PdfColumn, PdfReport } from './pdf.js';

/** The price list as a PDF a partner can send to a customer. */
export async function writePricelistPdf(
  list: Pricelist,
  paper: Paper,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
  whatIf = false,
  identity: { readonly letterhead: { readonly lines: readonly string[]; readonly logo: Uint8Array | null }; readonly footer: string | null } | null = null,
): Promise<void> {
  const items = pricelistItems(list);
  const issuer = list.resale ? (identity?.letterhead.lines[0] ?? list.partner?.name ?? null) : null;
  const intro = [
    `Currency: ${list.currency}    Prices in force on ${formatDate(list.date)}${list.resale ? '' : ` (the ${list.tier} price book valid from ${formatDate(list.validFrom)})`}    ${items.length} products`,
    ...(list.resale ? ['Prices per device, excluding VAT.'] : [COST_MARK, ...(list.partner ? [`The ${list.tier} prices ${list.partner.name} pays Wildix.`] : [])]),
    ...(list.type === 'opex'
      ? ['Prices per device for each term; the per-month figures show what a longer term saves. Every service on a PBX shares its term and expiration.']
      : ['Purchase prices per device.']),
    ...(list.samplePrices ? [SAMPLE_NOTE] : []),
  ];
  const report = new PdfReport(
    {
      paper,
      title: pricelistTitle(list),
      subject: `${list.resale ? 'Price list' : `${list.type === 'opex' ? 'OpEx' : 'CapEx'} cost price list`} in ${list.currency}, ${formatDate(list.date)}`,
      author: issuer ?? 'Wildix',
      keywords: pricelistKindMarker(list.resale),
      date: utcDate(list.date),
      intro,
      footerNote: list.resale ? (identity?.footer ?? null) : null,
      footer: `${list.resale ? `Price list${issuer ? `, ${issuer}` : ''}` : `Confidential cost price list (${list.type === 'opex' ? 'OpEx' : 'CapEx'})`}, ${list.currency}, ${formatDate(list.date)}${list.samplePrices ? ' (sample prices)' : ''}${list.sandbox ? ' · sandbox' : whatIf ? ' · what-if: dated, not issued today' : ''}`,
      letterhead: list.resale ? (identity?.letterhead ?? null) : null,
      mark: list.resale ? null : COST_MARK,
    },
    out,
  );
  const money = (minor: bigint) => formatMoney(minor, list.currency);
  const width = report.contentWidth;
  const columns: PdfColumn[] =
    list.type === 'opex'
      ? [
          { header: 'SKU', width: 96 },
          { header: 'Product', width: width - 96 - 3 * 54 - 2 * 60, wrap: true },
          { header: 'Monthly', width: 54, align: 'right' },
          { header: 'Yearly', width: 54, align: 'right' },
          { header: '/ month on yearly', width: 60, align: 'right' },
          { header: '5 years', width: 54, align: 'right' },
          { header: '/ month on 5 years', width: 60, align: 'right' },
        ]
      : [
          { header: 'SKU', width: 90 },
          { header: 'Product', width: width - 90 - 80, wrap: true },
          { header: 'Price', width: 80, align: 'right' },
        ];
  const rowOf = (item: (typeof items)[number]): string[] =>
    item.prices
      ? [
          item.sku,
          item.name,
          money(item.prices.monthly),
          money(item.prices.yearly),
          money(monthlyEquivalent(item.prices.yearly, 'yearly')),
          money(item.prices['five-year']),
          money(monthlyEquivalent(item.prices['five-year'], 'five-year')),
        ]
      : [item.sku, item.name, money(item.price!)];
  const rows = new Map(items.map((item) => [item, rowOf(item)]));
  report.table(columns, [...rows.values()]);
  let done = 0;
  for (const category of list.categories) {
    report.heading(category.name);
    for (const item of category.items) {
      report.row(rows.get(item)!);
      if (++done % 500 === 0 || done === items.length) onProgress?.(done, items.length);
    }
  }
  report.endTable();
  await report.finish();
}
