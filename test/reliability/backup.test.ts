import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, demoStore, rawSql } from '../helpers.js';

const WORKER = join(ROOT, 'test/fixtures/worker.cjs');
let db: string;
beforeAll(async () => {
  db = await demoStore();
});

describe('backups', () => {
  it('a backup taken while another process writes passes db check and holds every order committed before it began', async () => {
    const commands = Array.from({ length: 400 }, () => [
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
      'DUOLED=1',
      '--checkout',
      '--yes',
    ]);
    const child = spawn(process.execPath, [WORKER, JSON.stringify({ commands })], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    let committed: string[] = [];
    const deadline = Date.now() + 15_000;
    while (committed.length < 30 && Date.now() < deadline) {
      committed = (await cli(['--db', db, 'orders', 'list', '--json'])).json().map((o: { id: string }) => o.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    const target = join(mkdtempSync(join(tmpdir(), 'hwaas-backup-')), 'backup.db');
    const backup = await cli(['--db', db, 'db', 'backup', target]);
    expect(backup.code).toBe(0);
    await exited;
    const check = await cli(['--db', target, 'db', 'check', '--json']);
    expect(check.json().ok).toBe(true);
    const inBackup = new Set((await cli(['--db', target, 'orders', 'list', '--json'])).json().map((o: { id: string }) => o.id));
    for (const id of committed) expect(inBackup.has(id), id).toBe(true);
    const all = (await cli(['--db', db, 'orders', 'list', '--json'])).json().length;
    expect(all).toBe(400);
  });
});

describe('db copy into a new file', () => {
  it('interrupted, leaves no store behind, only a temporary file the next copy removes', async () => {
    const big = await demoStore();
    // 30,000 customers: a copy that takes long enough to be interrupted in the middle.
    await rawSql(
      big,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
      INSERT INTO customers (id, partner_id, name, search_key, created_at) SELECT 'CUS-X' || i, 'PTR-001', 'Customer ' || i, 'customer ' || i, '2026-11-24T10:00:00Z' FROM n`,
    );
    const folder = mkdtempSync(join(tmpdir(), 'hwaas-copy-'));
    const target = join(folder, 'laptop.db');
    const child = spawn(process.execPath, [BIN, '--db', big, '--as', 'USR-101', 'db', 'copy', '--to', target], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(signal ? -1 : code)));
    const deadline = Date.now() + 20_000;
    while (!readdirSync(folder).some((name) => name.includes('.partial')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder).some((name) => name.includes('.partial'))).toBe(true);
    const copy = await cli(['--db', big, '--as', 'USR-101', '--json', 'db', 'copy', '--to', target]);
    expect(copy.code, copy.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(['laptop.db']);
    expect((await cli(['--db', target, '--as', 'USR-101', '--json', 'customers', 'list'])).json()).toHaveLength(30014);
  });
});
