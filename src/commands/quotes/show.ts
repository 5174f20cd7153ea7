import { defineCommand, option } from '../../cli/command.js';
import { renderTable } from '../../cli/style.js';
import { showQuote } from '../../domain/quoting/quotes.js';
import { formatDate } from '../../terms/dates.js';
import { quoteRecordJson } from './list.js';

interface SentLine {
  sku: string;
  name: string;
  qty: number;
  unitPrice: string;
  resaleUnitPrice: string;
  resaleAmount: string;
  resaleRenewal: string;
  amount: string;
  margin: string;
}

interface SentDocument {
  customer: { id: string; name: string } | null;
  pbx: { id: string; name: string } | null;
  priceBook: { tier: string; book: string | null };
  quote: { term: string; start: string; end: string; days: number; periodDays: number; renewalDate: string | null; resaleRenewalTotal: string | null; lines: SentLine[] };
}

export const command = defineCommand({
  path: ['quotes', 'show'],
  description: 'a quote sent to a customer: what its document said, line by line (with --json, both sides)',
  args: { number: { description: 'the quote number, Q-YYYY-NNNNN' } },
  options: { partner: option.string('--partner <id>', 'staff: the partner that issued it, when two partners have the number') },
  examples: ['hwaas quotes show Q-2026-00001', 'hwaas quotes show Q-2026-00001 --json'],
  async run(ctx, options, { number }) {
    const store = await ctx.store();
    const actor = await ctx.actor();
    const record = await showQuote(store, actor, number, options.partner ?? null);
    const document = JSON.parse(record.document) as SentDocument;
    if (ctx.json) {
      ctx.printJson({ ...quoteRecordJson(record), priceBook: document.priceBook, quote: document.quote });
      return;
    }
    const { chalk } = ctx.style;
    const q = document.quote;
    ctx.out(chalk.bold(`Quote ${record.number}`) + ` from ${record.partner}${document.customer ? ` to ${document.customer.name} (${document.customer.id})` : ''}`);
    ctx.out(`Issued ${formatDate(record.issuedOn)} by ${record.createdBy}, valid until ${formatDate(record.validUntil)}${record.validUntil < actor.today ? ' (expired)' : ''}.`);
    ctx.out(`${document.pbx ? `PBX ${document.pbx.id} (${document.pbx.name}), ` : ''}${q.term}: ${q.start} to ${q.end}, ${q.days} of ${q.periodDays} days. Prices: the ${document.priceBook.tier} ${record.currency} price book${document.priceBook.book ? ` valid from ${document.priceBook.book}` : ''}.`);
    ctx.out('');
    ctx.out(
      renderTable(
        ctx.style,
        [
          { header: 'SKU', value: (l: SentLine) => l.sku },
          { header: 'Product', value: (l) => l.name },
          { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
          { header: 'Sell / unit', value: (l) => l.resaleUnitPrice, align: 'right' },
          { header: 'First charge', value: (l) => l.resaleAmount, align: 'right' },
          { header: 'Buy first', value: (l) => l.amount, align: 'right' },
          { header: 'Margin', value: (l) => l.margin, align: 'right' },
        ],
        q.lines,
      ),
    );
    const json = quoteRecordJson(record);
    ctx.out(`\nThe customer pays ${json.resaleTotal} ${record.currency} (excl. VAT)${q.renewalDate ? `, then ${q.resaleRenewalTotal} per term from ${q.renewalDate}` : ''}; you pay ${json.total}; margin ${json.margin}.`);
  },
});
