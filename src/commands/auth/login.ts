import { defineCommand, option } from '../../cli/command.js';
import { HWAAS_VERSION } from '../../cli/version.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'log in to a server (`hwaas serve`) with a token: commands then reach it instead of a file',
  options: {
    server: option.string('--server <url>', 'the server, e.g. https://hwaas.example.com (or http://127.0.0.1:8754 on this machine)'),
    withToken: option.flag('--with-token', 'read the token from standard input (a script, CI) instead of asking'),
  },
  examples: ['hwaas auth login --server https://hwaas.example.com', 'echo "$HWAAS_TOKEN" | hwaas auth login --server https://hwaas.example.com --with-token'],
  help: 'The token is kept in $XDG_CONFIG_HOME/hwaas/hosts.json (mode 0600) and sent only over HTTPS, or to this machine. HWAAS_SERVER and HWAAS_TOKEN do the same for CI without a file. --db or HWAAS_DB still name a store of your own.',
  async run(ctx, options) {
    const { checkServerUrl, remoteUseCases } = await import('../../client/remote.js');
    const server = checkServerUrl(await ctx.prompts.need(options.server, '--server', 'Server URL:'), '--server');
    let token: string;
    if (options.withToken) {
      const { readAllBounded, quietInput } = await import('../../import/bounded.js');
      const read = await readAllBounded(ctx.io.stdin, {
        maxBytes: 4096,
        tooBig: () => new UsageError('--with-token: standard input holds more than a token.'),
        quiet: () => quietInput('--with-token (standard input)', '`echo "$TOKEN" | hwaas auth login --with-token …`'),
        waitForever: ctx.io.stdinIsTTY,
      });
      token = read.toString('utf8').trim();
    } else {
      if (!ctx.canPrompt) throw new UsageError(`missing the token (${ctx.prompts.whyNot}): pipe it in with --with-token.`, 'USAGE');
      const { password } = await import('@inquirer/prompts');
      token = (await password({ message: `Token for ${server.origin}:`, mask: '*' }, ctx.prompts.streams)).trim();
    }
    if (token === '') throw new UsageError('the token is empty: give the one Wildix staff issued (`hwaas users token create`).', 'USAGE');
    // The server says whose it is: a token it refuses is not kept.
    const who = await remoteUseCases({ server, token, as: null, date: null, version: HWAAS_VERSION }).whoami();
    const { readHosts, writeHosts } = await import('../../client/hosts.js');
    const hosts = readHosts(ctx.io.env);
    hosts.hosts[server.href.replace(/\/$/, '')] = { token, user: who.id };
    hosts.default = server.href.replace(/\/$/, '');
    const path = writeHosts(ctx.io.env, hosts);
    if (ctx.json) {
      ctx.printJson({ server: hosts.default, user: who.id, name: who.name, hosts: path });
      return;
    }
    ctx.out(`Logged in to ${server.origin} as ${who.name} (${who.id}); the token is in ${path}. Commands reach this server unless --db names a store.`);
  },
});
