import type { Store } from '../domain/port.js';

/**
 * The composition root of storage: the one place that picks a backend for a
 * location, and loads it only then (the driver costs start-up time).
 */

export type StoreLocation = { readonly kind: 'sqlite'; readonly path: string };

export interface CreatedStore {
  readonly store: Store;
  /** Schema versions before and after the migrations that ran. */
  readonly from: number;
  readonly to: number;
}

/** An existing store; anything else is refused (NO_STORE, NOT_A_STORE, STORE_TOO_NEW) before a byte is written. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.open(location.path);
}

/** What `init` finds at a location: nothing yet, an hwaas store, or something hwaas must leave alone. */
export async function identifyStore(location: StoreLocation): Promise<'none' | 'store' | 'other'> {
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.identify(location.path);
}

/** Refuses, in one sentence, a location that can never hold a store (a folder, a link to nothing, another program's file). */
export async function refuseNonStore(location: StoreLocation): Promise<void> {
  const { SqliteStore } = await import('./sqlite/store.js');
  const { refuseNonStore: refuse } = await import('./sqlite/file.js');
  refuse(SqliteStore.inspect(location.path), location.path);
}

/** Creates or migrates a store (`fresh`: deletes an hwaas store there first, and only that). */
export async function createStore(location: StoreLocation, fresh: boolean): Promise<CreatedStore> {
  const { SqliteStore } = await import('./sqlite/store.js');
  return SqliteStore.create(location.path, fresh);
}

/** True when `candidate` is the store itself or one of its companion files, by any name. */
export async function isStoreFile(location: StoreLocation, candidate: string): Promise<boolean> {
  const { isStoreFile: check } = await import('./sqlite/file.js');
  return check(location.path, candidate);
}
