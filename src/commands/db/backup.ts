import { existsSync, lstatSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { RefusedError } from '../../errors.js';

export async function run(ctx: Context, options: { force?: boolean }, file: string): Promise<void> {
  const target = resolve(ctx.io.cwd, file);
  if (target === ctx.dbPath) throw new RefusedError('EXISTS', `${file} is the store itself: choose another file.`);
  if (existsSync(target) || isLink(target)) {
    if (!options.force) throw new RefusedError('EXISTS', `${target} exists: choose another name, or overwrite it with --force.`);
    if (isLink(target)) throw new RefusedError('EXISTS', `${target} is a symbolic link: hwaas does not write through links; remove it first.`);
  }
  const store = await ctx.store();
  // Copy to a temporary name, then rename: a failed backup never leaves half a file under the real name.
  const temporary = `${target}.${process.pid}.partial`;
  try {
    await store.backup(temporary);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
  if (ctx.json) ctx.printJson({ db: ctx.dbPath, backup: target });
  else ctx.out(`Backed up ${ctx.dbPath} to ${target}.`);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
