import { formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { type Quote, type QuoteLine, explainQuote, resaleSide } from '../terms/quote.js';
import { PER_TERM } from '../terms/term.js';
import { type Style, renderTable } from './style.js';


/** A quote (or a placed order's figures) for people: the header facts, the lines, the totals. */
export function renderQuote(style: Style, quote: Quote, title: string, side: 'buy' | 'sell' | 'both' = 'both'): string {
  // Without a resale side (staff ad hoc, no store) there is only the buy side to show.
  const buy = side !== 'sell' || quote.resaleTotal === null;
  const sell = side !== 'buy' && quote.resaleTotal !== null;
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
        { header: 'Product', value: (l) => l.name, shrink: true },
        { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
        ...(buy
          ? [
              { header: `${sell ? 'Buy' : 'Unit'} / ${PER_TERM[quote.term]}`, value: (l: QuoteLine) => money(l.unitPrice), align: 'right' as const, ...(sell ? { drop: 3 } : {}) },
              { header: sell ? 'Buy first' : 'First charge', value: (l: QuoteLine) => money(l.amount), align: 'right' as const },
            ]
          : []),
        ...(sell
          ? [
              { header: `${buy ? 'Sell' : 'Unit'} / ${PER_TERM[quote.term]}`, value: (l: QuoteLine) => money(l.resaleUnitPrice!), align: 'right' as const, ...(buy ? { drop: 2 } : {}) },
              { header: buy ? 'Sell first' : 'First charge', value: (l: QuoteLine) => money(l.resaleAmount!), align: 'right' as const },
            ]
          : []),
        ...(buy && sell ? [{ header: 'Margin', value: (l: QuoteLine) => money(l.margin!), align: 'right' as const }] : []),
        { header: buy && sell ? 'Buy renewal' : 'Renewal', value: (l) => money(sell && !buy ? l.resaleRenewal! : l.renewal), align: 'right', drop: 1 },
      ],
      quote.lines,
    ),
  );
  out.push('');
  const period = `(${formatDate(quote.start)} to ${formatDate(quote.end)})`;
  if (buy) out.push(`Total first charge${sell ? ' (buy)' : ''}: ${chalk.bold(money(quote.total))} ${period}`);
  if (sell) out.push(`Total first charge${buy ? ' (sell)' : ''}: ${chalk.bold(money(quote.resaleTotal!))} ${period}`);
  if (buy && sell) out.push(`Margin: ${money(quote.marginTotal!)}${quote.marginPercent === null ? '' : ` (${quote.marginPercent} % of the resale total)`}`);
  if (quote.renewalDate !== null && quote.renewalTotal !== null) {
    const renewal = [buy ? money(quote.renewalTotal) + (sell ? ' (buy)' : '') : null, sell ? money(quote.resaleRenewalTotal!) + (buy ? ' (sell)' : '') : null].filter(Boolean).join(', ');
    out.push(`Renews on ${formatDate(quote.renewalDate)} at ${renewal} per ${PER_TERM[quote.renewalTerm ?? quote.term]}, together with the PBX${quote.renewalTerm && quote.renewalTerm !== quote.term ? `, which changes to ${quote.renewalTerm} then` : ''}.`);
  } else {
    out.push(chalk.yellow('The PBX is cancelled: these services end with it and do not renew.'));
  }
  return out.join('\n');
}

export function renderExplanation(quote: Quote, side: 'buy' | 'sell' | 'both' = 'both'): string {
  // Sell only: the arithmetic of the resale figures, the ones shown; otherwise the buy side's (the sell side's is the same rule).
  const shown = side === 'sell' && quote.resaleTotal !== null ? resaleSide(quote) : quote;
  const note = side === 'both' && quote.resaleTotal !== null ? ['  (The buy side; the sell side is computed the same way from the resale prices: --side sell shows it.)'] : [];
  return ['', 'How the figures were reached:', ...explainQuote(shown).map((line) => `  ${line}`), ...note].join('\n');
}
