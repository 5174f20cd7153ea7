import { defineCommand } from '../../cli/command.js';
import { RefusedError } from '../../errors.js';
import { requireStaff } from '../../domain/parties/users.js';

export const command = defineCommand({
  description: 'integrity, foreign-key and stock-reservation check (on a shared store: staff)',
  options: {},
  examples: ['hwaas db check'],
  async run(ctx) {
    const store = await ctx.store();
    // A shared store's check adds up every partner's orders: staff run it.
    if (store.info.backend === 'postgres') requireStaff(await (await ctx.who()).actor(), 'Checking a shared store');
    const { damage, problems } = await store.check();
    if (damage.length > 0) {
      const listed = `${damage.slice(0, 3).join('; ')}${damage.length > 3 ? `; and ${damage.length - 3} more` : ''}`;
      throw new RefusedError('STORE_CORRUPT', `the store at ${ctx.dbPath} is damaged (${listed}): restore it from a backup.`, { hint: { kind: 'backup' } });
    }
    if (ctx.json && problems.length === 0) {
      ctx.printJson({ db: ctx.dbPath, ok: true, problems });
      return;
    }
    if (problems.length > 0) {
      throw new RefusedError('CHECK_FAILED', `the store at ${ctx.dbPath} has ${problems.length} problem(s): ${problems.join('; ')}. Restore a backup.`, { hint: { kind: 'backup' } });
    }
    ctx.out(`The store at ${ctx.dbPath} is sound: integrity ok, foreign keys ok, stock reservations match the open orders.`);
  },
});
