import { defineCommand, option } from '../../cli/command.js';
import { outputTarget } from '../../cli/output.js';
import { UsageError } from '../../errors.js';
import { replaceFile } from '../../export/files.js';
import { requireStaff } from '../../domain/parties/users.js';

export const command = defineCommand({
  description: 'an online backup of the store',
  args: { file: { description: 'the backup file to write' } },
  options: { force: option.flag('--force', 'overwrite FILE') },
  examples: ['hwaas db backup ~/hwaas-$(date +%F).db'],
  async run(ctx, options, { file }) {
    // The store, its -wal, -shm or -journal, or another name for one of them: a backup there would destroy the store.
    const output = await outputTarget(ctx, file, file, 'db backup');
    if (output.kind !== 'file') throw new UsageError('db backup: give a file to write the backup to.');
    const target = output.path;
    const store = await ctx.store();
    // On a shared store a partner's login sees only its own rows: a backup of the store is staff's work.
    if (store.info.backend === 'postgres') requireStaff(await (await ctx.who()).actor(), 'Backing up a shared store');
    const { refuseLeftoverJournal } = await import('../../store/sqlite/file.js');
    refuseLeftoverJournal(target, 'db backup');
    await replaceFile(target, options.force === true, 'db backup', (temporary) => store.backup(temporary));
    if (ctx.json) ctx.printJson({ db: ctx.dbPath, backup: target });
    else ctx.out(`Backed up ${ctx.dbPath} to ${target}.`);
  },
});
