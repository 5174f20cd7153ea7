import { customerMatches } from '../domain/search.js';
import { escapeUnsafe } from '../domain/text.js';
import type { Context } from './context.js';

/**
 * A customer from its flag, or picked at a terminal from the customers the acting user
 * may see (type to search by name, ID, VAT number or e-mail): never an ID typed blind
 * that is found wrong only after every other question.
 */
export async function pickCustomer(ctx: Context, value: string | undefined, flag = '--customer'): Promise<string> {
  if (value !== undefined || !ctx.canPrompt) return ctx.need(value, flag, 'Customer ID (see `hwaas customers list`):');
  const actor = await ctx.actor();
  const customers = await (await ctx.store()).customers.list(actor.scope);
  if (customers.length === 0) return ctx.need(undefined, flag, 'Customer ID (see `hwaas customers list`):');
  const { search } = await import('@inquirer/prompts');
  return search(
    {
      message: 'Customer (type to search):',
      source: (text) => customers.filter((c) => customerMatches(c, text ?? '')).map((c) => ({ name: escapeUnsafe(`${c.name} (${c.id})`), value: c.id })),
      pageSize: 10,
    },
    { input: ctx.io.stdin, output: ctx.io.stderr },
  );
}
