import type { Writable } from 'node:stream';
import { type CalendarDate, formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { type Quote, explainQuote, resaleSide } from '../terms/quote.js';
import { PER_TERM } from '../terms/term.js';
import { type Paper, type PdfColumn, PdfReport } from './pdf.js';
import { utcDate } from './documentDate.js';

/**
 * Which copy of a quote or an order confirmation:
 * - `customer`: issued by the partner to its customer, at the partner's resale prices
 *   only: no buy price, no margin, no Wildix area manager, no internal warning.
 * - `internal`: the partner's own copy: both sides and the margin, the area manager and
 *   the warnings (backorders). Without a resale side (staff, ad hoc) it is the buy side.
 */
export type QuoteCopy = 'customer' | 'internal';

/** Above this many lines the explanation of the proration says the rule once and one short line per product. */
export const COMPACT_EXPLANATION_LINES = 8;

export interface QuoteDocument {
  readonly copy: QuoteCopy;
  /** "Quote Q-2026-00001", "Order confirmation ORD-000042". */
  readonly title: string;
  /** A customer's quote: its recorded number. */
  readonly number?: string;
  readonly quote: Quote;
  /** The issue date. */
  readonly date: CalendarDate;
  /** Quotes sent to a customer: the last day the offer holds. */
  readonly validUntil?: CalendarDate | null;
  readonly partner: { readonly name: string; readonly areaManager?: string } | null;
  readonly customer: { readonly id: string; readonly name: string } | null;
  readonly pbx: { readonly id: string; readonly name: string } | null;
  /** Facts every copy shows (an order's number and status). */
  readonly facts?: readonly string[];
  /** Facts for the partner only (stock warnings): the internal copy shows them, the customer's never. */
  readonly internalFacts?: readonly string[];
  readonly samplePrices: boolean;
  /** From a sandbox store: the footer says so. */
  readonly sandbox: boolean;
  /** Dated by --date on a live store (a what-if): the footer says so. */
  readonly whatIf?: boolean;
  /** The customer's copy: the partner's letterhead and logo, the customer's address block, payment terms and footer. */
  readonly identity?: {
    readonly letterhead: { readonly lines: readonly string[]; readonly logo: Uint8Array | null };
    readonly customerLines: readonly string[];
    readonly paymentTerms: string | null;
    readonly footer: string | null;
  } | null;
}

/** What binds the customer, said on every customer's document (docs/terms.md): the co-termination, the six-month minimum, VAT. */
export function bindingTerms(quote: Quote, pbx: { readonly id: string } | null, paymentTerms: string | null): string[] {
  const on = pbx ? pbx.id : 'the PBX';
  return [
    quote.renewalDate !== null
      ? `Term: everything on this document runs on ${on} and ends with it on its expiration, ${formatDate(quote.end)}; it then renews with the PBX for each ${PER_TERM[quote.renewalTerm ?? quote.term]} at the renewal price unless cancelled before the renewal.`
      : `Term: everything on this document runs on ${on} and ends with it on ${formatDate(quote.end)}; ${on} is cancelled, so nothing renews.`,
    'Minimum: each device is charged for at least six months from the day it starts, even when it is cancelled earlier.',
    'Prices exclude VAT, which is added at the rate in force.',
    ...(paymentTerms ? [`Payment: ${paymentTerms}`] : []),
  ];
}

const COTERMINATION = "Everything ordered for a PBX shares its term and ends with it: these services are charged pro rata to the PBX's next renewal date, then renew with it.";

/** A quote or an order confirmation as a PDF, the customer's copy or the partner's own, with the proration explained. */
export async function writeQuotePdf(document: QuoteDocument, paper: Paper, out: Writable): Promise<void> {
  const customerCopy = document.copy === 'customer';
  // The customer's copy is the resale side put in the buy side's place: the buy side cannot leak into it.
  const quote = customerCopy ? resaleSide(document.quote) : document.quote;
  const twoSided = !customerCopy && quote.resaleTotal !== null;
  const money = (minor: bigint) => formatMoney(minor, quote.currency);
  const partner = document.partner;
  const identity = customerCopy ? (document.identity ?? null) : null;
  const intro = [
    ...(partner && !identity ? [`From: ${partner.name}${!customerCopy && partner.areaManager ? ` (Wildix area manager: ${partner.areaManager})` : ''}`] : []),
    ...(identity && identity.customerLines.length > 0
      ? [`For: ${identity.customerLines[0]}`, ...identity.customerLines.slice(1).map((l) => `        ${l}`)]
      : document.customer
        ? [`For: ${document.customer.name} (${document.customer.id})`]
        : []),
    document.pbx
      ? `PBX: ${document.pbx.name} (${document.pbx.id}), ${quote.term} licence activated ${formatDate(quote.activated)}`
      : `For a ${quote.term} PBX activated ${formatDate(quote.activated)}`,
    `Services from ${formatDate(quote.start)} to ${formatDate(quote.end)}: ${quote.days} of the ${quote.periodDays} days of the PBX's current period.`,
    COTERMINATION,
    ...(document.facts ?? []),
    ...(customerCopy ? [] : (document.internalFacts ?? [])),
    `Issued ${formatDate(document.date)}${document.validUntil ? `, valid until ${formatDate(document.validUntil)}` : ''}. Currency: ${quote.currency}. Prices exclude VAT.${document.samplePrices ? ' Sample prices for demonstration only.' : ''}`,
    ...(customerCopy ? [] : [twoSided ? 'Internal copy with buy prices and margin: not for the customer.' : 'Internal copy at the price book (buy) prices: not for the customer.']),
  ];
  const report = new PdfReport(
    {
      paper,
      title: customerCopy ? document.title : `${document.title} (internal)`,
      subject: `${quote.term} HWaaS for ${document.pbx?.id ?? 'a PBX'}, ${formatDate(quote.start)} to ${formatDate(quote.end)}`,
      author: partner?.name ?? 'hwaas',
      date: utcDate(document.date),
      intro,
      footerNote: identity?.footer ?? null,
      footer: `${document.title}${partner ? `, ${partner.name}` : ''}, ${formatDate(document.date)}${customerCopy ? '' : ' · internal'}${document.sandbox ? ' · sandbox' : document.whatIf ? ' · what-if: dated, not issued today' : ''}`,
      letterhead: identity?.letterhead ?? null,
    },
    out,
  );
  const width = report.contentWidth;
  const per = PER_TERM[quote.term];
  const renewalPer = PER_TERM[quote.renewalTerm ?? quote.term];
  if (twoSided) {
    const m = 58;
    const rows = quote.lines.map((l) => [l.sku, l.name, String(l.qty), money(l.unitPrice), money(l.amount), money(l.resaleUnitPrice!), money(l.resaleAmount!), money(l.margin!)]);
    report.table(
      [
        { header: 'SKU', width: 70 },
        { header: 'Product', width: width - 70 - 26 - 5 * m, wrap: true },
        { header: 'Qty', width: 26, align: 'right' },
        { header: `Buy / ${per}`, width: m, align: 'right' },
        { header: 'Buy first', width: m, align: 'right' },
        { header: `Sell / ${per}`, width: m, align: 'right' },
        { header: 'Sell first', width: m, align: 'right' },
        { header: 'Margin', width: m, align: 'right' },
      ] satisfies PdfColumn[],
      rows,
    );
    for (const row of rows) report.row(row);
  } else {
    const rows = quote.lines.map((l) => [l.sku, l.name, String(l.qty), money(l.unitPrice), money(l.amount), money(l.renewal)]);
    report.table(
      [
        { header: 'SKU', width: 94 },
        { header: 'Product', width: width - 94 - 34 - 3 * 74, wrap: true },
        { header: 'Qty', width: 34, align: 'right' },
        { header: `Unit / ${per}`, width: 74, align: 'right' },
        { header: 'First charge', width: 74, align: 'right' },
        { header: 'Renewal', width: 74, align: 'right' },
      ],
      rows,
    );
    for (const row of rows) report.row(row);
  }
  report.endTable();
  const period = `${formatDate(quote.start)} to ${formatDate(quote.end)}`;
  if (twoSided) {
    report.line(`First charge, ${period}: buy ${money(quote.total)}, sell ${money(quote.resaleTotal!)}`, { bold: true, align: 'right', size: 10 });
    report.line(`Margin: ${money(quote.marginTotal!)}${quote.marginPercent === null ? '' : ` (${quote.marginPercent} % of the resale total)`}`, { align: 'right' });
  } else {
    report.line(`First charge, ${period}: ${money(quote.total)} (excl. VAT)`, { bold: true, align: 'right', size: 10 });
  }
  if (quote.renewalDate !== null && quote.renewalTotal !== null) {
    const renewal = twoSided ? `buy ${money(quote.renewalTotal)}, sell ${money(quote.resaleRenewalTotal!)}` : money(quote.renewalTotal);
    report.line(`Then ${renewal} per ${renewalPer}, renewing with the PBX on ${formatDate(quote.renewalDate)}`, { align: 'right' });
  } else {
    report.line('The PBX is cancelled: these services end with it and do not renew.', { align: 'right' });
  }
  report.space(10);
  report.line('How the first charge is computed', { bold: true, size: 9 });
  report.paragraph(
    `Each line is charged pro rata for the days it runs: price per ${per} × quantity × days of service ÷ days of the PBX's current period, rounded once, half up, to the cent. The total is the sum of the rounded lines.${twoSided ? ' The figures below are the buy side; the sell side is computed the same way from the resale prices.' : ''}`,
  );
  for (const text of explainQuote(quote, quote.lines.length > COMPACT_EXPLANATION_LINES)) report.paragraph(text);
  if (customerCopy) {
    report.space(8);
    report.line('Terms', { bold: true, size: 9 });
    for (const text of bindingTerms(document.quote, document.pbx, identity?.paymentTerms ?? null)) report.paragraph(text);
  }
  await report.finish();
}
