import { formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { type Quote, type QuoteLine, explainQuote } from '../terms/quote.js';
import { PER_TERM } from '../terms/term.js';
import { type Style, renderTable } from './style.js';


/** A quote (or a placed order's figures) for people: the header facts, the lines, the totals. */
export function renderQuote(style: Style, quote: Quote, title: string): string {
  const { chalk } = style;
  const money = (minor: bigint) => formatMoney(minor, quote.currency);
  const out: string[] = [];
  out.push(chalk.bold(title));
  out.push(
    `Term: ${quote.term}, activated ${formatDate(quote.activated)}; currency ${quote.currency}`,
    `Period: ${formatDate(quote.start)} to ${formatDate(quote.end)}: ${quote.days} of ${quote.periodDays} days (the PBX's period began ${formatDate(quote.periodStart)})`,
    '',
  );
  out.push(
    renderTable<QuoteLine>(
      style,
      [
        { header: 'SKU', value: (l) => l.sku },
        { header: 'Product', value: (l) => l.name },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        { header: `Unit / ${PER_TERM[quote.term]}`, value: (l) => money(l.unitPrice), align: 'right' },
        { header: 'First charge', value: (l) => money(l.amount), align: 'right' },
        { header: 'Renewal', value: (l) => money(l.renewal), align: 'right' },
      ],
      quote.lines,
    ),
  );
  out.push('');
  out.push(`Total first charge: ${chalk.bold(money(quote.total))} (${formatDate(quote.start)} to ${formatDate(quote.end)})`);
  if (quote.renewalDate !== null && quote.renewalTotal !== null) {
    out.push(`Renews on ${formatDate(quote.renewalDate)} at ${money(quote.renewalTotal)} per ${PER_TERM[quote.term]}, together with the PBX.`);
  } else {
    out.push(chalk.yellow('The PBX is cancelled: these services end with it and do not renew.'));
  }
  return out.join('\n');
}

export function renderExplanation(quote: Quote): string {
  return ['', 'How the figures were reached:', ...explainQuote(quote).map((line) => `  ${line}`)].join('\n');
}
