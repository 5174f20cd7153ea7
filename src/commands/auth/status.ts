import { defineCommand } from '../../cli/command.js';
import { HWAAS_VERSION } from '../../cli/version.js';
import { HwaasError, RefusedError } from '../../errors.js';

export const command = defineCommand({
  description: 'the server commands reach, who you are there, and whether it answers',
  options: {},
  examples: ['hwaas auth status', 'hwaas auth status --json'],
  async run(ctx) {
    const { checkServerUrl, remoteUseCases } = await import('../../client/remote.js');
    const { hostsPath } = await import('../../client/hosts.js');
    if (ctx.storeSource !== null) {
      const said = `Commands use the store at ${ctx.dbPath} (${ctx.storeSource}), not a server.`;
      if (ctx.json) ctx.printJson({ server: null, store: ctx.dbPath });
      else ctx.out(said);
      return;
    }
    if (!ctx.server) throw new RefusedError('NOT_AUTHENTICATED', `not logged in to a server (no HWAAS_SERVER, and no default in ${hostsPath(ctx.io.env)}).`, { hint: { kind: 'login' } });
    const url = checkServerUrl(ctx.server.url, ctx.server.source);
    const from = ctx.server.source === 'HWAAS_SERVER' ? 'HWAAS_SERVER and HWAAS_TOKEN' : hostsPath(ctx.io.env);
    try {
      if (!ctx.server.token) throw new RefusedError('NOT_AUTHENTICATED', `no token for ${url.origin}.`, { hint: { kind: 'login' } });
      const who = await remoteUseCases({ server: url, token: ctx.server.token, as: null, date: null, version: HWAAS_VERSION }).whoami();
      if (ctx.json) ctx.printJson({ server: url.origin, user: who.id, name: who.name, role: who.role, from });
      else ctx.out(`Logged in to ${url.origin} as ${who.name} (${who.id}, ${who.role === 'staff' ? 'Wildix staff' : `a user of ${who.partner}`}), from ${from}.`);
    } catch (error) {
      if (!(error instanceof HwaasError)) throw error;
      throw new RefusedError(error.code as never, `${url.origin} (from ${from}): ${error.message}`, { hint: error.hint });
    }
  },
});
