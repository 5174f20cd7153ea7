import { existsSync } from 'node:fs';
import { defineCommand, option } from '../../cli/command.js';
import { HwaasError, UsageError, aboutInput } from '../../errors.js';
import { requireStaff } from '../../domain/parties/users.js';
import type { Store } from '../../domain/kernel/port.js';
import { type StoreLocation, copyStore, createStore, identifyStore, parseLocation, refuseNonStore, showLocation } from '../../store/index.js';

/** A store's -wal, -shm or -journal file (this store's by any name, or another's) is never a copy's target: writing there destroys that store. */
async function refuseCompanion(source: StoreLocation, path: string): Promise<void> {
  const { isStoreFile } = await import('../../store/index.js');
  const companion = /^(.*)-(wal|shm|journal)$/.exec(path);
  if ((await isStoreFile(source, path)) || (companion && existsSync(companion[1]!))) {
    throw new UsageError(`--to: ${path} is ${companion ? `the -${companion[2]} file of the store ${companion[1]}` : 'a file of this store'}: copy into a new file or an empty database.`);
  }
}

export const command = defineCommand({
  description: 'copy the whole store into a new store of either kind (SQLite file or PostgreSQL), verified',
  options: { to: option.string('--to <path-or-url>', 'the new store: a file path, or a postgres:// URL of an empty database or of a store that plain `hwaas init` made') },
  examples: ['hwaas db copy --to postgres://hwaas@db.example/hwaas', 'hwaas --db postgres://hwaas@db.example/hwaas db copy --to ~/hwaas-laptop.db'],
  async run(ctx, options) {
    if (options.to === undefined) throw new UsageError('missing --to: the store to copy into (a file path or a postgres:// URL).', 'USAGE');
    if (options.to.trim() === '') throw new UsageError('--to is empty: give the store to copy into (a file path or a postgres:// URL).', 'USAGE');
    const target = parseLocation(options.to, ctx.io.cwd);
    const shown = showLocation(target, ctx.io.env);
    if (shown === ctx.dbPath) throw new UsageError(`--to: ${shown} is the store itself: copy into another store.`);
    if (target.kind === 'sqlite') await refuseCompanion(ctx.storeLocation, target.path);
    // A copy reads every partner's rows: Wildix staff (or the store's owner) do it.
    requireStaff(await (await ctx.who()).actor(), 'Copying the whole store');
    const source = await ctx.store();
    // What is wrong with the target is said of --to, not of the store's own location.
    const found = await identifyStore(target, ctx.io.env).catch((error: unknown) => {
      throw error instanceof HwaasError ? aboutInput(error, '--to') : error;
    });
    if (found === 'other') {
      await refuseNonStore(target).catch((error: unknown) => {
        throw error instanceof HwaasError ? aboutInput(error, '--to') : error;
      });
      throw new UsageError(`--to: ${shown} is not an hwaas store; hwaas left it as it was: copy into a new file or an empty database.`, 'NOT_A_STORE');
    }
    const tty = ctx.io.stderr.isTTY === true && !ctx.json;
    let lastTable = '';
    const progress = (table: string, done: number, total: number) => {
      if (!tty || (total < 10_000 && done < total)) return;
      ctx.io.stderr.write(`\r\u001b[K  copying ${table}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
      lastTable = table;
    };
    const started = Date.now();
    const into = async (location: StoreLocation) => {
      const { store: destination } = await createStore(location, ctx.io.env, false);
      try {
        return { rows: (await copyStore(source, destination, progress)).rows, backend: destination.info.backend };
      } finally {
        await destination.close();
      }
    };
    let copied: { rows: number; backend: Store['info']['backend'] };
    if (target.kind === 'sqlite' && found === 'none') {
      // A new file is written under a temporary name and renamed when the copy is verified:
      // an interrupted copy (Ctrl-C) leaves no half store behind.
      // An empty file, or a SQLite file without tables, holds nothing: it is replaced.
      const { replaceFile } = await import('../../export/files.js');
      const { refuseLeftoverJournal } = await import('../../store/sqlite/file.js');
      refuseLeftoverJournal(target.path, '--to');
      let result!: typeof copied;
      await replaceFile(target.path, existsSync(target.path), '--to', async (temporary) => {
        result = await into({ kind: 'sqlite', path: temporary });
      });
      copied = result;
    } else {
      copied = await into(target);
    }
    if (tty && lastTable) ctx.io.stderr.write('\r\u001b[K');
    const seconds = (Date.now() - started) / 1000;
    if (ctx.json) {
      ctx.printJson({ from: ctx.dbPath, to: shown, backend: copied.backend, rows: copied.rows, verified: true });
      return;
    }
    ctx.out(`Copied ${copied.rows.toLocaleString('en')} rows from ${ctx.dbPath} to ${shown} in ${seconds.toFixed(1)} s; counts, money sums and stock levels match.`);
    if (copied.backend === 'postgres') ctx.out('Each user has a login role there now: `hwaas --db URL users list` (staff) lists them; set their passwords with ALTER ROLE … PASSWORD.');
  },
});
