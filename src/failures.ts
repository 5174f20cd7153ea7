import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { HwaasError, RefusedError, UsageError } from './errors.js';

/**
 * The environment failing is not a bug: a full disk, a read-only or damaged store,
 * a folder where a file was expected. Each becomes one sentence that names the path
 * and says what to do; anything else stays an internal error.
 */
export function environmentFailure(error: unknown, storePath: string | null): HwaasError | null {
  if (!(error instanceof Error)) return null;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (error.name === 'SqliteError') return storePath === null ? null : sqliteFailure(code, error.message, storePath);
  return fileFailure(error, (error as NodeJS.ErrnoException).path ?? storePath ?? 'a file');
}

/** A file system error on `where` (the file the user named, not a temporary one) as one sentence. */
export function fileFailure(error: unknown, where: string): HwaasError | null {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'SQLITE_FULL':
    case 'SQLITE_IOERR_WRITE':
    case 'SQLITE_IOERR_FSYNC':
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new RefusedError('DISK_FULL', `the disk holding ${where} is full (${code}): free some space and try again; nothing was written.`);
    case 'EROFS':
      return new RefusedError('READ_ONLY', `${where} is on a read-only file system: choose a place you can write to.`);
    case 'EACCES':
    case 'EPERM':
      return new RefusedError('READ_ONLY', `permission denied on ${where} (${code}): check its permissions, or choose a place you can write to.`);
    case 'EISDIR':
      return new UsageError(`${where} is a folder, not a file: give a file name.`);
    case 'ENOTDIR':
      return new UsageError(`${where} goes through a file as if it were a folder: check the path.`);
    case 'ENAMETOOLONG':
      return new UsageError(`the path ${where} is too long: choose a shorter one.`);
    case 'ELOOP':
      return new UsageError(`${where} is a loop of symbolic links: check the path.`);
    case 'SQLITE_CANTOPEN':
      return new RefusedError('READ_ONLY', `cannot write ${where}: check that its folder exists and is writable.`);
    case 'EIO':
      return new RefusedError('IO_ERROR', `the disk failed while reading or writing ${where} (EIO): check the disk, then try again.`);
    default:
      return null;
  }
}

function sqliteFailure(code: string, message: string, path: string): HwaasError | null {
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
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code;
      why = reason === 'EROFS' ? `its folder ${folder} is on a read-only file system, and SQLite writes its -wal and -shm files there even to read: copy the store somewhere writable` : `its folder ${folder} cannot be written (${reason ?? 'error'}), and SQLite writes its -wal and -shm files there even to read: check the folder's permissions`;
    }
    return new RefusedError('READ_ONLY', `cannot open the store at ${path} (${code}): ${why}.`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new RefusedError('STORE_CORRUPT', `the store at ${path} is damaged (${message}): restore it from a backup (\`hwaas db backup\` makes one).`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new RefusedError('STORE_BUSY', `the store at ${path} stayed locked by another hwaas for too long: try again in a moment.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new RefusedError('IO_ERROR', `the disk failed while reading or writing the store at ${path} (${code}): check the disk, then try again.`);
  }
  return null;
}
