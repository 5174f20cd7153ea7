import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Store } from '../domain/kernel/port.js';
import type { CopyProgress, CopyableStore } from './copy.js';
import { POSTGRES_URL, SOME_URL, displayUrl } from './postgres/url.js';

/**
 * The composition root of storage: the one place that picks a backend for a
 * location, and loads it only then (a driver costs start-up time): SQLite for a
 * file path, PostgreSQL (node-postgres) for a `postgres://` or `postgresql://` URL.
 */

export type StoreLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
type Env = Readonly<Record<string, string | undefined>>;

export interface CreatedStore {
  readonly store: Store;
  /** Schema versions before and after the migrations that ran. */
  readonly from: number;
  readonly to: number;
  /** Users whose database logins the migration took away (a PostgreSQL store of hwaas 0.4): they need tokens now. */
  readonly formerLogins?: readonly string[];
}

/**
 * A `--db` value as a location: a `postgres://` URL names a PostgreSQL database; any
 * other `scheme:` is refused (a misspelt `postgress://` must not become a folder tree
 * holding a new SQLite file); anything else is a SQLite file.
 */
export function parseLocation(text: string, cwd: string): StoreLocation {
  if (POSTGRES_URL.test(text)) return { kind: 'postgres', url: text };
  if (SOME_URL.test(text)) {
    throw new UsageError(
      `"${/^[^:]*:/.exec(text)![0]}…" is neither a file path nor a postgres:// URL: write a PostgreSQL URL as postgres://USER@HOST/DATABASE (or postgresql://), or a file whose name has a colon as ./NAME.`,
      'NOT_A_STORE',
      { aboutStoreLocation: true },
    );
  }
  return { kind: 'sqlite', path: resolve(cwd, text) };
}

/** The location for people: a path, or the database a URL leads to (never its password). */
export function showLocation(location: StoreLocation, env: Env = {}): string {
  return location.kind === 'sqlite' ? location.path : displayUrl(location.url, env);
}

/** An existing store; anything else is refused (NO_STORE, NOT_A_STORE, STORE_TOO_NEW) before a byte is written. */
export async function openStore(location: StoreLocation, env: Env): Promise<CopyableStore> {
  if (location.kind === 'postgres') {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.open(location.url, env);
  }
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.open(location.path);
}

/** What `init` finds at a location: nothing yet, an hwaas store, or something hwaas must leave alone. */
export async function identifyStore(location: StoreLocation, env: Env): Promise<'none' | 'store' | 'other'> {
  if (location.kind === 'postgres') {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.identify(location.url, env);
  }
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.identify(location.path);
}

/** Refuses, in one sentence, a location that can never hold a store (a folder, a link to nothing, another program's file). */
export async function refuseNonStore(location: StoreLocation): Promise<void> {
  if (location.kind === 'postgres') return; // identify() said what the database holds
  const { SqliteStore } = await import('./sqlite/store.js');
  const { refuseNonStore: refuse } = await import('./sqlite/file.js');
  refuse(SqliteStore.inspect(location.path), location.path);
}

/** Creates or migrates a store (`fresh`: deletes an hwaas store there first, and only that). */
export async function createStore(location: StoreLocation, env: Env, fresh: boolean): Promise<CreatedStore & { store: CopyableStore }> {
  if (location.kind === 'postgres') {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.create(location.url, env, fresh);
  }
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.create(location.path, fresh);
}

/** True when `candidate` is the store itself or one of its companion files, by any name (a database has none). */
export async function isStoreFile(location: StoreLocation, candidate: string): Promise<boolean> {
  if (location.kind === 'postgres') return false;
  const { isStoreFile: check } = await import('./sqlite/file.js');
  return check(location.path, candidate);
}

/** Copies a whole store into an empty one of either kind, verified; see copy.ts. */
export async function copyStore(source: Store, target: Store, onProgress?: CopyProgress): Promise<{ rows: number }> {
  const { copyStore: copy } = await import('./copy.js');
  return copy(source as CopyableStore, target as CopyableStore, onProgress);
}
