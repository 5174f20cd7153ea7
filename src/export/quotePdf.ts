import type { Writable } from 'node:stream';
import { type CalendarDate, formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { type Quote, explainQuote } from '../terms/quote.js';
import { PER_TERM } from '../terms/term.js';
import { type Paper, PdfReport } from './pdf.js';
import { utcDate } from './documentDate.js';


export interface QuoteDocument {
  /** "Quote" or "Order confirmation ORD-000042". */
  readonly title: string;
  readonly quote: Quote;
  readonly date: CalendarDate;
  readonly partner: { readonly name: string; readonly areaManager?: string } | null;
  readonly customer: { readonly id: string; readonly name: string } | null;
  readonly pbx: { readonly id: string; readonly name: string } | null;
  /** Extra facts, e.g. the order's status. */
  readonly facts?: readonly string[];
  readonly samplePrices: boolean;
  /** From a sandbox store: the footer says so. */
  readonly sandbox: boolean;
  /** Dated by --date on a live store (a what-if): the footer says so. */
  readonly whatIf?: boolean;
}

/** A quote or an order confirmation the partner can send to the customer, with the proration explained. */
export async function writeQuotePdf(document: QuoteDocument, paper: Paper, out: Writable): Promise<void> {
  const { quote } = document;
  const money = (minor: bigint) => formatMoney(minor, quote.currency);
  const intro = [
    ...(document.partner ? [`From: ${document.partner.name}${document.partner.areaManager ? ` (Wildix area manager: ${document.partner.areaManager})` : ''}`] : []),
    ...(document.customer ? [`For: ${document.customer.name} (${document.customer.id})`] : []),
    document.pbx
      ? `PBX: ${document.pbx.name} (${document.pbx.id}), ${quote.term} licence activated ${formatDate(quote.activated)}`
      : `Ad-hoc quote: a ${quote.term} PBX activated ${formatDate(quote.activated)}`,
    `Services from ${formatDate(quote.start)} to ${formatDate(quote.end)}: ${quote.days} of the ${quote.periodDays} days of the PBX's current period. Everything ordered for a PBX ends with it.`,
    ...(document.facts ?? []),
    `Date: ${formatDate(document.date)}. Currency: ${quote.currency}.${document.samplePrices ? ' Sample prices for demonstration only.' : ''}`,
  ];
  const report = new PdfReport(
    {
      paper,
      title: document.title,
      subject: `${quote.term} HWaaS for ${document.pbx?.id ?? 'an ad-hoc PBX'}, ${formatDate(quote.start)} to ${formatDate(quote.end)}`,
      author: document.partner?.name ?? 'hwaas',
      date: utcDate(document.date),
      intro,
      footer: `${document.title}, ${formatDate(document.date)}${document.sandbox ? ' · sandbox' : document.whatIf ? ' · what-if: dated, not issued today' : ''}`,
    },
    out,
  );
  const width = report.contentWidth;
  report.table([
    { header: 'SKU', width: 94 },
    { header: 'Product', width: width - 94 - 34 - 3 * 74, wrap: true },
    { header: 'Qty', width: 34, align: 'right' },
    { header: `Unit / ${PER_TERM[quote.term]}`, width: 74, align: 'right' },
    { header: 'First charge', width: 74, align: 'right' },
    { header: 'Renewal', width: 74, align: 'right' },
  ]);
  for (const line of quote.lines) {
    report.row([line.sku, line.name, String(line.qty), money(line.unitPrice), money(line.amount), money(line.renewal)]);
  }
  report.endTable();
  report.line(`First charge, ${formatDate(quote.start)} to ${formatDate(quote.end)}: ${money(quote.total)}`, { bold: true, align: 'right', size: 10 });
  if (quote.renewalDate !== null && quote.renewalTotal !== null) {
    report.line(`Then ${money(quote.renewalTotal)} per ${PER_TERM[quote.term]}, renewing with the PBX on ${formatDate(quote.renewalDate)}`, { align: 'right' });
  } else {
    report.line('The PBX is cancelled: these services end with it and do not renew.', { align: 'right' });
  }
  report.space(10);
  report.line('How the first charge is computed', { bold: true, size: 9 });
  report.paragraph(
    'Each line is charged pro rata for the days it runs: price per term × quantity × days of service ÷ days of the PBX\'s current period, rounded once, half up, to the cent. The total is the sum of the rounded lines.',
  );
  for (const text of explainQuote(quote)) report.paragraph(text);
  await report.finish();
}
