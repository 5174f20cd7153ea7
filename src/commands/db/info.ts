import { defineCommand } from '../../cli/command.js';

export const command = defineCommand({
  description: 'where the store is, its backend, mode (live or sandbox) and schema version',
  options: {},
  examples: ['hwaas db info', 'hwaas db info --json'],
  async run(ctx) {
    const store = await ctx.store();
    const info = {
      backend: store.info.backend,
      path: store.info.location,
      mode: await store.mode(),
      schemaVersion: store.info.schemaVersion,
      timezone: (await store.settings.get('timezone')) ?? null,
    };
    if (ctx.json) {
      ctx.printJson(info);
      return;
    }
    ctx.out(`Store: ${info.path} (${info.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, schema version ${info.schemaVersion})`);
    ctx.out(
      info.mode === 'live'
        ? `Mode: live. Everything that writes runs on today's date${info.timezone ? ` in ${info.timezone}` : ''}; --date is for quotes and listings.`
        : 'Mode: sandbox. Demo data and a movable clock: --date works everywhere, and documents say "sandbox".',
    );
  },
});
