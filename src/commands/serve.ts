import { readFileSync } from 'node:fs';
import { defineCommand, option } from '../cli/command.js';
import { HWAAS_VERSION } from '../cli/version.js';
import { RefusedError, UsageError } from '../errors.js';
import { isLoopback } from '../client/remote.js';

/** Where a server listens by default: this machine only. */
export const DEFAULT_LISTEN = '127.0.0.1:8754';

/** `HOST:PORT`, `:PORT` or `PORT`; an IPv6 host in brackets. */
function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim()) ?? /^()()(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || port > 65_535) throw new UsageError(`--listen: "${text}" is not HOST:PORT (e.g. 127.0.0.1:8754, 0.0.0.0:443).`);
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

export const command = defineCommand({
  description: 'serve the store over HTTP to users who hold tokens: the rules run here, once',
  options: {
    listen: option.string('--listen <host:port>', `where to listen (default ${DEFAULT_LISTEN}: this machine only)`),
    tlsCert: option.string('--tls-cert <file>', 'a certificate (PEM): serve HTTPS'),
    tlsKey: option.string('--tls-key <file>', "the certificate's private key (PEM)"),
    behindProxy: option.flag('--behind-proxy', 'serve plain HTTP on a non-loopback address, TLS being a proxy’s'),
    connections: option.string('--connections <n>', 'connections to the store at once (default 4 on SQLite, 8 on PostgreSQL)'),
  },
  examples: [
    'hwaas --db ~/hwaas.db serve',
    'hwaas --db postgres://hwaas@db.example/hwaas serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem',
    'hwaas --db postgres://hwaas@localhost/hwaas serve --listen 10.0.0.5:8754 --behind-proxy',
  ],
  help: 'Users reach it with `hwaas auth login --server URL` and a token Wildix staff issue with `hwaas users token create`. GET /healthz says it is up; GET /openapi.json describes every route. It stops on SIGTERM or Ctrl-C, after the requests in flight.',
  async run(ctx, options) {
    const { host, port } = parseListen(options.listen ?? DEFAULT_LISTEN);
    if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together.', 'USAGE');
    const tls = options.tlsCert !== undefined;
    if (!tls && !options.behindProxy && !isLoopback(host)) {
      throw new UsageError(
        `--listen ${host.includes(':') ? `[${host}]` : host}: tokens would cross the network in the clear; give --tls-cert and --tls-key, or --behind-proxy when a proxy in front serves TLS.`,
        'USAGE',
      );
    }
    const read = (file: string, flag: string) => {
      try {
        return readFileSync(file);
      } catch (error) {
        throw new UsageError(`${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
    };
    if (tls && options.behindProxy) throw new UsageError('--behind-proxy is for a proxy that serves TLS in front: leave out --tls-cert and --tls-key, or --behind-proxy.', 'USAGE');
    const https = tls ? { cert: read(options.tlsCert!, '--tls-cert'), key: read(options.tlsKey!, '--tls-key') } : null;
    if (https) {
      // Checked before anything starts: a file that is not PEM, or a key that is not the certificate's, is the user's to fix.
      const { X509Certificate, createPrivateKey } = await import('node:crypto');
      let certificate: InstanceType<typeof X509Certificate>;
      try {
        certificate = new X509Certificate(https.cert);
      } catch {
        throw new UsageError(`--tls-cert ${options.tlsCert}: not a certificate in PEM (-----BEGIN CERTIFICATE-----).`);
      }
      let key: ReturnType<typeof createPrivateKey>;
      try {
        key = createPrivateKey(https.key);
      } catch {
        throw new UsageError(`--tls-key ${options.tlsKey}: not a private key in PEM (-----BEGIN PRIVATE KEY-----), or one with a passphrase.`);
      }
      if (!certificate.checkPrivateKey(key)) throw new UsageError(`--tls-key ${options.tlsKey}: not the private key of the certificate ${options.tlsCert}.`);
    }
    const size = options.connections === undefined ? (ctx.storeLocation.kind === 'postgres' ? 8 : 4) : Number(options.connections);
    if (!Number.isInteger(size) || size < 1 || size > 64) throw new UsageError(`--connections: "${options.connections}" is not a whole number from 1 to 64.`);

    // The store is opened (and checked) before the server listens.
    const store = await ctx.store();
    const timezone = await store.settings.get('timezone');
    const { openStore } = await import('../store/index.js');
    const { StorePool } = await import('../server/pool.js');
    let first: typeof store | null = store;
    let connect = () => openStore(ctx.storeLocation, ctx.io.env) as Promise<typeof store>;
    // On PostgreSQL the server's connections log in as the store's application role, which owns
    // nothing; where the database does not let it log in (pg_hba.conf), they log in as the owner
    // and take the role on.
    const asApplication = await store.serverConnections();
    if (asApplication) {
      try {
        first = await asApplication();
        connect = asApplication;
        await store.close();
      } catch (error) {
        ctx.err(
          `warning: the store's application role cannot log in here (${error instanceof Error ? error.message : String(error)}); the server's connections log in as the owner and take the role on (SET ROLE). Let the role log in (pg_hba.conf) to keep them from ever being the owner.`,
        );
      }
    }
    const pool = new StorePool(async () => {
      if (first) {
        const s = first;
        first = null;
        return s;
      }
      return connect();
    }, size);
    ctx.handOverStore();
    const { buildServer } = await import('../server/app.js');
    const app = await buildServer({
      pool,
      where: ctx.dbPath,
      version: HWAAS_VERSION,
      clock: ctx.clock,
      logger: { level: ctx.io.env.HWAAS_LOG_LEVEL || 'info' },
      https,
      behindProxy: options.behindProxy === true,
      timezone,
    });
    try {
      await app.listen({ host, port });
    } catch (error) {
      await pool.close();
      // The store opened first was never handed to a request: it is closed here (an open connection would keep hwaas running).
      if (first) await first.close();
      const code = (error as NodeJS.ErrnoException).code;
      // The machine refused (a port in use, an address it does not have): the environment, exit 1.
      throw new RefusedError(
        'INVALID_STATE',
        `--listen ${host.includes(':') ? `[${host}]` : host}:${port}: cannot listen there (${code ?? (error as Error).message}); choose another address or port.`,
      );
    }
    const address = app.server.address();
    const shown = typeof address === 'object' && address ? `${tls ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : `${host}:${port}`;
    ctx.err(`Serving ${ctx.dbPath} at ${shown} (hwaas ${HWAAS_VERSION}); GET ${shown}/openapi.json describes it. Ctrl-C or SIGTERM stops it.`);
    // Stops on a signal, after the requests in flight; a second signal does not wait.
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        app.close().then(
          () => pool.close().then(resolve, resolve),
          () => resolve(),
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    ctx.err('Stopped: every request in flight was answered.');
  },
});
