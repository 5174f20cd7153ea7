import { UsageError } from '../errors.js';
import type { OutputTarget } from '../export/files.js';
import type { Context } from './context.js';

/**
 * Where a file a command makes goes (`--out FILE`, `--out -`, or its default name), and
 * writing it there: refused when it is the store itself or one of its companion files,
 * by any name (writing there would destroy every record), when a binary file would go
 * to a terminal, and when the name says another format than the one asked for.
 */
export async function outputTarget(
  ctx: Context,
  out: string | undefined,
  defaultName: string,
  flag = '--out',
  format?: string,
  formats: readonly string[] = ['pdf', 'xlsx', 'csv', 'json'],
): Promise<OutputTarget> {
  const { outputTarget: target } = await import('../export/files.js');
  const found = target(out, defaultName, ctx.io.cwd);
  const binary = format === 'pdf' || format === 'xlsx';
  if (found.kind === 'stdout' && binary && ctx.io.stdout.isTTY === true) {
    throw new UsageError(`${flag} -: a ${format.toUpperCase()} is binary and would garble the terminal; redirect it (\`> file.${format}\`) or give ${flag} FILE.`);
  }
  if (found.kind === 'file' && format !== undefined && out !== undefined) {
    const extension = /\.([a-z0-9]+)$/i.exec(found.path)?.[1]?.toLowerCase();
    if (extension !== undefined && ['pdf', 'xlsx', 'csv', 'json'].includes(extension) && extension !== format) {
      throw new UsageError(
        formats.length > 1
          ? `${flag} ${out}: the name says ${extension.toUpperCase()} but --format is ${format}; name it .${format}${formats.includes(extension) ? `, or give --format ${extension}` : ''}.`
          : `${flag} ${out}: the name says ${extension.toUpperCase()} but --format ${format} writes a ${format.toUpperCase()}; name it .${format}.`,
      );
    }
  }
  // Through a server, the store is not on this machine.
  if (found.kind === 'file' && !ctx.server) {
    const { isStoreFile } = await import('../store/index.js');
    if (await isStoreFile(ctx.storeLocation, found.path)) {
      throw new UsageError(`${flag}: ${found.path} is the store itself (or one of its -wal, -shm, -journal files): write it to another file.`);
    }
  }
  return found;
}

/** What stops a file from being written there, checked before anything is made or recorded (a quote's number is not taken for a file never written). */
export async function checkTarget(target: OutputTarget, force: boolean, flag = '--out'): Promise<void> {
  if (target.kind !== 'file') return;
  const { checkDestination } = await import('../export/files.js');
  checkDestination(target.path, force, flag);
}

/** A file's bytes written to its target (through a temporary file: never half a file). */
export async function writeFile(ctx: Context, target: OutputTarget, force: boolean, content: Uint8Array, flag = '--out'): Promise<{ path: string | null; bytes: number }> {
  const { writeOutput } = await import('../export/files.js');
  return writeOutput(
    target,
    ctx.io.stdout,
    force,
    async (out) => {
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength), () => resolve());
      });
    },
    flag,
  );
}
