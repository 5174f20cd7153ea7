import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, demoStore, spawnCli } from '../helpers.js';

// Attack: the environment fails. Each of these printed "internal error … This is a
// bug" (exit 70) or a raw Node stack. Each must be exit 1 (2 when it is the user's
// argument), one sentence naming the path and what to do, and no stack.
function oneSentence(result: { code: number | null; stderr: string }, code: number, error: string, mentions: string): void {
  expect(result.code, result.stderr).toBe(code);
  const envelope = JSON.parse(result.stderr).error;
  expect(envelope.code).toBe(error);
  expect(envelope.message).toContain(mentions);
  expect(envelope.message).not.toMatch(/internal error|\n\s+at /);
}

let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-env-'));
});
const run = (...args: string[]) => cli(['--db', db, '--json', ...args]);

describe('--db that is not a store', () => {
  it('a folder', async () => {
    oneSentence(await cli(['--db', dir, '--json', 'customers', 'list']), 2, 'NOT_A_STORE', `${dir} is a folder`);
    oneSentence(await cli(['--db', dir, '--json', 'init']), 2, 'NOT_A_STORE', `${dir} is a folder`);
  });
  it('a file that is not SQLite', async () => {
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'not a database, just notes\n'.repeat(10));
    oneSentence(await cli(['--db', file, '--json', 'customers', 'list']), 2, 'NOT_A_STORE', 'is not an hwaas store');
  });
  it('a dangling symbolic link (init does not create through it)', async () => {
    const link = join(dir, 'link.db');
    symlinkSync(join(dir, 'nowhere.db'), link);
    oneSentence(await cli(['--db', link, '--json', 'customers', 'list']), 2, 'NOT_A_STORE', 'symbolic link to a file that does not exist');
    oneSentence(await cli(['--db', link, '--json', 'init']), 2, 'NOT_A_STORE', 'symbolic link');
    expect(readdirSync(dir)).toEqual(['link.db']);
  });
  it('a path under a file', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    oneSentence(await cli(['--db', join(file, 'h.db'), '--json', 'init']), 2, 'NOT_A_STORE', 'is a file, not a folder');
  });
  it.each(['/sys/hwaas-x/h.db', '/proc/self/hwaas-x/h.db'])('%s: init ends at once with one sentence', (path) => {
    // `mkdir -p` under /proc/self used to spin forever: spawn with a deadline.
    const result = spawnCli(['--json', '--db', path, 'init']);
    expect(result.signal).toBeNull();
    oneSentence({ code: result.code, stderr: result.stderr }, 1, 'READ_ONLY', 'cannot make the folder');
  });
});

describe('a damaged store', () => {
  function checkpointed(): void {
    const raw = new Database(db);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.pragma('journal_mode = DELETE');
    raw.close();
  }
  it('truncated: every command, db check included, says STORE_CORRUPT', async () => {
    checkpointed();
    const { size } = await import('node:fs').then((fs) => fs.statSync(db));
    truncateSync(db, Math.floor(size / 2));
    for (const args of [
      ['db', 'check'],
      ['customers', 'list'],
      ['orders', 'list'],
      ['order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes'],
    ]) {
      oneSentence(await run(...args), 1, 'STORE_CORRUPT', 'restore it from a backup');
    }
  });
  it('overwritten pages: db check reports it', async () => {
    checkpointed();
    const fd = openSync(db, 'r+');
    const { writeSync, closeSync } = await import('node:fs');
    writeSync(fd, Buffer.alloc(8192, 0xde), 0, 8192, 4096 * 3);
    closeSync(fd);
    oneSentence(await run('db', 'check'), 1, 'STORE_CORRUPT', 'restore it from a backup');
  });
});

describe('--out where a file cannot go', () => {
  it('a folder, with or without --force', async () => {
    for (const force of [[], ['--force']]) oneSentence(await run('pricelist', '--out', dir, ...force), 2, 'INVALID_INPUT', `${dir} is a folder`);
  });
  it('a path under a file', async () => {
    const file = join(dir, 'f.txt');
    writeFileSync(file, 'x');
    oneSentence(await run('pricelist', '--out', join(file, 'p.pdf')), 2, 'INVALID_INPUT', 'is a file, not a folder');
    oneSentence(await run('db', 'backup', join(file, 'b.db')), 2, 'INVALID_INPUT', 'is a file, not a folder');
  });
});

describe('standard output to /dev/full', () => {
  it.each([
    ['customers', 'list'],
    ['customers', 'list', '--json'],
    ['pricelist', '--format', 'csv', '--out', '-'],
  ])('%s', async (...args) => {
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [BIN, '--db', db, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cannot write to standard output: the device or disk is full (ENOSPC)');
  });
});

// A real full disk and a real read-only file system: a small tmpfs (needs root, as CI has).
const root = process.getuid?.() === 0;
describe.skipIf(!root)('a full disk and a read-only file system (tmpfs)', () => {
  let mount: string;
  let holder: ReturnType<typeof spawn> | null = null;
  beforeAll(() => {
    mount = mkdtempSync(join(tmpdir(), 'hwaas-tmpfs-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]).status).toBe(0);
  });
  afterAll(() => {
    holder?.kill('SIGKILL');
    spawnSync('umount', ['-l', mount]);
  });

  it('checkout, export, backup and a quote PDF on a full disk: DISK_FULL, nothing half-written', async () => {
    const store = join(mount, 'hwaas.db');
    expect((await cli(['--db', store, 'init', '--demo'])).code).toBe(0);
    // Another process keeps the store open, so its -wal and -shm exist before the disk fills.
    holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(store)});d.prepare('SELECT 1').get();process.stdout.write('open');setInterval(()=>{},1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder!.stdout!.once('data', resolve));
    spawnSync('dd', ['if=/dev/zero', `of=${join(mount, 'filler')}`, 'bs=4k', 'count=100000']);
    try {
      const onFull = (...args: string[]) => cli(['--db', store, '--json', '--as', 'USR-101', ...args]);
      oneSentence(await onFull('order', '--customer', 'CUS-0003', '--pbx', 'PBX-1020', '--item', 'WP480G=1', '--checkout', '--yes'), 1, 'DISK_FULL', store);
      oneSentence(await onFull('pricelist', '--out', join(mount, 'p.pdf')), 1, 'DISK_FULL', join(mount, 'p.pdf'));
      oneSentence(await onFull('pricelist', '--format', 'xlsx', '--out', join(mount, 'p.xlsx')), 1, 'DISK_FULL', join(mount, 'p.xlsx'));
      oneSentence(await onFull('quote', '--pbx', 'PBX-1020', '--item', 'WP480G=1', '--format', 'pdf', '--internal', '--out', join(mount, 'q.pdf')), 1, 'DISK_FULL', join(mount, 'q.pdf'));
      // The customer's quote is recorded first, in the store on the same full disk: no number, no file.
      oneSentence(await onFull('quote', '--pbx', 'PBX-1020', '--item', 'WP480G=1', '--format', 'pdf', '--out', join(mount, 'q.pdf')), 1, 'DISK_FULL', store);
      oneSentence(await onFull('db', 'backup', join(mount, 'b.db')), 1, 'DISK_FULL', join(mount, 'b.db'));
      expect(readdirSync(mount).sort()).toEqual(['filler', 'hwaas.db', 'hwaas.db-shm', 'hwaas.db-wal']);
    } finally {
      holder.kill('SIGKILL');
      spawnSync('rm', ['-f', join(mount, 'filler')]);
    }
    expect((await cli(['--db', store, '--json', 'db', 'check'])).json().ok).toBe(true);
    expect((await cli(['--db', store, '--json', '--as', 'USR-101', 'orders', 'list'])).json()).toEqual([]);
    expect((await cli(['--db', store, '--json', '--as', 'USR-101', 'quotes', 'list'])).json()).toEqual([]);
  });

  it('a read-only file system: reads and writes say so', async () => {
    const store = join(mount, 'ro.db');
    expect((await cli(['--db', store, 'init', '--demo'])).code).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
    try {
      oneSentence(await cli(['--db', store, '--json', 'customers', 'list']), 1, 'READ_ONLY', 'read-only file system');
      oneSentence(await cli(['--db', store, '--json', 'customers', 'add', '--name', 'X']), 1, 'READ_ONLY', 'read-only file system');
      oneSentence(await cli(['--db', join(mount, 'new.db'), '--json', 'init']), 1, 'READ_ONLY', 'read-only file system');
      oneSentence(await cli(['--db', db, '--json', 'pricelist', '--out', join(mount, 'p.pdf')]), 1, 'READ_ONLY', 'read-only file system');
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', mount]);
    }
  });
});
