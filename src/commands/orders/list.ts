import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { ORDER_STATUSES } from '../../domain/kernel/model.js';
import { ORDERS } from '../../views/text/orders.js';

export const command = defineCommand({
  description: "orders, oldest first; a draft's total (~) is what it cost when saved: checkout re-prices it",
  options: {
    status: option.choice('--status <status>', 'only orders in this state', ORDER_STATUSES),
    customer: option.string('--customer <id>', "only this customer's orders"),
    partner: option.string('--partner <id>', "staff: only this partner's orders"),
    from: option.string('--from <date>', 'only orders placed (a draft: created) on or after this day'),
    to: option.string('--to <date>', 'only orders placed (a draft: created) on or before this day'),
    imported: option.flag('--imported', 'also the running lines brought in by `hwaas import services`'),
    format: formatOption(),
  },
  examples: ['hwaas orders list --status draft', 'hwaas --as USR-101 orders list --partner PTR-001 --from 2026-11-01 --to 2026-11-30', 'hwaas orders list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const listing = await (await ctx.useCases()).orders.list({
      status: options.status,
      customer: options.customer,
      partner: options.partner,
      from: options.from,
      to: options.to,
      imported: options.imported === true,
    });
    const filtered = [options.status, options.customer, options.partner, options.from, options.to].some((v) => v !== undefined);
    await printListing(
      ctx,
      format,
      listing,
      ORDERS((iso) => ctx.timeOf(iso)),
      filtered ? 'No orders match: `hwaas orders list` without filters lists them all.' : undefined,
    );
  },
});
