import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, demoStore, translate } from '../helpers.js';

// Real processes on one store: on SQLite, WAL, busy_timeout and BEGIN IMMEDIATE must
// keep every reservation and no SQLITE_BUSY may reach a user; on PostgreSQL, each
// process connects as its partner's login and the stock row's atomic update (with a
// retry on deadlocks and serialization failures) must do the same.
const WORKER = join(ROOT, 'test/fixtures/worker.cjs');

interface Result {
  code: number;
  error: { code: string; message: string } | null;
  output: { id?: string; lines?: { sku: string; qty: number }[] } | null;
}

function worker(commands: string[][]): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const translated = commands.map((command) => translate(command).args);
    const child = spawn(process.execPath, [WORKER, JSON.stringify({ commands: translated })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

let db: string;
beforeAll(async () => {
  db = await demoStore();
  // Every demo partner that can check out: agreements and no overdue invoices today.
  expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0201'])).code).toBe(0);
  expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0202'])).code).toBe(0);
  expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0302'])).code).toBe(0);
});

const PROCESSES = 16;
const CHECKOUTS = 30;

describe('concurrency', () => {
  it(`${PROCESSES} processes × ${CHECKOUTS} checkouts of one SKU: reserved is the sum placed, no lock error reaches anyone`, async () => {
    const before = (await cli(['--db', db, 'stock', 'list', '--json'])).json().find((s: { sku: string }) => s.sku === 'MONOLED').reserved;
    const buyers = [
      ['USR-001', 'CUS-0001', 'PBX-1001'],
      ['USR-002', 'CUS-0006', 'PBX-1007'],
      ['USR-003', 'CUS-0009', 'PBX-1011'],
      ['USR-004', 'CUS-0011', 'PBX-1015'],
    ] as const;
    const runs = Array.from({ length: PROCESSES }, (_, p) => {
      const [user, customer, pbx] = buyers[p % buyers.length]!;
      const commands = Array.from({ length: CHECKOUTS }, (_, i) => [
        '--db',
        db,
        '--date',
        '2026-11-24',
        '--as',
        user,
        '--json',
        'order',
        '--customer',
        customer,
        '--pbx',
        pbx,
        '--item',
        `MONOLED=${1 + ((p + i) % 5)}`,
        '--checkout',
        '--yes',
      ]);
      return worker(commands);
    });
    const results = (await Promise.all(runs)).flat();
    const failures = results.filter((r) => r.code !== 0);
    expect(failures).toEqual([]);
    const placed = results.reduce((sum, r) => sum + r.output!.lines!.find((l) => l.sku === 'MONOLED')!.qty, 0);
    const after = (await cli(['--db', db, 'stock', 'list', '--json'])).json().find((s: { sku: string }) => s.sku === 'MONOLED').reserved;
    expect(after - before).toBe(placed);
    const ids = new Set(results.map((r) => r.output!.id));
    expect(ids.size).toBe(PROCESSES * CHECKOUTS);
    expect((await cli(['--db', db, '--as', 'USR-101', 'db', 'check', '--json'])).json().ok).toBe(true);
    // About what it proves, not how fast: 480 checkouts on a shared server take 30 s on a busy machine (speed: npm run bench).
  }, 120_000);

  it('one draft checked out from many processes at once is placed once', async () => {
    const draft = await cli(['--db', db, '--date', '2026-11-24', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'DUOLED=3', '--save', '--json']);
    const id = draft.json().id as string;
    const reserved = async () => (await cli(['--db', db, 'stock', 'list', '--json'])).json().find((s: { sku: string }) => s.sku === 'DUOLED').reserved as number;
    const before = await reserved();
    const results = (await Promise.all(Array.from({ length: 8 }, () => worker([['--db', db, '--date', '2026-11-24', '--json', 'orders', 'checkout', id, '--yes']])))).flat();
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    for (const r of results.filter((x) => x.code !== 0)) expect(r.error!.code).toBe('INVALID_STATE');
    expect((await reserved()) - before).toBe(3);
  });
});
