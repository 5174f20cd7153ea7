import { accessSync, constants, lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { type HwaasError, RefusedError } from '../../errors.js';

/**
 * SQLite's failures that are the environment's, not hwaas's: a full disk, a read-only
 * or damaged store, a lock held too long. Each as one sentence naming the store.
 */
export function sqliteFailure(code: string, message: string, path: string): HwaasError | null {
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_SHMSIZE') {
    return new RefusedError('DISK_FULL', `the disk holding the store at ${path} is full or failed while writing (${code}): free some space and try again; the last change was not saved.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new RefusedError('READ_ONLY', `the store at ${path} is read-only (the file, its folder or the disk): hwaas cannot write to it; check the permissions, or copy it somewhere writable.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    // SQLite writes its -wal and -shm files beside the store even to read it: say why it could not.
    const folder = dirname(path);
    let why = 'check that it and its folder can be read and written';
    for (const suffix of ['-wal', '-shm', '-journal']) {
      try {
        if (!lstatSync(path + suffix).isFile())
          return new RefusedError('READ_ONLY', `cannot open the store at ${path}: ${path}${suffix} is not a file (a folder?), where SQLite keeps its ${suffix.slice(1)} file: move it away.`);
      } catch {
        // absent: fine
      }
    }
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code;
      why =
        reason === 'EROFS'
          ? `its folder ${folder} is on a read-only file system, and SQLite writes its -wal and -shm files there even to read: copy the store somewhere writable`
          : `its folder ${folder} cannot be written (${reason ?? 'error'}), and SQLite writes its -wal and -shm files there even to read: check the folder's permissions`;
    }
    return new RefusedError('READ_ONLY', `cannot open the store at ${path} (${code}): ${why}.`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new RefusedError('STORE_CORRUPT', `the store at ${path} is damaged (${message}): restore it from a backup.`, { hint: { kind: 'backup' } });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new RefusedError('STORE_BUSY', `the store at ${path} stayed locked by another hwaas for too long: try again in a moment.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new RefusedError('IO_ERROR', `the disk failed while reading or writing the store at ${path} (${code}): check the disk, then try again.`);
  }
  return null;
}
