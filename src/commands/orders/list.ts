import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { ORDER_STATUSES } from '../../domain/kernel/model.js';
import { ORDERS } from '../../views/text/orders.js';

export const command = defineCommand({
  description: "orders, oldest first; a draft's total (~) is what it cost when saved: checkout re-prices it",
  options: {
    status: option.choice('--status <status>', 'only orders in this state', ORDER_STATUSES),
    customer: option.string('--customer <id>', "only this customer's orders"),
    format: formatOption(),
  },
  examples: ['hwaas orders list --status draft', 'hwaas orders list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const listing = await (await ctx.useCases()).orders.list({ status: options.status, customer: options.customer });
    const filtered = options.status !== undefined || options.customer !== undefined;
    await printListing(
      ctx,
      format,
      listing,
      ORDERS((iso) => ctx.timeOf(iso)),
      filtered ? 'No orders match: `hwaas orders list` without --status and --customer lists them all.' : undefined,
    );
  },
});
