import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RefusedError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

const BUSY_TIMEOUT_MS = 10_000;

// Naming the addon directly skips the `bindings` package's search of a dozen paths on every start.
const addon = (() => {
  try {
    const path = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
})();

function connect(path: string, options: Database.Options = {}): Db {
  return new Database(path, addon ? { ...options, nativeBinding: addon } : options);
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/** Runs `fn` in a `BEGIN IMMEDIATE` transaction: writers queue on the lock instead of failing to upgrade. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Brings the schema up to date; refuses a store written by a newer hwaas. */
export function migrate(db: Db, path: string): { from: number; to: number } {
  return writeTransaction(db, () => {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > SCHEMA_VERSION) {
      throw new RefusedError(
        'STORE_TOO_NEW',
        `the store at ${path} has schema version ${from}, newer than this hwaas knows (${SCHEMA_VERSION}): upgrade hwaas; the store was left untouched.`,
      );
    }
    for (let version = from; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
    }
    if (from !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return { from, to: SCHEMA_VERSION };
  });
}

/** Opens an existing store (a missing one is refused), checking its schema version. */
export function openExisting(path: string): Db {
  if (!existsSync(path)) {
    throw new RefusedError('NO_STORE', `no store at ${path}: run \`hwaas init\` (or \`hwaas init --demo\` to try hwaas with demo data).`);
  }
  const db = connect(path, { fileMustExist: true });
  try {
    applyPragmas(db);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new RefusedError(
        'STORE_TOO_NEW',
        `the store at ${path} has schema version ${version}, newer than this hwaas knows (${SCHEMA_VERSION}): upgrade hwaas; the store was left untouched.`,
      );
    }
    if (version < SCHEMA_VERSION) migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens or creates a store and migrates it: what `hwaas init` does. */
export function openOrCreate(path: string): { db: Db; migrated: { from: number; to: number } } {
  mkdirSync(dirname(path), { recursive: true });
  const db = connect(path);
  try {
    applyPragmas(db);
    return { db, migrated: migrate(db, path) };
  } catch (error) {
    db.close();
    throw error;
  }
}
