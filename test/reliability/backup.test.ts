import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, demoStore } from '../helpers.js';

const WORKER = join(ROOT, 'test/fixtures/worker.cjs');
let db: string;
beforeAll(async () => {
  db = await demoStore();
});

describe('backups', () => {
  it('a backup taken while another process writes passes db check and holds every order committed before it began', async () => {
    const commands = Array.from({ length: 400 }, () => ['--db', db, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'DUOLED=1', '--checkout', '--yes']);
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
