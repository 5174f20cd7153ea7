import { defineCommand, option } from '../cli/command.js';
import { parseItemFlags } from '../cli/items.js';
import { UsageError } from '../errors.js';
import { formatAmount } from '../terms/money.js';
import { parseTerm } from '../terms/term.js';
import { money } from '../views/text/money.js';
import { placedText } from '../views/text/orders.js';
import { orderContract } from './orders/changed.js';

export const command = defineCommand({
  description: 'order HWaaS: an interactive session at a terminal, or scripted with flags',
  options: {
    customer: option.string('--customer <id>', 'the customer'),
    pbx: option.string('--pbx <id>', "the customer's subscription PBX; everything ordered ends with it"),
    term: option.string('--term <term>', "the duration you mean (monthly, yearly, five-year): refused unless it is the PBX's term"),
    item: option.list('--item <SKU=QTY[@PRICE]>', 'a product and quantity (@PRICE: a negotiated price, staff only); repeat it'),
    save: option.flag('--save', 'save a draft to check out later'),
    checkout: option.flag('--checkout', 'place the order now'),
    yes: option.flag('--yes', 'do not ask for confirmation'),
  },
  examples: [
    'hwaas order',
    'hwaas order --customer CUS-0001 --pbx PBX-1001 --item WP480G=5 --item MONOLED=5 --save',
    'hwaas order --customer CUS-0001 --pbx PBX-1001 --term yearly --item WP480G=5 --checkout --yes --json',
  ],
  // The session and --save/--checkout all write.
  writes: true,
  async run(ctx, options) {
    const scripted = options.customer !== undefined || options.pbx !== undefined || options.item.length > 0 || options.save || options.checkout;
    if (!scripted) {
      if (!ctx.canPrompt) {
        throw new UsageError(`hwaas order without flags is an interactive session, and ${ctx.prompts.whyNot}; in a script give --customer, --pbx, --item and --save or --checkout.`, 'USAGE');
      }
      const { orderSession } = await import('./order/session.js');
      return orderSession(ctx);
    }
    if (options.save && options.checkout) throw new UsageError('give --save or --checkout, not both.', 'USAGE');
    if (!options.save && !options.checkout) throw new UsageError('missing --save or --checkout: save a draft to check out later, or place the order now.', 'USAGE');
    if (options.customer === undefined) throw new UsageError('missing --customer: the customer the order is for.', 'USAGE');
    if (options.pbx === undefined) throw new UsageError('missing --pbx: the subscription PBX the devices are attached to.', 'USAGE');
    const request = {
      customer: options.customer,
      pbx: options.pbx,
      term: options.term === undefined ? null : parseTerm(options.term, '--term'),
      items: parseItemFlags(options.item).map((i) => ({ sku: i.sku, qty: i.qty, price: i.price === null ? null : formatAmount(i.price) })),
    };
    const cases = await ctx.useCases();
    if (options.save) {
      const order = await cases.orders.save(request);
      if (ctx.json) ctx.printJson(orderContract(order));
      else ctx.out(`Saved draft ${order.id}: ${money(order.total!, order.currency)} if checked out today; check out with \`hwaas orders checkout ${order.id}\`.`);
      return 0;
    }
    // The amount is said before the question; a refusal (a PBX that does not fit, an unknown SKU) comes first.
    const preview = options.yes ? null : await cases.orders.preview(request);
    const amount = preview ? ` for ${money(preview.total, preview.currency)}` : '';
    if (!(await ctx.prompts.confirm(options.yes, `Place an HWaaS order for ${request.customer} on ${request.pbx}${amount}?`))) {
      ctx.err('Nothing placed.');
      return 1;
    }
    // Placed on the day the amount was shown for: a prompt may stay open past midnight.
    const order = await cases.orders.place({ ...request, day: preview?.day ?? null });
    if (ctx.json) {
      ctx.printJson(orderContract(order));
      return 0;
    }
    ctx.out(placedText(order, false));
    for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
    return 0;
  },
});
