import type { Context } from '../../cli/context.js';
import { RefusedError } from '../../errors.js';

export async function run(ctx: Context): Promise<void> {
  const store = await ctx.store();
  const { damage, problems } = store.check();
  if (damage.length > 0) {
    throw new RefusedError('STORE_CORRUPT', `the store at ${ctx.dbPath} is damaged (${damage.slice(0, 3).join('; ')}${damage.length > 3 ? `; and ${damage.length - 3} more` : ''}): restore it from a backup (\`hwaas db backup\` makes one).`);
  }
  if (ctx.json && problems.length === 0) {
    ctx.printJson({ db: ctx.dbPath, ok: true, problems });
    return;
  }
  if (problems.length > 0) {
    throw new RefusedError('CHECK_FAILED', `the store at ${ctx.dbPath} has ${problems.length} problem(s): ${problems.join('; ')}. Restore a backup (\`hwaas db backup\` makes one).`);
  }
  ctx.out(`The store at ${ctx.dbPath} is sound: integrity ok, foreign keys ok, stock reservations match the open orders.`);
}
