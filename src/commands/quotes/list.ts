import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import type { QuoteRecord } from '../../domain/kernel/model.js';
import { listQuotes } from '../../domain/quoting/quotes.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount, formatMoney } from '../../terms/money.js';

export const quoteRecordJson = (q: QuoteRecord) => ({
  number: q.number,
  partner: q.partner,
  customer: q.customer,
  pbx: q.pbx,
  issuedOn: formatDate(q.issuedOn),
  validUntil: formatDate(q.validUntil),
  currency: q.currency,
  resaleTotal: formatAmount(q.resaleTotal),
  total: formatAmount(q.total),
  margin: formatAmount(q.resaleTotal - q.total),
  createdBy: q.createdBy,
});

export const command = defineCommand({
  path: ['quotes', 'list'],
  description: 'the quotes sent to customers, oldest first: number, customer, PBX, validity, totals',
  options: {
    customer: option.string('--customer <id>', "only this customer's quotes"),
    partner: option.string('--partner <id>', "staff: only this partner's quotes"),
    format: formatOption(),
  },
  examples: ['hwaas quotes list', 'hwaas quotes list --customer CUS-0001 --json'],
  async run(ctx, options) {
    const store = await ctx.store();
    const actor = await ctx.actor();
    const quotes = await listQuotes(store, actor, { customer: options.customer?.trim().toUpperCase() ?? null, partner: options.partner?.trim().toUpperCase() ?? null });
    await printListing(ctx, listFormat(ctx, options.format), quotes, {
      columns: [
        { header: 'Number', value: (q: QuoteRecord) => q.number },
        ...(actor.scope.kind === 'partner' ? [] : [{ header: 'Partner', value: (q: QuoteRecord) => q.partner }]),
        { header: 'Customer', value: (q) => q.customer ?? '' },
        { header: 'PBX', value: (q) => q.pbx ?? '', drop: 2 },
        { header: 'Issued', value: (q) => formatDate(q.issuedOn), drop: 1 },
        { header: 'Valid until', value: (q) => (q.validUntil < actor.today ? { text: `${formatDate(q.validUntil)} (expired)`, paint: 'grey' } : formatDate(q.validUntil)) },
        { header: 'Customer pays', value: (q) => formatMoney(q.resaleTotal, q.currency), align: 'right' },
        { header: 'Margin', value: (q) => formatMoney(q.resaleTotal - q.total, q.currency), align: 'right' },
      ],
      toJson: quoteRecordJson,
      keys: ['number', 'partner', 'customer', 'pbx', 'issuedOn', 'validUntil', 'currency', 'resaleTotal', 'total', 'margin', 'createdBy'],
      empty: 'No quotes sent yet: `hwaas quote --pbx ID --item SKU=QTY --format pdf` writes and records one.',
    });
  },
});
