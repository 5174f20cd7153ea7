import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, createWriteStream, fsyncSync, lstatSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { RefusedError, UsageError } from '../errors.js';

export type OutputTarget = { readonly kind: 'stdout' } | { readonly kind: 'file'; readonly path: string };

/** `--out -` is stdout; `--out FILE` a file; no --out the default name in the working directory. */
export function outputTarget(out: string | undefined, defaultName: string, cwd: string): OutputTarget {
  if (out === '-') return { kind: 'stdout' };
  if (out === '') throw new UsageError('--out: give a file name, or - for stdout.');
  return { kind: 'file', path: resolve(cwd, out ?? defaultName) };
}

function existing(path: string): { link: boolean } | null {
  try {
    return { link: lstatSync(path).isSymbolicLink() };
  } catch {
    return null;
  }
}

/** Writes to stdout, or to a file through replaceFile(). */
export async function writeOutput(
  target: OutputTarget,
  stdout: Writable,
  force: boolean,
  produce: (out: Writable) => Promise<void>,
): Promise<{ path: string | null; bytes: number }> {
  if (target.kind === 'stdout') {
    const tee = new PassThrough();
    let bytes = 0;
    tee.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      stdout.write(chunk);
    });
    await produce(tee);
    if (!tee.writableEnded) tee.end();
    await finished(tee);
    return { path: null, bytes };
  }
  let bytes = 0;
  await replaceFile(target.path, force, '--out', async (temporary) => {
    const stream = createWriteStream(temporary, { fd: openSync(temporary, 'wx') });
    const done = finished(stream);
    await produce(stream);
    if (!stream.writableEnded) stream.end();
    await done;
    bytes = lstatSync(temporary).size;
  });
  return { path: target.path, bytes };
}

/**
 * Writes `path` through a temporary file in the same folder, then renames it into
 * place: a failure never leaves half a file. An existing file is replaced only with
 * `force`, a symbolic link never (hwaas does not write through links). `write` gets
 * the temporary name; it must create the file there.
 */
export async function replaceFile(path: string, force: boolean, flag: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const found = existing(path);
  if (found?.link) throw new RefusedError('EXISTS', `${path} is a symbolic link: hwaas does not write through links; remove it or choose another name.`);
  if (found && !force) throw new RefusedError('EXISTS', `${path} exists: choose another name, or replace it with --force.`);
  const folder = dirname(path);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`${flag}: cannot write ${path} (${code}): check that the folder exists and is writable.`);
  }
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(temporary);
    const check = openSync(temporary, 'r');
    fsyncSync(check); // on disk before it takes the real name
    closeSync(check);
    renameSync(temporary, path);
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
