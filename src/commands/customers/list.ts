import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { CUSTOMER_KEYS, customerJson, IMPORT_CSV } from '../../cli/views.js';
import { UsageError } from '../../errors.js';
import { listCustomers } from '../../domain/parties/customers.js';
import type { Customer } from '../../domain/kernel/model.js';
import { checkText, isInvisible } from '../../domain/kernel/text.js';

export const command = defineCommand({
  path: ['customers', 'list'],
  description: 'customers, sorted by name',
  options: {
    partner: option.string('--partner <id>', "only this partner's customers (staff)"),
    search: option.string('--search <text>', 'names containing this text, ignoring case and accents ("lodz" finds "Łódź", "mueller" finds "Müller"), or an ID, VAT number or e-mail'),
    limit: option.string('--limit <n>', 'at most this many'),
    format: formatOption(),
  },
  examples: ['hwaas customers list', 'hwaas customers list --search muller', 'hwaas customers list --format csv > customers.csv'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const limit = parseWholeNumber(options.limit, '--limit', 1, 1_000_000);
    if (options.search !== undefined && isInvisible(checkText(options.search, '--search'))) {
      throw new UsageError('--search: give some text to look for (it is blank); leave --search out to list everyone.');
    }
    const actor = await ctx.actor();
    const { customers, total } = await listCustomers(await ctx.store(), actor, { partner: options.partner, search: options.search, limit });
    await printListing(ctx, format, customers, {
      columns: [
        { header: 'ID', value: (c: Customer) => c.id },
        { header: 'Name', value: (c) => c.name, shrink: true },
        ...(actor.scope.kind === 'staff' ? [{ header: 'Partner', value: (c: Customer) => c.partner }] : []),
        { header: 'Country', value: (c) => c.country ?? '', drop: 1 },
        { header: 'VAT', value: (c) => c.vat ?? '', drop: 2 },
        { header: 'E-mail', value: (c) => c.email ?? '', shrink: true, drop: 3 },
      ],
      toJson: customerJson,
      keys: CUSTOMER_KEYS,
      csv: IMPORT_CSV.customers,
      empty: options.search ? `No customer matches "${options.search}" (name, ID, VAT number or e-mail).` : 'No customers yet: add one with `hwaas customers add --name NAME`.',
    });
    if (format === 'table' && customers.length < total) ctx.err(`Showing ${customers.length} of ${total}; a larger --limit shows more.`);
  },
});
