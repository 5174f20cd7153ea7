import { UsageError } from '../../errors.js';

/**
 * `postgres://` URLs as libpq reads them, without loading pg (a SQLite command names
 * its store too, and must not pay for pg at start-up):
 * `postgres[ql]://[user[:password]@][host][:port]/[database][?param=value&…]`, the host
 * a name, an [IPv6] address or a percent-encoded socket folder (`%2Frun%2Fpostgresql`),
 * parameters overriding the parts (`?host=/run/postgresql&sslmode=require`), and the
 * PG* variables filling what the URL leaves out. What is shown of a URL is built from
 * its parts, never cut out of it: no way of writing a password makes it appear.
 */

export const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** A scheme such as `http:` or a misspelt `postgress://`: not a file path hwaas should create. */
export const SOME_URL = /^[a-z][a-z0-9+.-]+:/i;

export interface PostgresUrl {
  readonly user: string | null;
  readonly password: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly database: string | null;
  /** The query's parameters, the last of each name winning (as libpq does). */
  readonly params: ReadonlyMap<string, string>;
}

const decode = (text: string, url: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    throw notAUrl(url, 'a % in it is not followed by two hexadecimal digits');
  }
};

const notAUrl = (url: string, why: string) =>
  new UsageError(`the --db value ${shownScheme(url)} is not a PostgreSQL URL (${why}); write it as postgres://USER@HOST:PORT/DATABASE.`, 'NOT_A_STORE', { aboutStoreLocation: true });

const shownScheme = (url: string): string => `${/^[a-z]+:\/\//i.exec(url)?.[0] ?? ''}…`;

export function parsePostgresUrl(url: string): PostgresUrl {
  const match = /^postgres(?:ql)?:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(url);
  if (!match) throw notAUrl(url, 'its parts are not in the order user@host:port/database?parameters');
  const authority = match[1]!;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostport.includes(',')) throw notAUrl(url, 'it names several hosts; hwaas connects to one');
  let host: string | null = null;
  let port: number | null = null;
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
  if (!hostMatch) throw notAUrl(url, 'its host and port are not HOST:PORT');
  if (hostMatch[1]) host = decode(hostMatch[1].replace(/^\[(.*)\]$/, '$1'), url);
  if (hostMatch[2]) port = Number(hostMatch[2]);
  const params = new Map<string, string>();
  for (const pair of (match[3] ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw notAUrl(url, `its parameter "${decode(pair.split('=')[0] ?? pair, url)}" has no value`);
    params.set(decode(pair.slice(0, eq), url).toLowerCase(), decode(pair.slice(eq + 1).replace(/\+/g, ' '), url));
  }
  let user: string | null = null;
  let password: string | null = null;
  if (userinfo !== null) {
    const colon = userinfo.indexOf(':');
    user = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo, url) || null;
    password = colon >= 0 ? decode(userinfo.slice(colon + 1), url) : null;
  }
  const database = match[2] ? decode(match[2], url) : null;
  const portParam = params.get('port');
  if (portParam !== undefined && !/^\d{1,5}$/.test(portParam)) throw notAUrl(url, `its port "${portParam}" is not a number`);
  if (port !== null && (port < 1 || port > 65535)) throw notAUrl(url, `its port ${port} is not from 1 to 65535`);
  return {
    user: params.get('user') ?? user,
    password: params.get('password') ?? password,
    host: params.get('host') ?? host,
    port: portParam !== undefined ? Number(portParam) : port,
    database: params.get('dbname') ?? database,
    params,
  };
}

/** Where the URL leads once the PG* variables fill it in. */
export interface Resolved {
  readonly user: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly database: string | null;
}

export function resolveUrl(parsed: PostgresUrl, env: Readonly<Record<string, string | undefined>>): Resolved {
  const envPort = env.PGPORT && /^\d{1,5}$/.test(env.PGPORT) ? Number(env.PGPORT) : null;
  return {
    user: parsed.user ?? env.PGUSER ?? env.USER ?? null,
    host: parsed.host ?? env.PGHOST ?? null,
    port: parsed.port ?? envPort,
    database: parsed.database ?? env.PGDATABASE ?? null,
  };
}

/** The store's location for people: `postgresql://user@host:port/database`, never a password. */
export function displayUrl(url: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  let resolved: Resolved;
  try {
    resolved = resolveUrl(parsePostgresUrl(url), env);
  } catch {
    return `${shownScheme(url)} (a URL hwaas cannot read)`;
  }
  // A database name with an @ in it is most likely the rest of a password that had a raw /: not shown.
  const database = resolved.database !== null && /[@:]/.test(resolved.database) ? '…' : encodeURIComponent(resolved.database ?? '');
  const host = resolved.host === null ? 'localhost' : resolved.host.startsWith('/') ? encodeURIComponent(resolved.host) : resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return `postgresql://${resolved.user ? `${encodeURIComponent(resolved.user)}@` : ''}${host}${resolved.port ? `:${resolved.port}` : ''}/${database}`;
}
