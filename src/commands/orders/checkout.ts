import { defineCommand, option } from '../../cli/command.js';
import { money } from '../../views/text/money.js';
import { placedText } from '../../views/text/orders.js';
import { printChanged } from './changed.js';

export const command = defineCommand({
  description: 'place a draft: checks the rules, fixes the amounts, reserves stock',
  args: { id: { description: 'the draft' } },
  options: { yes: option.flag('--yes', 'do not ask for confirmation') },
  examples: ['hwaas orders checkout ORD-000001 --yes'],
  writes: true,
  async run(ctx, options, { id }) {
    const cases = await ctx.useCases();
    const preview = await cases.orders.previewCheckout({ id });
    const draft = preview.order;
    if (draft.status === 'draft') {
      // A draft is re-priced for today (the PBX may have renewed since it was saved): say the amount before asking.
      let question = `Place ${draft.id}? The partner is charged from today.`;
      if (draft.total !== null) {
        const moved = preview.savedTotal !== null && preview.savedTotal !== draft.total;
        question = `Place ${draft.id} for ${money(draft.total, draft.currency)}${moved ? ` (re-priced for today: it was ${money(preview.savedTotal!, draft.currency)} when saved)` : ''}? The partner is charged from today.`;
      }
      if (!(await ctx.prompts.confirm(options.yes, question))) {
        ctx.err('Nothing placed.');
        return 1;
      }
    }
    // Placed on the day the amount was shown for: a prompt may stay open past midnight.
    const order = await cases.orders.checkout({ id, day: preview.day });
    printChanged(ctx, order, placedText(order), { warnings: true });
    return 0;
  },
});
