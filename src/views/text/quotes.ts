import { PER_TERM } from '../../terms/term.js';
import type { CaseCheckJson, QuoteJson, QuoteLineJson, QuoteRecordJson, QuoteResultJson, SentLineJson, SentQuoteJson } from '../json/quotes.js';
import type { ListingView } from './listing.js';
import { money } from './money.js';
import { type Style, renderTable } from './style.js';

export type Side = 'buy' | 'sell' | 'both';

/** A quote (or an order's figures) for people: the header facts, the lines, the totals. */
export function quoteText(style: Style, quote: QuoteJson, title: string, side: Side = 'both'): string {
  // Without a resale side (staff ad hoc, no store) there is only the buy side to show.
  const buy = side !== 'sell' || quote.resaleTotal === null;
  const sell = side !== 'buy' && quote.resaleTotal !== null;
  const { chalk } = style;
  const m = (amount: string) => money(amount, quote.currency);
  const out: string[] = [chalk.bold(title)];
  out.push(
    `Term: ${quote.term}, activated ${quote.activated}; currency ${quote.currency}`,
    `Period: ${quote.start} to ${quote.end}: ${quote.days} of ${quote.periodDays} days (the PBX's period began ${quote.periodStart})`,
    '',
  );
  const per = PER_TERM[quote.term];
  out.push(
    renderTable<QuoteLineJson>(
      style,
      [
        { header: 'SKU', value: (l) => l.sku },
        { header: 'Product', value: (l) => l.name, shrink: true },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        ...(buy
          ? [
              { header: `${sell ? 'Buy' : 'Unit'} / ${per}`, value: (l: QuoteLineJson) => m(l.unitPrice), align: 'right' as const, ...(sell ? { drop: 3 } : {}) },
              { header: sell ? 'Buy first' : 'First charge', value: (l: QuoteLineJson) => m(l.amount), align: 'right' as const },
            ]
          : []),
        ...(sell
          ? [
              { header: `${buy ? 'Sell' : 'Unit'} / ${per}`, value: (l: QuoteLineJson) => m(l.resaleUnitPrice!), align: 'right' as const, ...(buy ? { drop: 2 } : {}) },
              { header: buy ? 'Sell first' : 'First charge', value: (l: QuoteLineJson) => m(l.resaleAmount!), align: 'right' as const },
            ]
          : []),
        ...(buy && sell ? [{ header: 'Margin', value: (l: QuoteLineJson) => m(l.margin!), align: 'right' as const }] : []),
        { header: buy && sell ? 'Buy renewal' : 'Renewal', value: (l) => m(sell && !buy ? l.resaleRenewal! : l.renewal), align: 'right', drop: 1 },
      ],
      quote.lines,
    ),
  );
  out.push('');
  const period = `(${quote.start} to ${quote.end})`;
  if (buy) out.push(`Total first charge${sell ? ' (buy)' : ''}: ${chalk.bold(m(quote.total))} ${period}`);
  if (sell) out.push(`Total first charge${buy ? ' (sell)' : ''}: ${chalk.bold(m(quote.resaleTotal!))} ${period}`);
  if (buy && sell) out.push(`Margin: ${m(quote.marginTotal!)}${quote.marginPercent === null ? '' : ` (${quote.marginPercent} % of the resale total)`}`);
  if (quote.renewalDate !== null && quote.renewalTotal !== null) {
    const renewal = [buy ? m(quote.renewalTotal) + (sell ? ' (buy)' : '') : null, sell ? m(quote.resaleRenewalTotal!) + (buy ? ' (sell)' : '') : null].filter(Boolean).join(', ');
    const renewalTerm = quote.renewalTerm ?? quote.term;
    out.push(`Renews on ${quote.renewalDate} at ${renewal} per ${PER_TERM[renewalTerm]}, together with the PBX${renewalTerm !== quote.term ? `, which changes to ${renewalTerm} then` : ''}.`);
  } else {
    out.push(chalk.yellow('The PBX is cancelled: these services end with it and do not renew.'));
  }
  return out.join('\n');
}

/** `quote` for people: the table, where its prices come from, and the arithmetic when asked. */
export function quoteResultText(style: Style, result: QuoteResultJson, side: Side): string {
  const { quote, pbx, priceBook } = result;
  const title = pbx ? `Quote for ${pbx.id} (${pbx.name}), customer ${pbx.customer}` : 'Ad-hoc quote';
  const out = [quoteText(style, quote, title, side)];
  if (side !== 'sell') {
    out.push(
      priceBook.validFrom !== null
        ? `Prices: the ${priceBook.tier} ${quote.currency} price book valid from ${priceBook.validFrom}.`
        : `Prices: as given on each line (no ${priceBook.tier} ${quote.currency} price book is in force on ${quote.start}).`,
    );
  }
  if (result.explanation) {
    // Both sides: the buy side's arithmetic (the sell side's is the same rule).
    const note = side === 'both' && quote.resaleTotal !== null ? ['  (The buy side; the sell side is computed the same way from the resale prices: --side sell shows it.)'] : [];
    out.push(['', 'How the figures were reached:', ...result.explanation.map((line) => `  ${line}`), ...note].join('\n'));
  }
  return out.join('\n');
}

/** `quote --file --check` for people: a tick or a cross per case, and the count. */
export function caseChecksText(style: Style, checks: readonly CaseCheckJson[]): string {
  const { chalk } = style;
  const lines = checks.map((result) => {
    if (result.passed) return `${chalk.green('✓')} ${result.name}`;
    const why = result.reason ? [result.reason] : result.differences.map((d) => `${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.got)}`);
    return `${chalk.red('✗')} ${result.name}: ${why.join('; ')}`;
  });
  const failed = checks.filter((c) => !c.passed).length;
  lines.push(`${checks.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}

export const QUOTES: ListingView<QuoteRecordJson> = {
  columns: (viewer) => [
    { header: 'Number', value: (q) => q.number },
    ...(viewer === 'partner' ? [] : [{ header: 'Partner', value: (q: QuoteRecordJson) => q.partner }]),
    { header: 'Customer', value: (q) => q.customer ?? '' },
    { header: 'PBX', value: (q) => q.pbx ?? '', drop: 2 },
    { header: 'Issued', value: (q) => q.issuedOn, drop: 1 },
    { header: 'Valid until', value: (q) => (q.expired ? { text: q.validUntil, paint: 'grey' } : q.validUntil), drop: 1 },
    { header: 'Status', value: (q) => statusText(q) },
    { header: 'Customer pays', value: (q) => money(q.resaleTotal, q.currency), align: 'right' },
    { header: 'Margin', value: (q) => money(q.margin, q.currency), align: 'right', drop: 2 },
  ],
  keys: ['number', 'partner', 'customer', 'pbx', 'issuedOn', 'validUntil', 'currency', 'resaleTotal', 'total', 'margin', 'createdBy', 'status', 'order', 'decidedAt', 'decidedBy'],
  empty: 'No quotes sent yet: `hwaas quote --pbx ID --item SKU=QTY --format pdf` writes and records one.',
};

/** What became of a quote, in a word (the order made from it named). */
const statusText = (q: QuoteRecordJson) => (q.status === 'ordered' && q.order ? `ordered ${q.order}` : q.status === 'expired' ? { text: 'expired', paint: 'grey' as const } : q.status);

/** After `quotes accept|decline`: one sentence and what comes next. */
export function quoteDecidedText(q: QuoteRecordJson): string {
  return q.status === 'accepted'
    ? `${q.number} accepted by the customer: valid until ${q.validUntil}; order it at its prices with \`hwaas order --from-quote ${q.number} --save\` (or --checkout).`
    : `${q.number} declined by the customer: it will not become an order.`;
}

/** `quotes show` for people: what the document said, line by line. */
export function sentQuoteText(style: Style, q: SentQuoteJson): string {
  const { chalk } = style;
  const d = q.quote;
  const out = [
    `${chalk.bold(`Quote ${q.number}`)} from ${q.partner}${q.customer ? ` to ${q.customerName ?? q.customer} (${q.customer})` : ''}`,
    `Issued ${q.issuedOn} by ${q.createdBy}, valid until ${q.validUntil}${q.expired ? ' (expired)' : ''}. Status: ${q.status}${q.order ? ` (${q.order})` : ''}${q.decidedAt && q.status !== 'expired' ? `, ${q.decidedAt.slice(0, 10)} by ${q.decidedBy}` : ''}.`,
    `${q.pbx ? `PBX ${q.pbx} (${q.pbxName ?? q.pbx}), ` : ''}${d.term}: ${d.start} to ${d.end}, ${d.days} of ${d.periodDays} days. Prices: the ${q.priceBook.tier} ${q.currency} price book${q.priceBook.book ? ` valid from ${q.priceBook.book}` : ''}.`,
    '',
    renderTable(
      style,
      [
        { header: 'SKU', value: (l: SentLineJson) => l.sku },
        { header: 'Product', value: (l) => l.name },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        { header: 'Sell / unit', value: (l) => l.resaleUnitPrice, align: 'right' },
        { header: 'First charge', value: (l) => l.resaleAmount, align: 'right' },
        { header: 'Buy first', value: (l) => l.amount, align: 'right' },
        { header: 'Margin', value: (l) => l.margin, align: 'right' },
      ],
      d.lines,
    ),
    `\nThe customer pays ${q.resaleTotal} ${q.currency} (excl. VAT)${d.renewalDate ? `, then ${d.resaleRenewalTotal} per term from ${d.renewalDate}` : ''}; you pay ${q.total}; margin ${q.margin}.`,
  ];
  return out.join('\n');
}
