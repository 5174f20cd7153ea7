import type { Context } from '../../cli/context.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { NotFoundError } from '../../errors.js';
import type { Agreement } from '../../store/ledger.js';
import { formatDate } from '../../terms/dates.js';

export const agreementToJson = (a: Agreement) => ({ id: a.id, customer: a.customer, signedOn: formatDate(a.signedOn), file: a.file });

export async function run(ctx: Context, options: { customer?: string; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (options.customer !== undefined && !store.customers.get(scope, options.customer)) throw new NotFoundError('customer', options.customer);
  await printListing(ctx, format, store.ledger.agreements(scope, options.customer), {
    columns: [
      { header: 'ID', value: (a: Agreement) => a.id },
      { header: 'Customer', value: (a) => a.customer },
      { header: 'Signed on', value: (a) => formatDate(a.signedOn) },
      { header: 'File', value: (a) => a.file ?? '' },
    ],
    toJson: agreementToJson,
    keys: ['id', 'customer', 'signedOn', 'file'],
    empty: 'No signed HWaaS agreements on file: register one with `hwaas agreements add --customer ID --signed-on YYYY-MM-DD`.',
  });
}
