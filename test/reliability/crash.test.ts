import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, demoStore } from '../helpers.js';

const WORKER = join(ROOT, 'test/fixtures/worker.cjs');
let db: string;
beforeAll(async () => {
  db = await demoStore();
});

function count(path: string, sql: string): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare(sql).pluck().get() as number;
  } finally {
    raw.close();
  }
}

describe('crash', () => {
  it('kill -9 in the middle of a stream of checkouts leaves a sound store and no half-written order', async () => {
    const commands = Array.from({ length: 2000 }, (_, i) => [
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
      `WP480G=${1 + (i % 3)}`,
      '--item',
      'MONOLED=1',
      '--checkout',
      '--yes',
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'hwaas-crash-')), 'commands.json');
    writeFileSync(file, JSON.stringify({ commands }));
    const child = spawn(process.execPath, [WORKER, `@${file}`], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r)); // listened for at once: it may end before the kill
    // Kill it once it is well into its writes.
    const deadline = Date.now() + 15_000;
    while (count(db, 'SELECT COUNT(*) FROM orders') < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const orders = count(db, 'SELECT COUNT(*) FROM orders');
    expect(orders).toBeGreaterThanOrEqual(40);
    expect(orders).toBeLessThan(2000);

    const check = await cli(['--db', db, '--as', 'USR-101', 'db', 'check', '--json']);
    expect(check.code).toBe(0);
    expect(check.json().ok).toBe(true);
    // Every order has its two lines and its events; every placed one has its fixed amounts.
    expect(count(db, 'SELECT COUNT(*) FROM orders o WHERE (SELECT COUNT(*) FROM order_lines l WHERE l.order_seq = o.seq) <> 2')).toBe(0);
    expect(count(db, "SELECT COUNT(*) FROM orders WHERE status <> 'placed' OR total_minor IS NULL OR placed_at IS NULL")).toBe(0);
    expect(count(db, 'SELECT COUNT(*) FROM order_lines WHERE amount_minor IS NULL')).toBe(0);
    expect(count(db, "SELECT COUNT(*) FROM orders o WHERE (SELECT COUNT(*) FROM order_events e WHERE e.order_seq = o.seq AND e.to_status = 'placed') <> 1")).toBe(0);
    // And it still works.
    expect((await cli(['--db', db, '--date', '2026-11-24', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes'])).code).toBe(0);
  });
});
