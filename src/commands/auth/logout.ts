import { defineCommand, option } from '../../cli/command.js';

export const command = defineCommand({
  description: "forget a server's token (the token itself stays valid until staff revoke it)",
  options: { server: option.string('--server <url>', 'the server to forget (default: the one commands reach)') },
  examples: ['hwaas auth logout', 'hwaas auth logout --server https://hwaas.example.com'],
  async run(ctx, options) {
    const { readHosts, writeHosts } = await import('../../client/hosts.js');
    const hosts = readHosts(ctx.io.env);
    const server = (options.server ?? hosts.default ?? '').replace(/\/+$/, '');
    if (!server || !hosts.hosts[server]) {
      ctx.err(server ? `Not logged in to ${server}: nothing to forget.` : 'Not logged in to a server: nothing to forget.');
      return;
    }
    delete hosts.hosts[server];
    if (hosts.default === server) hosts.default = Object.keys(hosts.hosts)[0] ?? null;
    writeHosts(ctx.io.env, hosts);
    if (ctx.json) ctx.printJson({ server, loggedOut: true, default: hosts.default });
    else ctx.out(`Forgot the token of ${server}${hosts.default ? `; commands now reach ${hosts.default}` : ''}. It stays valid until staff revoke it (\`hwaas users token revoke ID\`).`);
  },
});
