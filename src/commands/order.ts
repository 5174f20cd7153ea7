import { defineCommand, option } from '../cli/command.js';
import type { Context } from '../cli/context.js';
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
    fromQuote: option.string('--from-quote <number>', "the order of a quote sent to the customer (Q-YYYY-NNNNN): its PBX and lines, at the quote's customer prices while it is valid"),
    reprice: option.flag('--reprice', "with --from-quote: the quote's lines at today's prices (an expired quote, or one for another term)"),
    partner: option.string('--partner <id>', 'with --from-quote, staff: the partner that issued the quote, when two partners have the number'),
  },
  examples: [
    'hwaas order',
    'hwaas order --customer CUS-0001 --pbx PBX-1001 --item WP480G=5 --item MONOLED=5 --save',
    'hwaas order --customer CUS-0001 --pbx PBX-1001 --term yearly --item WP480G=5 --checkout --yes --json',
    'hwaas order --from-quote Q-2026-00001 --checkout --yes',
    'hwaas order --from-quote Q-2026-00001 --reprice --save',
  ],
  // The session and --save/--checkout all write.
  writes: true,
  async run(ctx, options) {
    if (options.fromQuote !== undefined) return fromQuote(ctx, options);
    if (options.reprice) throw new UsageError('--reprice goes with --from-quote: it reprices the lines of a quote.', 'USAGE');
    if (options.partner !== undefined) throw new UsageError('--partner goes with --from-quote: an order is for the partner of its customer.', 'USAGE');
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

interface FromQuoteOptions {
  readonly fromQuote?: string;
  readonly reprice?: boolean;
  readonly partner?: string;
  readonly customer?: string;
  readonly pbx?: string;
  readonly term?: string;
  readonly item: readonly string[];
  readonly save?: boolean;
  readonly checkout?: boolean;
  readonly yes?: boolean;
}

/** `order --from-quote`: the quote's PBX and lines, saved or checked out. */
async function fromQuote(ctx: Context, options: FromQuoteOptions): Promise<number> {
  const number = options.fromQuote!;
  for (const [flag, given] of [
    ['--customer', options.customer !== undefined],
    ['--pbx', options.pbx !== undefined],
    ['--term', options.term !== undefined],
    ['--item', options.item.length > 0],
  ] as const) {
    if (given) throw new UsageError(`${flag} goes without --from-quote: an order from a quote has the quote's customer, PBX and lines.`, 'USAGE');
  }
  if (options.save && options.checkout) throw new UsageError('give --save or --checkout, not both.', 'USAGE');
  if (!options.save && !options.checkout) throw new UsageError('missing --save or --checkout: save a draft from the quote, or place the order now.', 'USAGE');
  const cases = await ctx.useCases();
  const input = { number, partner: options.partner ?? null, reprice: options.reprice === true };
  let day: string | null = null;
  if (options.checkout) {
    const preview = options.yes ? null : await cases.orders.previewFromQuote(input);
    const amount = preview
      ? ` for ${money(preview.total, preview.currency)} (what you pay now, the first charge${preview.resaleTotal === null ? '' : `; your customer pays ${money(preview.resaleTotal, preview.currency)}`})`
      : '';
    if (!(await ctx.prompts.confirm(options.yes, `Place the HWaaS order of quote ${number.trim().toUpperCase()}${amount}?`))) {
      ctx.err('Nothing placed.');
      return 1;
    }
    day = preview?.day ?? null;
  }
  const order = await cases.orders.fromQuote({ ...input, checkout: options.checkout === true, day });
  if (ctx.json) {
    ctx.printJson(orderContract(order));
    return 0;
  }
  if (options.save) ctx.out(`Saved draft ${order.id} from ${order.quote}: ${money(order.total!, order.currency)} if checked out today; check out with \`hwaas orders checkout ${order.id}\`.`);
  else {
    ctx.out(placedText(order, false));
    for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
  }
  return 0;
}
