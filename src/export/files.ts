import { randomBytes } from 'node:crypto';
import { closeSync, constants, accessSync, createWriteStream, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { HwaasError, RefusedError, UsageError } from '../errors.js';
import { fileFailure } from '../failures.js';

export type OutputTarget = { readonly kind: 'stdout' } | { readonly kind: 'file'; readonly path: string };

/** `--out -` is stdout; `--out FILE` a file; no --out the default name in the working directory. */
export function outputTarget(out: string | undefined, defaultName: string, cwd: string): OutputTarget {
  if (out === '-') return { kind: 'stdout' };
  if (out === '') throw new UsageError('--out: give a file name, or - for stdout.');
  return { kind: 'file', path: resolve(cwd, out ?? defaultName) };
}

/** Writes to stdout, or to a file through replaceFile(). */
export async function writeOutput(target: OutputTarget, stdout: Writable, force: boolean, produce: (out: Writable) => Promise<void>, flag = '--out'): Promise<{ path: string | null; bytes: number }> {
  if (target.kind === 'stdout') {
    const tee = new PassThrough();
    const done = finished(tee);
    done.catch(() => {});
    let bytes = 0;
    tee.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      stdout.write(chunk);
    });
    await produce(tee);
    if (!tee.writableEnded) tee.end();
    await done;
    return { path: null, bytes };
  }
  let bytes = 0;
  await replaceFile(target.path, force, flag, async (temporary) => {
    const stream = createWriteStream(temporary, { fd: openSync(temporary, 'wx') });
    const done = finished(stream);
    done.catch(() => {}); // a failed write (a full disk) is reported once, by the await below or by produce()
    try {
      await produce(stream);
    } catch (error) {
      stream.destroy(); // its descriptor too: a deleted temporary file must not stay open
      throw error;
    }
    if (!stream.writableEnded) stream.end();
    await done;
    bytes = lstatSync(temporary).size;
  });
  return { path: target.path, bytes };
}

// A SQLite file written this way (db copy) may leave its -wal and -shm beside it too.
const PARTIAL = /^\..+\.(\d+)\.[0-9a-f]{8}\.partial(?:-wal|-shm|-journal)?$/;

/**
 * Removes what an interrupted export or backup left in `folder`: temporary files of
 * ours whose process is gone. A running hwaas's temporary file is left alone.
 */
export function removeLeftovers(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = PARTIAL.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why `path` cannot be written at all (a folder, a link, a missing folder, a file in the way), before any work. */
export function checkDestination(path: string, force: boolean, flag: string): void {
  let found: ReturnType<typeof lstatSync> | null;
  try {
    found = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`${flag}: cannot write ${path}: a part of that path is a file, not a folder.`);
    if (code !== 'ENOENT') throw fileFailure(error, path) ?? error;
  }
  if (found?.isSymbolicLink()) throw new RefusedError('EXISTS', `${path} is a symbolic link: hwaas does not write through links; remove it or choose another name.`);
  if (found?.isDirectory()) throw new UsageError(`${flag}: ${path} is a folder; give a file name (e.g. ${join(path, 'out')}).`);
  if (found && !found.isFile()) throw new UsageError(`${flag}: ${path} is not a regular file (a device, pipe or socket); give a file name.`);
  if (found && !force) throw new RefusedError('EXISTS', `${path} exists: choose another name, or replace it with --force.`);
  const folder = dirname(path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`${flag}: cannot write ${path} (${code}): check that the folder exists and is writable.`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${flag}: cannot write ${path}: ${folder} is a file, not a folder.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw fileFailure(error, folder) ?? error;
  }
}

/**
 * Writes `path` through a temporary file in the same folder, then renames it into
 * place: a failure never leaves half a file. An existing file is replaced only with
 * `force`, a symbolic link or a folder never. `write` gets the temporary name; it must
 * create the file there. A failure of the disk is said about `path`, not the temporary name.
 */
export async function replaceFile(path: string, force: boolean, flag: string, write: (temporary: string) => Promise<void>): Promise<void> {
  checkDestination(path, force, flag);
  const folder = dirname(path);
  removeLeftovers(folder);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(temporary);
    const check = openSync(temporary, 'r');
    fsyncSync(check); // on disk before it takes the real name
    closeSync(check);
    renameSync(temporary, path);
  } catch (error) {
    if (error instanceof HwaasError) throw error;
    throw fileFailure(error, path) ?? error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Writes a string or buffer whole. */
export function writeAll(out: Writable, data: string | Buffer): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    out.end(data, () => resolvePromise());
    out.once('error', reject);
  });
}
