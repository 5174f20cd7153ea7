import type { Context } from './context.js';
import { escapeUnsafe } from '../domain/kernel/text.js';

/** How many customers a picker shows for what is typed: more is a reason to type more. */
export const PICK_LIMIT = 50;

/**
 * A customer from its flag, or picked at a terminal from the customers the acting user
 * may see (type to search by name, ID, VAT number or e-mail): never an ID typed blind
 * that is found wrong only after every other question.
 */
export async function pickCustomer(ctx: Context, value: string | undefined, flag = '--customer'): Promise<string> {
  const { prompts } = ctx;
  if (value !== undefined || !prompts.canPrompt) return prompts.need(value, flag, 'Customer ID (see `hwaas customers list`):');
  const cases = await ctx.useCases();
  if ((await cases.customers.list({ limit: 1 })).items.length === 0) return prompts.need(undefined, flag, 'Customer ID (see `hwaas customers list`):');
  const { search } = await import('@inquirer/prompts');
  return search(
    {
      message: 'Customer (type to search):',
      // The store finds the first matches of each keystroke (in SQL, with a limit).
      source: async (text) => (await cases.customers.list({ search: text?.trim() ? text : null, limit: PICK_LIMIT })).items.map((c) => ({ name: escapeUnsafe(`${c.name} (${c.id})`), value: c.id })),
      pageSize: 10,
    },
    prompts.streams,
  );
}
