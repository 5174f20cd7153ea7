import { defineCommand, option } from '../../cli/command.js';
import { checkout } from '../../domain/ordering/orders.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { dayChanged, parseOrderId, printChanged } from './common.js';
import { orderView, showOrder } from '../../domain/ordering/orderView.js';

export const command = defineCommand({
  path: ['orders', 'checkout'],
  description: 'place a draft: checks the rules, fixes the amounts, reserves stock',
  args: { id: { description: 'the draft' } },
  options: { yes: option.flag('--yes', 'do not ask for confirmation') },
  examples: ['hwaas orders checkout ORD-000001 --yes'],
  writes: true,
  async run(ctx, options, { id }) {
    const seq = parseOrderId(id);
    const store = await ctx.store();
    const shown = await ctx.actor();
    const draft = await showOrder(store, shown, seq, id);
    if (draft.order.status === 'draft') {
      // A draft is re-priced for today (the PBX may have renewed since it was saved): say the amount before asking.
      const { quote } = draft.figures;
      const saved = draft.order.savedTotal;
      let question = `Place ${draft.order.id}? The partner is charged from today.`;
      if (quote) {
        const moved = saved !== null && saved !== quote.total;
        question = `Place ${draft.order.id} for ${formatMoney(quote.total, quote.currency)}${moved ? ` (re-priced for today: it was ${formatMoney(saved, quote.currency)} when saved)` : ''}? The partner is charged from today.`;
      }
      if (!(await ctx.confirm(options.yes, question))) {
        ctx.err('Nothing placed.');
        return 1;
      }
    }
    // Who acts and on which day, read again after the question: a prompt may stay open past midnight.
    const actor = await ctx.actor();
    if (actor.today !== shown.today && draft.order.status === 'draft') throw dayChanged(draft.order.id);
    const order = await checkout(store, actor, seq, id);
    printChanged(ctx, await orderView(store, actor, order), `Placed ${order.id}: first charge ${formatMoney(order.total!, order.currency)}, ${order.lines.length} line(s), ending with PBX ${order.pbx} on ${formatDate(order.end!)}.`, true);
    return 0;
  },
});
