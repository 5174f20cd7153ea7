import type { Context } from '../../cli/context.js';

export async function run(ctx: Context): Promise<void> {
  const store = await ctx.store();
  const info = { backend: 'sqlite', path: ctx.dbPath, mode: store.parties.setting('mode') === 'sandbox' ? 'sandbox' : 'live', schemaVersion: store.schemaVersion() };
  if (ctx.json) {
    ctx.printJson(info);
    return;
  }
  ctx.out(`Store: ${info.path} (SQLite, schema version ${info.schemaVersion})`);
  ctx.out(
    info.mode === 'live'
      ? 'Mode: live. Everything that writes runs on today\'s date; --date is for quotes and listings.'
      : 'Mode: sandbox. Demo data and a movable clock: --date works everywhere, and documents say "sandbox".',
  );
}
