import { parse } from 'pg-connection-string';
import type { ClientConfig } from 'pg';
import { UsageError } from '../../errors.js';

/** True for a location that names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(?:ql)?:\/\//i.test(location);

/**
 * A connection from a `postgres://` URL, with libpq's PG* environment variables
 * filling what the URL leaves out (the environment hwaas was given, not the process's,
 * so tests and scripts can set it). The password is never part of what is shown.
 */
export function connectionConfig(url: string, env: Readonly<Record<string, string | undefined>>): ClientConfig {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(url);
  } catch {
    throw new UsageError(`${redact(url)} is not a PostgreSQL URL; write it as postgres://USER@HOST:PORT/DATABASE.`, 'NOT_A_STORE', { aboutStoreLocation: true });
  }
  const database = parsed.database || env.PGDATABASE;
  if (!database) throw new UsageError(`${redact(url)} names no database; write it as postgres://USER@HOST/DATABASE (or set PGDATABASE).`, 'NOT_A_STORE', { aboutStoreLocation: true });
  const port = parsed.port ? Number(parsed.port) : env.PGPORT ? Number(env.PGPORT) : undefined;
  const sslmode = (parsed as { sslmode?: string }).sslmode ?? env.PGSSLMODE;
  return {
    host: parsed.host || env.PGHOST || undefined,
    port: Number.isFinite(port) ? port : undefined,
    user: parsed.user || env.PGUSER || undefined,
    password: parsed.password || env.PGPASSWORD || undefined,
    database,
    ssl: sslmode && sslmode !== 'disable' && sslmode !== 'allow' && sslmode !== 'prefer' ? { rejectUnauthorized: sslmode === 'verify-full' || sslmode === 'verify-ca' } : undefined,
    application_name: 'hwaas',
    connectionTimeoutMillis: 10_000,
  };
}

/** The URL without its password, for messages and `db info`. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

/** Where a connection goes, for messages: user@host/database. */
export function describe(config: ClientConfig): string {
  return `${config.user ?? '(your login)'}@${config.host ?? 'localhost'}${config.port ? `:${config.port}` : ''}/${config.database}`;
}
