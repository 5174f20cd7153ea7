import { defineCommand, option } from '../../cli/command.js';
import { sentQuoteText } from '../../views/text/quotes.js';

export const command = defineCommand({
  description: 'a quote sent to a customer: what its document said, line by line (with --json, both sides)',
  args: { number: { description: 'the quote number, Q-YYYY-NNNNN' } },
  options: { partner: option.string('--partner <id>', 'staff: the partner that issued it, when two partners have the number') },
  examples: ['hwaas quotes show Q-2026-00001', 'hwaas quotes show Q-2026-00001 --json'],
  async run(ctx, options, { number }) {
    const sent = await (await ctx.useCases()).quotes.show({ number, partner: options.partner });
    if (ctx.json) {
      const { customerName: _c, pbxName: _p, expired: _e, ...shown } = sent;
      ctx.printJson(shown);
      return;
    }
    ctx.out(sentQuoteText(ctx.style, sent));
  },
});
