import { customerSearch } from '../domain/kernel/search.js';
import { escapeUnsafe } from '../domain/kernel/text.js';
import type { Context } from './context.js';

/** How many customers a picker shows for what is typed: more is a reason to type more. */
export const PICK_LIMIT = 50;

/**
 * A customer from its flag, or picked at a terminal from the customers the acting user
 * may see (type to search by name, ID, VAT number or e-mail): never an ID typed blind
 * that is found wrong only after every other question.
 */
export async function pickCustomer(ctx: Context, value: string | undefined, flag = '--customer'): Promise<string> {
  if (value !== undefined || !ctx.canPrompt) return ctx.need(value, flag, 'Customer ID (see `hwaas customers list`):');
  const actor = await ctx.actor();
  const store = await ctx.store();
  if ((await store.customers.count(actor.scope)) === 0) return ctx.need(undefined, flag, 'Customer ID (see `hwaas customers list`):');
  const { search } = await import('@inquirer/prompts');
  return search(
    {
      message: 'Customer (type to search):',
      // The store finds the first matches of each keystroke (in SQL, with a limit).
      source: async (text) => (await store.customers.list(actor.scope, { search: customerSearch(text ?? ''), limit: PICK_LIMIT })).map((c) => ({ name: escapeUnsafe(`${c.name} (${c.id})`), value: c.id })),
      pageSize: 10,
    },
    { input: ctx.io.stdin, output: ctx.io.stderr },
  );
}
