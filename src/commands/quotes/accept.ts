import { defineCommand, option } from '../../cli/command.js';
import { quoteDecidedText } from '../../views/text/quotes.js';

export const command = defineCommand({
  description: 'the customer accepted a quote: it can become an order at its prices while it is valid',
  args: { number: { description: 'the quote number, Q-YYYY-NNNNN' } },
  options: { partner: option.string('--partner <id>', 'staff: the partner that issued it, when two partners have the number') },
  examples: ['hwaas quotes accept Q-2026-00001', 'hwaas quotes accept Q-2026-00001 --json'],
  writes: true,
  async run(ctx, options, { number }) {
    const quote = await (await ctx.useCases()).quotes.decide({ number, partner: options.partner, decision: 'accepted' });
    if (ctx.json) ctx.printJson(quote);
    else ctx.out(quoteDecidedText(quote));
  },
});
