import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RefusedError, UsageError } from '../errors.js';
import type { OpenSheet } from '../domain/imports/run.js';
import { fileFailure } from '../failures.js';
import { bounded, quietInput, readablePath } from './bounded.js';
import { csvRows } from './csv.js';
import { xlsxRows } from './xlsx.js';

export type ImportFormat = 'csv' | 'xlsx';

/** A file to import: its rows (again from the start on each call), its size for progress, and what to remove afterwards. */
export interface ImportSource {
  readonly open: OpenSheet;
  readonly format: ImportFormat;
  /** Bytes, for a progress bar; null when unknown. */
  readonly size: number | null;
  close(): Promise<void>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What is copied from standard input or a pipe before it is read (twice): more is refused, not swallowed. */
export const MAX_PIPED_BYTES = 1024 * 1024 * 1024;

/**
 * Standard input, a named pipe or `<(…)` cannot be read twice or from a position: they are
 * copied to a temporary folder first (bounded), which goes away with the import, and with
 * the process if it is interrupted.
 */
async function copyToTemporary(input: Readable, file: string, waitForever: boolean): Promise<{ folder: string; path: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'hwaas-import-'));
  const cleanUp = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', cleanUp);
  // Ctrl-C (or a kill) while the import runs: the copy goes too, then the signal does what it
  // would have done (the shell sees 130 for Ctrl-C), quietly.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const path = join(folder, 'input');
  const shown = file === '-' ? 'standard input' : file;
  const guard = bounded({
    maxBytes: MAX_PIPED_BYTES,
    tooBig: () => new UsageError(`${shown} is larger than ${MAX_PIPED_BYTES / 1024 / 1024} MB, more than hwaas imports from a pipe; save it to a file and split it.`),
    quiet: () => quietInput(shown, '`hwaas import customers - < customers.csv`'),
    waitForever,
  });
  try {
    await pipeline(input, guard, createWriteStream(path));
  } catch (error) {
    cleanUp();
    throw error instanceof UsageError ? error : readFailure(error, file);
  }
  return { folder, path };
}

/** A file the user named could not be read: one sentence, exit 2 when the name is wrong, 1 when the file is. */
function readFailure(error: unknown, file: string): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new UsageError(`${file}: no such file.`);
  if (code === 'EACCES' || code === 'EPERM') return new RefusedError('NOT_ALLOWED', `${file} cannot be read (permission denied): check its permissions.`);
  return fileFailure(error, file) ?? (error as Error);
}

/**
 * Opens FILE (or `-`, standard input, copied first to a temporary file so that the
 * import can read it again), deciding CSV or XLSX by `--format`, else the extension,
 * else the content (an XLSX workbook is a zip file).
 */
export async function importSource(
  file: string,
  options: { readonly cwd: string; readonly stdin: Readable; readonly stdinIsTerminal?: boolean; readonly format?: ImportFormat; readonly sheet?: string },
  onBytes?: (bytes: number) => void,
): Promise<ImportSource> {
  let path = resolve(options.cwd, file);
  let temporary: string | null = null;
  if (file === '-') ({ folder: temporary, path } = await copyToTemporary(options.stdin, file, options.stdinIsTerminal === true));
  else {
    const { kind } = await readablePath(path, file, 'CSV or XLSX file to import').catch((error: unknown) => {
      throw error instanceof UsageError ? error : readFailure(error, file);
    });
    // A named pipe, /dev/stdin or a shell's <(…): read once, as standard input is.
    if (kind === 'stream') ({ folder: temporary, path } = await copyToTemporary(createReadStream(path), file, false));
  }
  const close = async () => {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  };
  try {
    let size: number;
    let head: Buffer;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new UsageError(`${file} is a folder, not a file: give the CSV or XLSX file to import.`);
      size = info.size;
      const handle = await open(path, 'r');
      try {
        head = Buffer.alloc(4);
        await handle.read(head, 0, 4, 0);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw readFailure(error, file);
    }
    const extension = extname(file).toLowerCase();
    if (!options.format && (extension === '.xls' || extension === '.ods' || extension === '.numbers')) {
      throw new UsageError(`${file}: ${extension.slice(1).toUpperCase()} files are not read; save it as .xlsx or as CSV UTF-8.`);
    }
    const format: ImportFormat = options.format ?? (extension === '.xlsx' ? 'xlsx' : extension === '.csv' || extension === '.txt' ? 'csv' : head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv');
    if (format === 'csv' && options.sheet !== undefined) throw new UsageError(`--sheet: ${file} is read as CSV, which has no sheets; --sheet is for XLSX workbooks.`, 'USAGE');
    if (format === 'csv' && head.equals(ZIP_MAGIC)) throw new UsageError(`${file} is an XLSX workbook (a zip file), not CSV: give it a .xlsx name or say --format xlsx.`);
    const display = file === '-' ? 'standard input' : file;
    const stream = (): Readable => {
      const readable = createReadStream(path);
      readable.on('error', () => {}); // surfaced through the iterator below
      return readable;
    };
    const rows: OpenSheet = () =>
      (async function* () {
        const input = format === 'csv' ? stream() : null;
        try {
          if (input) yield* csvRows(input, display, onBytes);
          else yield* xlsxRows(path, size, display, options.sheet ?? null, onBytes);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).syscall) throw readFailure(error, file);
          throw error;
        } finally {
          input?.destroy();
        }
      })();
    return { open: rows, format, size, close };
  } catch (error) {
    await close();
    throw error;
  }
}
