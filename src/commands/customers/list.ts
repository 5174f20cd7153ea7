import type { Context } from '../../cli/context.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { checkText, isInvisible } from '../../domain/text.js';
import type { Customer } from '../../domain/model.js';

export const customerToJson = (c: Customer) => ({ id: c.id, name: c.name, partner: c.partner, country: c.country, vat: c.vat, email: c.email });

export async function run(ctx: Context, options: { partner?: string; search?: string; limit?: string; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const limit = parseWholeNumber(options.limit, '--limit', 1, 1_000_000);
  if (options.search !== undefined && isInvisible(checkText(options.search, '--search'))) {
    throw new UsageError('--search: give some text to look for (it is blank); leave --search out to list everyone.');
  }
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (options.partner !== undefined && scope.kind === 'partner' && options.partner !== scope.partnerId) {
    throw new NotFoundError('partner', options.partner);
  }
  const customers = store.customers.list(scope, { partner: options.partner, search: options.search, limit });
  await printListing(ctx, format, customers, {
    columns: [
      { header: 'ID', value: (c: Customer) => c.id },
      { header: 'Name', value: (c) => c.name },
      ...(scope.kind === 'staff' ? [{ header: 'Partner', value: (c: Customer) => c.partner }] : []),
      { header: 'Country', value: (c) => c.country ?? '' },
      { header: 'VAT', value: (c) => c.vat ?? '' },
      { header: 'E-mail', value: (c) => c.email ?? '' },
    ],
    toJson: customerToJson,
    keys: ['id', 'name', 'partner', 'country', 'vat', 'email'],
    empty: options.search ? `No customer's name contains "${options.search}".` : 'No customers yet: add one with `hwaas customers add --name NAME`.',
  });
}
