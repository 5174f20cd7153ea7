import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig } from 'pg';
import { RefusedError, UsageError } from '../../errors.js';
import { displayUrl, parsePostgresUrl, resolveUrl } from './url.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Settings every hwaas session runs with: a lock held by someone else (a psql session
 * left in a transaction, a LOCK TABLE) fails after 15 s as STORE_BUSY rather than
 * hanging, and no statement runs for more than five minutes (PGOPTIONS or the URL's
 * `options` may change both: they come after); names resolve in `public` whatever
 * they say (it comes last).
 */
const TIMEOUTS = '-c lock_timeout=15s -c statement_timeout=5min';
const SEARCH_PATH = '-c search_path=public';

/** How to connect, and whether to try again without TLS (sslmode=prefer, libpq's default, on a server without it). */
export interface Connection {
  readonly config: ClientConfig;
  readonly preferTls: boolean;
  /** user@host/database, for messages. */
  readonly where: string;
}

/**
 * A connection from a `postgres://` URL, with libpq's PG* variables and ~/.pgpass
 * filling what it leaves out: from the environment hwaas was given, not the process's,
 * so scripts and tests can set them. TLS as libpq does it: `prefer` (the default) tries
 * TLS and falls back, except on a Unix socket; `require` encrypts; `verify-ca` and
 * `verify-full` check the server's certificate against `sslrootcert` (or the system's CAs).
 */
export function connectionConfig(url: string, env: Env): Connection {
  const parsed = parsePostgresUrl(url);
  const resolved = resolveUrl(parsed, env);
  const where = displayUrl(url, env);
  if (!resolved.database) throw new UsageError(`${where} names no database; write it as postgres://USER@HOST/DATABASE (or set PGDATABASE).`, 'NOT_A_STORE', { aboutStoreLocation: true });
  const socket = resolved.host === null || resolved.host.startsWith('/');
  const sslmode = (parsed.params.get('sslmode') ?? env.PGSSLMODE ?? 'prefer').toLowerCase();
  const modes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
  if (!modes.includes(sslmode)) throw new UsageError(`sslmode=${sslmode} is not one of ${modes.join(', ')}.`, 'INVALID_INPUT', { aboutStoreLocation: true });
  const file = (name: string) => {
    const path = parsed.params.get(name) ?? env[`PG${name.toUpperCase()}`];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(`${name}=${path}: cannot read that file.`, 'INVALID_INPUT', { aboutStoreLocation: true });
    }
  };
  const ca = file('sslrootcert');
  const tls =
    socket || sslmode === 'disable' || sslmode === 'allow'
      ? false
      : {
          ca,
          cert: file('sslcert'),
          key: file('sslkey'),
          // require (and prefer) encrypt without checking who answers, as libpq does unless given a root certificate.
          rejectUnauthorized: sslmode.startsWith('verify') || (sslmode === 'require' && ca !== undefined),
          ...(sslmode === 'verify-full' ? {} : { checkServerIdentity: () => undefined }),
        };
  const timeout = parsed.params.get('connect_timeout') ?? env.PGCONNECT_TIMEOUT;
  const options = [TIMEOUTS, env.PGOPTIONS, parsed.params.get('options'), SEARCH_PATH].filter(Boolean).join(' ');
  const password = parsed.password ?? env.PGPASSWORD ?? passwordFile(env, resolved);
  return {
    config: {
      host: resolved.host ?? undefined,
      port: resolved.port ?? undefined,
      user: resolved.user ?? undefined,
      database: resolved.database,
      // Asked for only when the server wants one: none found is a sentence, not a driver's TypeError.
      password: async () => {
        if (password !== null) return password;
        throw new RefusedError(
          'NOT_ALLOWED',
          `the PostgreSQL server wants a password for ${resolved.user ?? 'your login'} on ${where}: put it in PGPASSWORD or ~/.pgpass (or in the URL), or ask the database's administrator.`,
        );
      },
      ssl: tls,
      options,
      application_name: parsed.params.get('application_name') ?? 'hwaas',
      connectionTimeoutMillis: timeout && /^\d{1,5}$/.test(timeout) && Number(timeout) > 0 ? Number(timeout) * 1000 : 10_000,
    },
    preferTls: tls !== false && sslmode === 'prefer',
    where,
  };
}

/**
 * The password for a connection from ~/.pgpass (or PGPASSFILE), as libpq reads it:
 * `host:port:database:user:password` lines, `*` matching anything, `\:` and `\\`
 * escaped; a socket connection matches `localhost`. Like libpq, a file that others may
 * read is not used.
 */
function passwordFile(env: Env, to: { host: string | null; port: number | null; database: string | null; user: string | null }): string | null {
  const path = env.PGPASSFILE ?? join(env.HOME ?? homedir(), '.pgpass');
  let text: string;
  try {
    if ((statSync(path).mode & 0o077) !== 0) return null;
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const host = to.host === null || to.host.startsWith('/') ? 'localhost' : to.host;
  const wanted = [host, String(to.port ?? 5432), to.database ?? '', to.user ?? ''];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const fields: string[] = [];
    let field = '';
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && i + 1 < line.length) field += line[++i];
      else if (line[i] === ':' && fields.length < 4) {
        fields.push(field);
        field = '';
      } else field += line[i];
    }
    fields.push(field);
    if (fields.length !== 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4]!;
  }
  return null;
}
