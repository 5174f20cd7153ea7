import type { Context } from '../../cli/context.js';
import type { OrderJson } from '../../views/json/orders.js';
import { negotiatedPrices } from '../../views/text/orders.js';

/** The order JSON of the contract (docs/cli.md): what `--json` prints of an order. */
export function orderContract(order: OrderJson): Omit<OrderJson, 'customerName' | 'problem' | 'renewalDate' | 'renewalTerm' | 'periodStart' | 'days' | 'periodDays' | 'activated'> {
  const { customerName: _a, problem: _b, renewalDate: _c, renewalTerm: _d, periodStart: _e, days: _f, periodDays: _g, activated: _h, ...contract } = order;
  return contract;
}

/** After a state change: the order JSON, or one line for people (with the checkout's warnings right after checkout, and negotiated prices when asked). */
export function printChanged(ctx: Context, order: OrderJson, sentence: string, options: { warnings?: boolean; negotiated?: boolean } = {}): void {
  if (ctx.json) {
    ctx.printJson(orderContract(order));
    return;
  }
  ctx.out(sentence);
  if (options.warnings) for (const warning of order.warnings) ctx.out(ctx.style.chalk.yellow(`⚠ ${warning}`));
  // Nobody approves a negotiated price without seeing it.
  if (options.negotiated) for (const note of negotiatedPrices(order)) ctx.out(ctx.style.chalk.yellow(`⚠ ${note}`));
}
