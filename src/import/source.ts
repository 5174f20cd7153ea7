import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { RefusedError, UsageError } from '../errors.js';
import type { OpenSheet } from '../domain/imports/run.js';
import { fileFailure } from '../failures.js';
import { readAllBounded, quietInput, readablePath, refuseDeviceStdin } from './bounded.js';
import { csvRows } from './csv.js';
import { xlsxRows } from './xlsx.js';

export type ImportFormat = 'csv' | 'xlsx';

/** A file handed to an import: its name as the user gave it, and its bytes. */
export interface Upload {
  readonly name: string;
  readonly content: Uint8Array;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What an import reads, from a file or a pipe: more is refused, not swallowed (a file of 200,000 customers is 16 MB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** A file the user named could not be read: one sentence, exit 2 when the name is wrong, 1 when the file is. */
function readFailure(error: unknown, file: string): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new UsageError(`${file}: no such file.`);
  if (code === 'EACCES' || code === 'EPERM') return new RefusedError('NOT_ALLOWED', `${file} cannot be read (permission denied): check its permissions.`);
  return fileFailure(error, file) ?? (error as Error);
}

/**
 * What the user named, read whole and bounded: a file, `-` (standard input), a named pipe
 * or a shell's `<(…)`. A device or a kernel file is refused by name; a pipe that stays
 * silent ends the read; a terminal is waited for.
 */
export async function readUpload(file: string, options: { readonly cwd: string; readonly stdin: Readable; readonly stdinIsTerminal?: boolean }): Promise<Upload> {
  const shown = file === '-' ? 'standard input' : file;
  const tooBig = () => new UsageError(`${shown} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, more than hwaas imports at once; split it into several files.`);
  const quiet = () => quietInput(shown, '`hwaas import customers - < customers.csv`');
  try {
    if (file === '-') refuseDeviceStdin(options.stdin, shown, 'CSV or XLSX file to import');
    if (file === '-') return { name: shown, content: await readAllBounded(options.stdin, { maxBytes: MAX_IMPORT_BYTES, tooBig, quiet, waitForever: options.stdinIsTerminal === true }) };
    const path = resolve(options.cwd, file);
    const { kind, size } = await readablePath(path, file, 'CSV or XLSX file to import');
    if (kind === 'file') {
      if (size > MAX_IMPORT_BYTES) throw tooBig();
      return { name: file, content: await readFile(path) };
    }
    // A named pipe, /dev/stdin or a shell's <(…): read once, as standard input is.
    return { name: file, content: await readAllBounded(createReadStream(path), { maxBytes: MAX_IMPORT_BYTES, tooBig, quiet, waitForever: false }) };
  } catch (error) {
    if (error instanceof UsageError || error instanceof RefusedError) throw error;
    throw readFailure(error, file);
  }
}

/** The rows of an upload (again from the start on each call), CSV or XLSX by `format`, else its name, else its content. */
export function uploadSheet(
  upload: Upload,
  options: { readonly format?: ImportFormat | null; readonly sheet?: string | null },
  onBytes?: (bytes: number) => void,
): { open: OpenSheet; format: ImportFormat; size: number } {
  const { name, content } = upload;
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(4, content.byteLength));
  const extension = extname(name).toLowerCase();
  if (!options.format && (extension === '.xls' || extension === '.ods' || extension === '.numbers')) {
    throw new UsageError(`${name}: ${extension.slice(1).toUpperCase()} files are not read; save it as .xlsx or as CSV UTF-8.`);
  }
  const format: ImportFormat = options.format ?? (extension === '.xlsx' ? 'xlsx' : extension === '.csv' || extension === '.txt' ? 'csv' : head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv');
  if (format === 'csv' && options.sheet) throw new UsageError(`sheet: ${name} is read as CSV, which has no sheets; a sheet is for XLSX workbooks.`, 'USAGE', { field: 'sheet' });
  if (format === 'csv' && head.equals(ZIP_MAGIC)) {
    throw options.format
      ? new UsageError(`format: ${name} is an XLSX workbook (a zip file), not CSV; say format xlsx, or leave it out.`, 'INVALID_INPUT', { field: 'format', fields: ['format'] })
      : new UsageError(`${name} is an XLSX workbook (a zip file), not CSV: give it a .xlsx name or say the format is xlsx.`);
  }
  const open: OpenSheet = () => (format === 'xlsx' ? xlsxRows(content, content.byteLength, name, options.sheet ?? null, onBytes) : csvRows(Readable.from(chunks(content)), name, onBytes));
  return { open, format, size: content.byteLength };
}

/** Bytes in pieces, as a file is read: a reader holds a piece at a time and says how far it is. */
function* chunks(content: Uint8Array, size = 64 * 1024): Generator<Buffer> {
  for (let at = 0; at < content.byteLength; at += size) yield Buffer.from(content.buffer, content.byteOffset + at, Math.min(size, content.byteLength - at));
}

/** A small file the user named (a logo, a list of serial numbers), read whole: a folder, a device or a file over `maxBytes` is refused by name. */
export async function readNamedFile(file: string, options: { readonly cwd: string; readonly maxBytes: number; readonly what: string; readonly flag: string }): Promise<Upload> {
  const shown = `${options.flag} ${file}`;
  if (file.trim() === '') throw new UsageError(`${options.flag}: give the ${options.what} (the name is blank).`);
  try {
    const path = resolve(options.cwd, file);
    const { kind, size } = await readablePath(path, shown, options.what);
    const tooBig = () => new UsageError(`${shown} is larger than ${Math.round(options.maxBytes / 1024)} KB, more than a ${options.what} may be.`);
    if (kind === 'file') {
      if (size > options.maxBytes) throw tooBig();
      return { name: file, content: await readFile(path) };
    }
    return { name: file, content: await readAllBounded(createReadStream(path), { maxBytes: options.maxBytes, tooBig, quiet: () => quietInput(shown, options.flag), waitForever: false }) };
  } catch (error) {
    if (error instanceof UsageError || error instanceof RefusedError) throw error;
    throw readFailure(error, file);
  }
}
