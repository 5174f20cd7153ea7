import { type HwaasError, RefusedError, UsageError } from './errors.js';

/**
 * The environment failing is not a bug: a full disk, a read-only file system, a
 * folder where a file was expected. Each becomes one sentence that names the path and
 * says what to do; anything else stays an internal error. (Each store backend
 * translates its own database's failures the same way, in src/store/.)
 */
export function environmentFailure(error: unknown): HwaasError | null {
  if (!(error instanceof Error) || !(error as NodeJS.ErrnoException).syscall) return null;
  return fileFailure(error, (error as NodeJS.ErrnoException).path ?? 'a file');
}

/** A file system error on `where` (the file the user named, not a temporary one) as one sentence. */
export function fileFailure(error: unknown, where: string): HwaasError | null {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  switch (code) {
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
    case 'EIO':
      return new RefusedError('IO_ERROR', `the disk failed while reading or writing ${where} (EIO): check the disk, then try again.`);
    default:
      return null;
  }
}
