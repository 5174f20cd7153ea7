import { defineCommand, option } from '../cli/command.js';
import { parseItemFlags } from '../cli/items.js';
import { orderJson } from '../cli/views.js';
import { UsageError } from '../errors.js';
import { placeOrder, saveDraft } from '../domain/ordering/orders.js';
import { formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { parseTerm } from '../terms/term.js';
import { dayChanged } from './orders/common.js';
import { checkPriceOverrides } from '../domain/ordering/checkout.rules.js';
import { orderView, previewOrder } from '../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['order'],
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
        throw new UsageError(`hwaas order without flags is an interactive session, and ${ctx.whyNoPrompt}; in a script give --customer, --pbx, --item and --save or --checkout.`, 'USAGE');
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
      items: parseItemFlags(options.item),
    };
    const store = await ctx.store();
    const shown = await ctx.actor();
    checkPriceOverrides(shown.user, request.items);
    if (options.save) {
      const { order, quote } = await saveDraft(store, shown, request);
      if (ctx.json) ctx.printJson(orderJson(await orderView(store, shown, order)));
      else ctx.out(`Saved draft ${order.id}: ${formatMoney(quote.total, quote.currency)} if checked out today; check out with \`hwaas orders checkout ${order.id}\`.`);
      return 0;
    }
    // The amount is said before the question; a refusal (a PBX that does not fit, an unknown SKU) comes first.
    const preview = options.yes ? null : await previewOrder(store, shown, request);
    const amount = preview ? ` for ${formatMoney(preview.total, preview.currency)}` : '';
    if (!(await ctx.confirm(options.yes, `Place an HWaaS order for ${request.customer} on ${request.pbx}${amount}?`))) {
      ctx.err('Nothing placed.');
      return 1;
    }
    // Read again after the question: a prompt may stay open past midnight.
    const actor = await ctx.actor();
    if (preview && actor.today !== shown.today) throw dayChanged('the order');
    const order = await placeOrder(store, actor, request);
    if (ctx.json) {
      ctx.printJson(orderJson(await orderView(store, actor, order)));
      return 0;
    }
    ctx.out(`Placed ${order.id}: first charge ${formatMoney(order.total!, order.currency)}, ending with PBX ${order.pbx} on ${formatDate(order.end!)}.`);
    for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
    return 0;
  },
});
