import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { replaceFile } from '../../export/files.js';
import { isStoreFile } from '../../store/file.js';

export async function run(ctx: Context, options: { force?: boolean }, file: string): Promise<void> {
  const target = resolve(ctx.io.cwd, file);
  // The store, its -wal, -shm or -journal, or another name for one of them: a backup there would destroy the store.
  if (isStoreFile(ctx.dbPath, target)) {
    throw new UsageError(`db backup: ${file} is the store itself (or one of its -wal, -shm, -journal files): back it up into another file.`);
  }
  const store = await ctx.store();
  await replaceFile(target, options.force === true, 'db backup', (temporary) => store.backup(temporary));
  if (ctx.json) ctx.printJson({ db: ctx.dbPath, backup: target });
  else ctx.out(`Backed up ${ctx.dbPath} to ${target}.`);
}
