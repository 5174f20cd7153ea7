import { defineCommand, option } from '../../cli/command.js';
import { quoteDecidedText } from '../../views/text/quotes.js';

/** `quotes accept` and `quotes decline`: what the customer answered, recorded. */
export function decideCommand(decision: 'accepted' | 'declined') {
  const verb = decision === 'accepted' ? 'accept' : 'decline';
  return defineCommand({
    description: decision === 'accepted' ? 'the customer accepted a quote: it can become an order at its prices while it is valid' : 'the customer declined a quote: it can no longer become an order',
    args: { number: { description: 'the quote number, Q-YYYY-NNNNN' } },
    options: { partner: option.string('--partner <id>', 'staff: the partner that issued it, when two partners have the number') },
    examples: [`hwaas quotes ${verb} Q-2026-00001`, `hwaas quotes ${verb} Q-2026-00001 --json`],
    writes: true,
    async run(ctx, options, { number }) {
      const quote = await (await ctx.useCases()).quotes.decide({ number, partner: options.partner, decision });
      if (ctx.json) ctx.printJson(quote);
      else ctx.out(quoteDecidedText(quote));
    },
  });
}
