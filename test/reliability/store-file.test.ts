import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screen } from '@inquirer/testing/vitest';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROOT, cli, demoStore, storeFingerprint } from '../helpers.js';

// Attack: destroy the store by mistake. `db backup` onto the store's own -wal (while
// another process held it) said "Backed up" and lost every order; `init --force`
// deleted notes.txt; a read-only command turned a 0-byte file into a store; a newer
// store was switched to WAL before it was refused.
vi.mock('@inquirer/prompts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@inquirer/prompts')>();
  const { wrapPrompt } = await import('@inquirer/testing/vitest');
  return { ...actual, confirm: wrapPrompt(actual.confirm) };
});

let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = join(db, '..');
});
const orders = async (path = db) => (await cli(['--db', path, '--json', 'orders', 'list'])).json().length as number;

/** Another process that keeps the store open (so its -wal and -shm exist) until killed. */
function holder(path: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D=require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(path)});d.prepare('SELECT 1 FROM orders').all();process.stdout.write('open');setInterval(()=>{},1000)`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise((resolve) => child.stdout.once('data', resolve));
  return { ready, stop: () => child.kill('SIGKILL') };
}

describe('db backup onto the store itself', () => {
  it.each([
    ['its -wal (another process holding the store)', (p: string) => `${p}-wal`],
    ['its -shm', (p: string) => `${p}-shm`],
    ['its -journal', (p: string) => `${p}-journal`],
    ['the store', (p: string) => p],
    [
      'the store through a symbolic link',
      (p: string) => {
        const link = join(dir, 'alias.db');
        symlinkSync(p, link);
        return link;
      },
    ],
    [
      'the store by another name (a hard link, same inode)',
      (p: string) => {
        const hard = join(dir, 'hard.db');
        linkSync(p, hard);
        return hard;
      },
    ],
    ['the store by a path with ..', (_p: string) => join(dir, '..', dir.split('/').pop()!, 'hwaas.db')],
  ])('%s is refused (exit 2) and every order survives', async (_name, target) => {
    await cli(['--db', db, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes']);
    const held = holder(db);
    await held.ready;
    try {
      const result = await cli(['--db', db, '--json', 'db', 'backup', target(db), '--force']);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stderr).error.message).toContain('is the store itself');
    } finally {
      held.stop();
    }
    expect(await orders()).toBe(1);
    expect((await cli(['--db', db, '--json', 'db', 'check'])).json().ok).toBe(true);
  });
});

describe('init --force', () => {
  it('deletes only an hwaas store: notes.txt is left alone', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const result = await cli(['--db', notes, '--json', 'init', '--force', '--yes']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.code).toBe('NOT_A_STORE');
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
  });

  it("leaves another program's SQLite database alone", async () => {
    const other = join(dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    raw.close();
    const before = readFileSync(other);
    expect((await cli(['--db', other, 'init', '--force', '--yes'])).code).toBe(2);
    expect((await cli(['--db', other, 'init'])).code).toBe(2);
    expect((await cli(['--db', other, 'customers', 'list'])).code).toBe(2);
    expect(readFileSync(other)).toEqual(before);
  });

  it('asks first at a terminal; "no" keeps the store', async () => {
    await cli(['--db', db, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save']);
    const pending = cli(['--db', db, 'init', '--demo', '--force'], { tty: true });
    const deadline = Date.now() + 10_000;
    while (!screen.getScreen().includes('Delete the store') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(screen.getScreen()).toContain(`Delete the store at ${db} and build it anew?`);
    screen.type('n');
    screen.keypress('enter');
    const result = await pending;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing deleted.');
    expect(await orders()).toBe(1);
  });

  it('without a terminal it needs --yes', async () => {
    const result = await cli(['--db', db, '--json', 'init', '--force']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toContain('missing --yes');
    expect((await cli(['--db', db, 'init', '--demo', '--force', '--yes'])).code).toBe(0);
  });
});

describe('reading never creates or converts a file', () => {
  it('an empty file is NO_STORE and stays empty, with nothing beside it', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    for (const args of [
      ['customers', 'list'],
      ['db', 'check'],
      ['db', 'info'],
      ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1'],
    ]) {
      const result = await cli(['--db', empty, '--json', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(JSON.parse(result.stderr).error.code).toBe('NO_STORE');
    }
    expect(statSync(empty).size).toBe(0);
    expect(existsSync(`${empty}-wal`) || existsSync(`${empty}-shm`)).toBe(false);
  });

  it('a missing file is NO_STORE and is not created', async () => {
    const missing = join(dir, 'missing.db');
    expect((await cli(['--db', missing, 'customers', 'list'])).code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  });

  it.each(['delete', 'wal'])('a newer store (journal mode %s) is refused with its bytes unchanged', async (mode) => {
    const raw = new Database(db);
    raw.pragma(`journal_mode = ${mode}`);
    raw.pragma('user_version = 99');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = await storeFingerprint(db);
    const bytes = readFileSync(db);
    for (const args of [['customers', 'list'], ['init'], ['db', 'check']]) {
      const result = await cli(['--db', db, '--json', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(JSON.parse(result.stderr).error.code).toBe('STORE_TOO_NEW');
    }
    expect(readFileSync(db)).toEqual(bytes);
    expect(await storeFingerprint(db)).toBe(before);
  });
});

describe('--out onto the store itself (any command that writes a file)', () => {
  it.each([
    ['pricelist --format csv --out STORE --force', (p: string) => ['pricelist', '--format', 'csv', '--out', p, '--force']],
    ['quote --format pdf --out STORE-wal --force', (p: string) => ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--format', 'pdf', '--out', `${p}-wal`, '--force']],
    [
      'orders show --format pdf --out a link to the store',
      (p: string) => {
        const link = join(dir, 'confirmation.pdf');
        symlinkSync(p, link);
        return ['orders', 'show', 'ORD-000001', '--format', 'pdf', '--out', link, '--force'];
      },
    ],
    [
      'pricelist --out the store by a hard link',
      (p: string) => {
        const hard = join(dir, 'prices.pdf');
        linkSync(p, hard);
        return ['pricelist', '--out', hard, '--force'];
      },
    ],
  ])('%s is refused (exit 2); every order survives', async (_name, args) => {
    await cli(['--db', db, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes']);
    const result = await cli(['--db', db, '--json', ...args(db)]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toContain('is the store itself');
    expect(await orders()).toBe(1);
  });
});

describe('db backup through a --db that is a symbolic link', () => {
  it("onto the real store's -wal (another process holding it) is refused, and no order is lost", async () => {
    const real = join(dir, 'real.db');
    linkSync(db, real); // same inode as the test's store; the link below names it by another path
    const folder = mkdtempSync(join(tmpdir(), 'hwaas-link-'));
    const link = join(folder, 'link.db');
    symlinkSync(real, link);
    await cli(['--db', real, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=3', '--checkout', '--yes']);
    const held = holder(real);
    await held.ready;
    try {
      for (const suffix of ['-wal', '-shm', '-journal']) {
        const result = await cli(['--db', link, '--json', 'db', 'backup', `${real}${suffix}`, '--force']);
        expect(result.code, suffix).toBe(2);
      }
    } finally {
      held.stop();
    }
    expect(await orders(real)).toBe(1);
    expect((await cli(['--db', real, '--json', 'db', 'check'])).json().ok).toBe(true);
  });
});

describe('an interrupted init', () => {
  it('leaves an empty SQLite file that reads refuse untouched and init finishes', async () => {
    const half = join(dir, 'half.db');
    const raw = new Database(half);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE t (x); DROP TABLE t;');
    raw.close();
    const bytes = readFileSync(half);
    const read = await cli(['--db', half, '--json', 'customers', 'list']);
    expect(read.code).toBe(1);
    expect(JSON.parse(read.stderr).error.code).toBe('NO_STORE');
    expect(readFileSync(half)).toEqual(bytes);
    expect((await cli(['--db', half, 'init', '--demo'])).code).toBe(0);
    expect((await cli(['--db', half, '--as', 'USR-101', '--json', 'customers', 'list'])).json()).toHaveLength(14);
  });
});

describe('init --force, beside other files', () => {
  it('a folder where the -wal should be: no internal error, and the store is not lost', async () => {
    const { mkdirSync } = await import('node:fs');
    const copy = join(dir, 'f.db');
    linkSync(db, copy);
    mkdirSync(`${copy}-wal`);
    const result = await cli(['--db', copy, '--json', 'init', '--force', '--yes']);
    expect(result.code).not.toBe(70);
    expect(existsSync(copy)).toBe(true);
  });

  it('rebuilds in place while others write: a checkout after it lands in the new store, none fails with an internal error', async () => {
    const worker = join(ROOT, 'test/fixtures/worker.cjs');
    const commands = Array.from({ length: 60 }, () => [
      '--db',
      db,
      '--date',
      '2026-11-24',
      '--json',
      'order',
      '--customer',
      'CUS-0001',
      '--pbx',
      'PBX-1001',
      '--item',
      'WP480G=1',
      '--checkout',
      '--yes',
    ]);
    const child = spawn(process.execPath, [worker, JSON.stringify({ commands })], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    // Listen for the exit now: under load the worker can finish before the rebuild returns.
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 150));
    const rebuilt = await cli(['--db', db, 'init', '--demo', '--force', '--yes']);
    expect(rebuilt.code).toBe(0);
    await exited;
    const results = JSON.parse(out) as { code: number; error: { code: string } | null }[];
    expect(results.filter((r) => r.code === 70)).toEqual([]);
    expect((await cli(['--db', db, '--json', 'db', 'check'])).json().ok).toBe(true);
  });

  it('refuses a store newer than this hwaas, rather than deleting it unread', async () => {
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const result = await cli(['--db', db, '--json', 'init', '--force', '--yes']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.code).toBe('STORE_TOO_NEW');
  });
});
