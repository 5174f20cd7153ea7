import type { Context } from '../../cli/context.js';
import { NotFoundError } from '../../errors.js';
import { checkout, orderFigures } from '../../domain/orders.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { actor, parseOrderId, printChanged } from './common.js';

export async function run(ctx: Context, options: { yes?: boolean }, id: string): Promise<number> {
  const seq = parseOrderId(id);
  const store = await ctx.store();
  const scope = await ctx.scope();
  const draft = store.orders.get(scope, seq);
  if (!draft) throw new NotFoundError('order', id);
  if (draft.status === 'draft') {
    // A draft is re-priced for today (the PBX may have renewed since it was saved): say the amount before asking.
    const { quote } = orderFigures(store, scope, draft, ctx.today);
    let question = `Place ${draft.id}? The partner is charged from today.`;
    if (quote) {
      const now = formatMoney(quote.total, quote.currency);
      const moved = draft.savedTotal !== null && draft.savedTotal !== quote.total;
      question = `Place ${draft.id} for ${now}${moved ? ` (re-priced for today: it was ${formatMoney(draft.savedTotal!, quote.currency)} when saved)` : ''}? The partner is charged from today.`;
    }
    if (!(await ctx.confirm(options.yes, question))) {
      ctx.err('Nothing placed.');
      return 1;
    }
  }
  const order = checkout(store, await actor(ctx), seq, id);
  await printChanged(ctx, order, `Placed ${order.id}: first charge ${formatMoney(order.total!, order.currency)}, ${order.lines.length} line(s), ending with PBX ${order.pbx} on ${formatDate(order.end!)}.`, true);
  return 0;
}
