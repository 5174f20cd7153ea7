import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { AGREEMENT_KEYS, agreementJson, IMPORT_CSV } from '../../cli/views.js';
import { listAgreements } from '../../domain/parties/agreements.js';
import type { Agreement } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';

export const command = defineCommand({
  path: ['agreements', 'list'],
  description: 'agreements on file',
  options: { customer: option.string('--customer <id>', "only this customer's"), format: formatOption() },
  examples: ['hwaas agreements list --customer CUS-0002'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    await printListing(ctx, format, await listAgreements(await ctx.store(), await ctx.actor(), options.customer), {
      columns: [
        { header: 'ID', value: (a: Agreement) => a.id },
        { header: 'Customer', value: (a) => a.customer },
        { header: 'Signed on', value: (a) => formatDate(a.signedOn) },
        { header: 'File', value: (a) => a.file ?? '' },
      ],
      toJson: agreementJson,
      keys: AGREEMENT_KEYS,
      csv: IMPORT_CSV.agreements,
      empty: 'No signed HWaaS agreements on file: register one with `hwaas agreements add --customer ID --signed-on YYYY-MM-DD`.',
    });
  },
});
