import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { RefusedError } from '../../errors.js';
import { replaceFile } from '../../export/files.js';

export async function run(ctx: Context, options: { force?: boolean }, file: string): Promise<void> {
  const target = resolve(ctx.io.cwd, file);
  if (target === ctx.dbPath) throw new RefusedError('EXISTS', `${file} is the store itself: choose another file.`);
  const store = await ctx.store();
  await replaceFile(target, options.force === true, 'db backup', (temporary) => store.backup(temporary));
  if (ctx.json) ctx.printJson({ db: ctx.dbPath, backup: target });
  else ctx.out(`Backed up ${ctx.dbPath} to ${target}.`);
}
