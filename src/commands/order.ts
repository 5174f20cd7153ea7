import type { Context } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { checkPriceOverrides, orderToJson, placeOrder, saveDraft } from '../domain/orders.js';
import { makeQuote, storeQuoteSources } from '../domain/quoting.js';
import { parseItemFlags } from '../domain/pricing.js';
import { orderId } from '../store/orders.js';
import { formatDate } from '../terms/dates.js';
import { formatMoney } from '../terms/money.js';
import { parseTerm } from '../terms/term.js';
import { actor } from './orders/common.js';

export interface OrderOptions {
  customer?: string;
  pbx?: string;
  term?: string;
  item: string[];
  save?: boolean;
  checkout?: boolean;
  yes?: boolean;
}

export async function run(ctx: Context, options: OrderOptions): Promise<number> {
  const scripted = options.customer !== undefined || options.pbx !== undefined || options.item.length > 0 || options.save || options.checkout;
  if (!scripted) {
    if (!ctx.canPrompt) {
      throw new UsageError('hwaas order without flags is an interactive session and needs a terminal; in a script give --customer, --pbx, --item and --save or --checkout.', 'USAGE');
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
    term: options.term === undefined ? null : parseTerm(options.term),
    items: parseItemFlags(options.item),
  };
  const store = await ctx.store();
  const scope = await ctx.scope();
  const who = await actor(ctx);
  checkPriceOverrides(who.user, request.items);
  if (options.save) {
    const { seq, quote } = saveDraft(store, who, request);
    const order = store.orders.get(scope, seq)!;
    if (ctx.json) ctx.printJson(orderToJson(store, scope, order, ctx.today));
    else ctx.out(`Saved draft ${order.id}: ${formatMoney(quote.total, quote.currency)} if checked out today; check out with \`hwaas orders checkout ${order.id}\`.`);
    return 0;
  }
  // The amount is said before the question; a refusal (a PBX that does not fit, an unknown SKU) comes first.
  const preview = options.yes ? null : makeQuote(storeQuoteSources(store, scope), { pbx: request.pbx, term: request.term, start: ctx.today, items: request.items }).quote;
  const amount = preview ? ` for ${formatMoney(preview.total, preview.currency)}` : '';
  if (!(await ctx.confirm(options.yes, `Place an HWaaS order for ${request.customer} on ${request.pbx}${amount}?`))) {
    ctx.err('Nothing placed.');
    return 1;
  }
  const order = placeOrder(store, who, request);
  if (ctx.json) {
    ctx.printJson(orderToJson(store, scope, order, ctx.today));
    return 0;
  }
  ctx.out(`Placed ${orderId(order.seq)}: first charge ${formatMoney(order.total!, order.currency)}, ending with PBX ${order.pbx} on ${formatDate(order.end!)}.`);
  for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
  return 0;
}
