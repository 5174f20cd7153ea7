import { type HwaasError, RefusedError, UsageError } from '../../errors.js';

/** Failures that may go away if the transaction runs again: the server says so. */
export const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * PostgreSQL's failures that are the environment's or the user's, not hwaas's, as
 * one sentence naming the database: an unreachable server, a refused login, a
 * missing database, a privilege the login lacks, a full disk. Anything else stays
 * as it is (an internal error: a bug).
 */
export function postgresFailure(error: unknown, where: string): HwaasError | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: string }).code ?? withoutCode(error.message);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOENT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ECONNRESET':
    case '57P01':
    case '57P02':
    case '57P03':
      return new RefusedError(
        'UNREACHABLE',
        `cannot reach the PostgreSQL server for ${where} (${code}): check that it runs and that the host, port or socket of the URL (or PGHOST, PGPORT) is right.`,
      );
    case '28000':
      // "role … is not permitted to log in": a role that is no login (hwaas 0.4's users' logins lose it).
      if (/not permitted to log in/i.test(error.message)) {
        return new RefusedError(
          'NOT_ALLOWED',
          `the database login for ${where} may not log in: a PostgreSQL URL is for the store's owner; users reach a shared store through its server (\`hwaas auth login --server URL\`).`,
        );
      }
      return new RefusedError(
        'NOT_ALLOWED',
        `the PostgreSQL server refused the login for ${where} (${code}): check the user and the password (PGPASSWORD or ~/.pgpass), or ask the database's administrator.`,
      );
    case '28P01':
      return new RefusedError(
        'NOT_ALLOWED',
        `the PostgreSQL server refused the login for ${where} (${code}): check the user and the password (PGPASSWORD or ~/.pgpass), or ask the database's administrator.`,
      );
    case '3D000':
      return new RefusedError('NO_STORE', `there is no database ${where} on that server: create it (\`createdb\`), then run \`hwaas init\` on it.`);
    case '42501':
      return new RefusedError(
        'NOT_ALLOWED',
        `the database login may not do this in ${where} (${error.message}): a PostgreSQL URL is for the store's owner; users reach a shared store through its server (\`hwaas auth login --server URL\`).`,
      );
    case '53100':
      return new RefusedError('DISK_FULL', `the disk of the PostgreSQL server for ${where} is full (53100): free some space on the server; the last change was not saved.`);
    case '53200':
    case '53300':
    case '57014':
    case '55P03':
      return new RefusedError('STORE_BUSY', `the PostgreSQL server for ${where} is too busy right now (${code}): try again in a moment.`);
    case '25006':
      return new RefusedError('READ_ONLY', `the PostgreSQL server for ${where} accepts only reads (a standby): connect to the primary.`);
    case 'XX001':
    case 'XX002':
      return new RefusedError('STORE_CORRUPT', `the PostgreSQL server reports damaged data in ${where} (${code}): restore it from a backup.`, { hint: { kind: 'backup' } });
    case '23505':
      return new RefusedError(
        'EXISTS',
        `${where} already holds a record with that key (${(error as { constraint?: string }).constraint ?? 'a unique key'}): something was added at the same moment; look again.`,
      );
    case '23514':
      return new RefusedError(
        'INVALID_DATA',
        `the PostgreSQL server refused a value for ${where} (${(error as { constraint?: string }).constraint ?? 'a check'}): the store holds data hwaas did not write; Wildix staff can look with \`hwaas db check\`.`,
      );
    case 'NO_TLS':
      return new RefusedError(
        'UNREACHABLE',
        `the PostgreSQL server for ${where} does not encrypt connections (TLS), and the URL's sslmode asks for it: ask for a server that does, or leave sslmode out (prefer) on a network you trust.`,
      );
    case 'TLS':
      return new RefusedError('UNREACHABLE', `the TLS connection to the PostgreSQL server for ${where} failed (${error.message}): check sslmode and sslrootcert, or the server's certificate.`);
    case 'PASSWORD':
      return new RefusedError('NOT_ALLOWED', `the PostgreSQL server wants a password for ${where}: put it in PGPASSWORD or ~/.pgpass (or in the URL), or ask the database's administrator.`);
    default:
      if ((error as { code?: string }).code === 'ERR_INVALID_URL') return new UsageError(`${where} is not a PostgreSQL URL.`, 'NOT_A_STORE', { aboutStoreLocation: true });
      return null;
  }
}

/**
 * node-postgres says some failures only in words: a connection dropped or never
 * answered, a server without TLS, a password it was never given. Each as a code above.
 */
function withoutCode(message: string): string {
  if (/Connection terminated|timeout expired|Connection ended|server closed the connection|not queryable|Client was closed/i.test(message)) return 'ECONNRESET';
  if (/does not support SSL/i.test(message)) return 'NO_TLS';
  if (/certificate|self[- ]signed|SSL routines|TLS/i.test(message)) return 'TLS';
  if (/password must be a string|SASL/i.test(message)) return 'PASSWORD';
  return '';
}
