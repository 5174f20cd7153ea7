import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { RefusedError, UsageError } from '../../errors.js';
import { APPLICATION_ID, inspectStoreFile, makeFolders, refuseNonStore, requireStoreFile } from './file.js';
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

export function connect(path: string, options: Database.Options = {}): Db {
  const db = new Database(path, addon ? { ...options, nativeBinding: addon } : options);
  // Every integer comes back as a bigint: amounts are exact whatever their size; counts are converted where read.
  db.defaultSafeIntegers(true);
  return db;
}

const otherProgram = (path: string) => new UsageError(`${path} is a SQLite database of another program, not an hwaas store; hwaas left it as it was.`, 'NOT_A_STORE', { aboutStoreLocation: true });

/** Reads the schema version and refuses a store this hwaas cannot handle, before anything is written to it. */
function checkVersion(db: Db, path: string): number {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new RefusedError('STORE_TOO_NEW', `the store at ${path} has schema version ${version}, newer than this hwaas knows (${SCHEMA_VERSION}): upgrade hwaas; the store was left untouched.`);
  }
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) throw otherProgram(path);
  if (version === 0 && applicationId === 0) {
    const tables = Number(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get());
    if (tables > 0) throw otherProgram(path);
  }
  return version;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/** Brings the schema up to date, inside one immediate transaction; refuses a store written by a newer hwaas. */
function migrate(db: Db, path: string): { from: number; to: number } {
  return db
    .transaction(() => {
      const from = checkVersion(db, path);
      for (let version = from; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
      if (from !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return { from, to: SCHEMA_VERSION };
    })
    .immediate();
}

/**
 * Opens an existing store. A missing or empty file, a folder, a file that is not an
 * hwaas store and a store newer than this hwaas are all refused before anything is
 * written: reading never creates or converts a file.
 */
export function openExisting(path: string): Db {
  requireStoreFile(path);
  const db = connect(path, { fileMustExist: true });
  try {
    const version = checkVersion(db, path);
    // An empty SQLite file (an init that was interrupted, another program's empty database) is no store: reading never makes one.
    if (version === 0) throw new RefusedError('NO_STORE', `no store at ${path} (an empty database).`, { hint: { kind: 'init' } });
    applyPragmas(db);
    if (version < SCHEMA_VERSION) migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * `init --force`: empties the store and builds the schema anew in place, in one
 * immediate transaction, so that another process sees the old store or the new one,
 * never a deleted file (its writes queue on the lock). A newer store is refused.
 */
export function rebuild(path: string): { db: Db; migrated: { from: number; to: number } } {
  const db = connect(path, { fileMustExist: true });
  try {
    checkVersion(db, path);
    applyPragmas(db);
    db.pragma('foreign_keys = OFF'); // the tables go in any order; it cannot change inside the transaction
    const migrated = db
      .transaction(() => {
        const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[];
        for (const { type, name } of objects) db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name.replace(/"/g, '""')}"`);
        if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) db.exec('DELETE FROM sqlite_sequence');
        db.pragma('user_version = 0');
        db.pragma('application_id = 0');
        return migrate(db, path);
      })
      .immediate();
    db.pragma('foreign_keys = ON');
    return { db, migrated };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens or creates a store and migrates it: what `hwaas init` does. */
export function openOrCreate(path: string): { db: Db; migrated: { from: number; to: number } } {
  const file = inspectStoreFile(path);
  refuseNonStore(file, path);
  if (file.kind === 'missing') makeFolders(path);
  const db = connect(path);
  try {
    checkVersion(db, path);
    applyPragmas(db);
    return { db, migrated: migrate(db, path) };
  } catch (error) {
    db.close();
    throw error;
  }
}
