import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RefusedError, UsageError } from '../../errors.js';

/** `PRAGMA application_id` of an hwaas store: "HWAS" in ASCII. Stores of 0.1 have 0 and are known by their tables. */
export const APPLICATION_ID = 0x48574153;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** What is at a store path, read without opening it as a database (so nothing is written or converted). */
export type StoreFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'dangling-link'; readonly target: string }
  | { readonly kind: 'folder' }
  | { readonly kind: 'special' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-sqlite' }
  | { readonly kind: 'sqlite'; readonly userVersion: number; readonly applicationId: number };

export function inspectStoreFile(path: string): StoreFile {
  let link: ReturnType<typeof lstatSync>;
  try {
    link = lstatSync(path);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    if (link.isSymbolicLink() && isMissing(error)) return { kind: 'dangling-link', target: path };
    throw error;
  }
  if (stat.isDirectory()) return { kind: 'folder' };
  if (!stat.isFile()) return { kind: 'special' };
  if (stat.size === 0) return { kind: 'empty' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return { kind: 'not-sqlite' };
  return { kind: 'sqlite', userVersion: header.readUInt32BE(60), applicationId: header.readUInt32BE(68) };
}

const isMissing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

const AT_LOCATION = { aboutStoreLocation: true } as const;

/** Refuses what can never be a store, in one sentence that names the path. Exit 2: it is the user's store location. */
export function refuseNonStore(file: StoreFile, path: string): void {
  switch (file.kind) {
    case 'folder':
      throw new UsageError(`${path} is a folder; give the path of a store file inside it, e.g. ${join(path, 'hwaas.db')}.`, 'NOT_A_STORE', AT_LOCATION);
    case 'special':
      throw new UsageError(`${path} is not a regular file (a device, pipe or socket); give the path of a store file.`, 'NOT_A_STORE', AT_LOCATION);
    case 'dangling-link':
      throw new UsageError(`${path} is a symbolic link to a file that does not exist; hwaas does not create a store through a link: give the real path.`, 'NOT_A_STORE', AT_LOCATION);
    case 'not-sqlite':
      throw new UsageError(`${path} is not an hwaas store (it is not a SQLite database): check the path; hwaas left the file as it was.`, 'NOT_A_STORE', AT_LOCATION);
    default:
  }
}

/** A store that a reading command may open: anything else is refused before a byte is written. */
export function requireStoreFile(path: string): void {
  const file = inspectStoreFile(path);
  if (file.kind === 'missing' || file.kind === 'empty') {
    throw new RefusedError('NO_STORE', `no store at ${path}${file.kind === 'empty' ? ' (the file is empty)' : ''}.`, { hint: { kind: 'init' } });
  }
  refuseNonStore(file, path);
}

/**
 * Creates the folders of a new store one level at a time. `mkdirSync(…, { recursive: true })`
 * never returns under /proc/self; a folder that cannot be made is said in one sentence.
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  let folder = dirname(path);
  for (;;) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(folder);
    } catch (error) {
      if (!isMissing(error)) throw folderError(folder, error);
      const parent = dirname(folder);
      if (parent === folder) throw folderError(folder, error);
      missing.push(folder);
      folder = parent;
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`cannot make a store at ${path}: ${folder} is a file, not a folder.`, 'NOT_A_STORE', AT_LOCATION);
    break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw folderError(dir, error);
    }
  }
}

function folderError(folder: string, error: unknown): RefusedError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new RefusedError('READ_ONLY', `cannot make the folder ${folder} for the store (${code}): choose a place for the store in a folder you can write to.`);
}

/** The store's own files: the database and what SQLite keeps beside it. */
export function storeCompanions(path: string): string[] {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => path + suffix);
}

/** The real path of a file or, when it does not exist, of its folder joined with its name; null when neither exists. */
function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return null;
    }
  }
}

/**
 * True when `candidate` is one of the store's files (the database, its -wal, -shm or
 * -journal), by the path given, by the store's real path (a --db through a link), by
 * the candidate's real path, or by inode (a hard link).
 */
export function isStoreFile(storePath: string, candidate: string): boolean {
  const stores = [storePath, realOrNull(storePath)].filter((p): p is string => p !== null);
  const companions = new Set(stores.flatMap(storeCompanions));
  const names = [candidate, realOrNull(candidate)].filter((p): p is string => p !== null);
  if (names.some((name) => companions.has(name))) return true;
  let inode: ReturnType<typeof statSync>;
  try {
    inode = statSync(candidate);
  } catch {
    return false;
  }
  return [...companions].some((companion) => {
    try {
      const stat = statSync(companion);
      return stat.ino === inode.ino && stat.dev === inode.dev;
    } catch {
      return false;
    }
  });
}

/**
 * A -wal or -journal file beside a path where a new SQLite file is to be put: left by a
 * store of that name that did not close (or one open now). SQLite would read it into the
 * new file on its first opening, turning a verified copy into another store or a damaged one.
 */
export function refuseLeftoverJournal(path: string, label: string): void {
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(path + suffix)) {
      throw new UsageError(
        `${label}: ${path}${suffix} is beside ${path}, left by a store of that name that did not close (or one that is open): SQLite would read it into the new file; remove ${path}${suffix} (and ${path}-shm), or write to another name.`,
        'INVALID_INPUT',
      );
    }
  }
}
