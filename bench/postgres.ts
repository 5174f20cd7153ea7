import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { type Cluster, postgresBin, startCluster } from '../test/support/postgres.js';
import { BIN, ROOT, interleavedMedians, ms, record, timeCommand } from './lib.js';
import { TABLES } from '../src/store/schema.js';

/**
 * The shared store's figures, each beside a baseline of the same run: checkouts per
 * second by 1, 4 and 16 processes on SQLite and on PostgreSQL; start-up of a quote on
 * both; the scale store's search on PostgreSQL against its SQL alone; `db copy` of the
 * scale store. A throwaway cluster with durable commits (fsync on), like a real server.
 */
let cluster: Cluster | null = null;

export function postgresAvailable(): boolean {
  return postgresBin() !== null;
}

export async function startBenchCluster(): Promise<Cluster> {
  cluster ??= startCluster({ durable: true });
  return cluster;
}

export function stopBenchCluster(): void {
  cluster?.stop();
  cluster = null;
}

async function createDatabase(name: string): Promise<string> {
  const c = await startBenchCluster();
  const admin = new pg.Client({ connectionString: c.url('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return c.url(name);
}

/** A demo store on PostgreSQL (its URL is the owner's, who acts as anyone with --as). */
export async function postgresDemo(name: string): Promise<{ url: string }> {
  const url = await createDatabase(name);
  const init = spawnSync(process.execPath, [BIN, '--db', url, 'init', '--demo', '--json'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init on PostgreSQL failed: ${init.stderr}`);
  return { url };
}

const WORKER = join(ROOT, 'test/fixtures/worker.cjs');
export const BUYERS = [
  ['USR-001', 'CUS-0001', 'PBX-1001'],
  ['USR-002', 'CUS-0006', 'PBX-1007'],
  ['USR-003', 'CUS-0009', 'PBX-1011'],
  ['USR-004', 'CUS-0011', 'PBX-1015'],
] as const;

/**
 * Runs `processes` workers of `each` checkouts of one SKU; returns checkouts per second.
 * Each buyer's commands start with `db(user)` and run with `env(user)` (a server's address and token).
 */
export async function checkouts(db: (user: string) => string[], processes: number, each: number, env: (user: string) => Record<string, string> = () => ({})): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: processes }, (_, p) => {
      const [user, customer, pbx] = BUYERS[p % BUYERS.length]!;
      const commands = Array.from({ length: each }, () => [...db(user), '--date', '2026-11-24', '--json', 'order', '--customer', customer, '--pbx', pbx, '--item', 'MONOLED=1', '--checkout', '--yes']);
      return new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [WORKER, JSON.stringify({ commands })], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env(user) } });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.on('exit', () => {
          const results = JSON.parse(out) as { code: number; error: { code: string; message: string } | null }[];
          const failed = results.filter((r) => r.code !== 0);
          if (failed.length > 0) reject(new Error(`${failed.length} checkouts failed, the first: ${failed[0]!.error?.code}: ${failed[0]!.error?.message}`));
          else resolve();
        });
      });
    }),
  );
  return (processes * each) / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function payAll(args: string[]): Promise<void> {
  for (const invoice of ['INV-2026-0201', 'INV-2026-0202', 'INV-2026-0302', 'INV-2026-0402']) timeCommand([BIN, ...args, 'invoices', 'pay', invoice]);
}

export async function concurrencyBench(sqlitePath: string): Promise<void> {
  const each = 25;
  const backends: [string, (user: string) => string[], () => Promise<void>][] = [['SQLite', (user) => ['--db', sqlitePath, '--as', user], () => payAll(['--db', sqlitePath, '--as', 'USR-101'])]];
  if (postgresAvailable()) {
    const { url } = await postgresDemo('bench_checkouts');
    backends.push(['PostgreSQL', (user) => ['--db', url, '--as', user], () => payAll(['--db', url, '--as', 'USR-101'])]);
  }
  for (const [name, db, prepare] of backends) {
    await prepare();
    const single = await checkouts(db, 1, each);
    for (const processes of [1, 4, 16]) {
      const rate = processes === 1 ? single : await checkouts(db, processes, each);
      record({
        section: 'checkouts',
        what: `${name}: ${processes} process${processes > 1 ? 'es' : ''} × ${each} checkouts of one SKU`,
        value: `${rate.toFixed(0)}/s`,
        baseline: `${single.toFixed(0)}/s one process`,
        ratio: `${(rate / single).toFixed(2)}×`,
        goal: '',
        ok: null,
      });
    }
  }
}

/** `quote --pbx … --json` on a shared store, against a bare node, as startup.ts does for SQLite. */
export async function postgresStartupBench(): Promise<void> {
  if (!postgresAvailable()) return;
  const { url } = await postgresDemo('bench_startup');
  const runs = 21;
  const env = { HWAAS_DB: url, HWAAS_USER: 'USR-001', HWAAS_TODAY: '2026-11-24' };
  const [bare, value] = interleavedMedians(runs, [{ args: ['-e', '0'] }, { args: [BIN, 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--json'], env }]) as [number, number];
  record({
    section: 'startup',
    what: `hwaas quote --pbx … --json on PostgreSQL (median of ${runs}, interleaved)`,
    value: ms(value),
    baseline: `${ms(bare)} node -e 0`,
    ratio: `${(value / bare).toFixed(2)}×`,
    goal: '',
    ok: null,
  });
}

/** Copies the scale store into PostgreSQL (db copy, rows per second), then times a partner's search there. */
export async function postgresScaleBench(scalePath: string, timeMain: (argv: string[], runs: number) => Promise<number>): Promise<void> {
  if (!postgresAvailable()) return;
  const url = await createDatabase('bench_scale');
  // The baseline: reading the same rows out of the SQLite file, all tables, in the copy's order.
  const read = timeCommand([
    '-e',
    `const D=require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(scalePath)},{readonly:true});let n=0;for(const t of ${JSON.stringify(TABLES.map((t) => t.name))})for(const r of d.prepare('SELECT * FROM '+t).iterate())n++;process.stdout.write(String(n))`,
  ]);
  const rows = Number(read.stdout);
  const copy = timeCommand([BIN, '--db', scalePath, '--as', 'USR-STAFF', '--json', 'db', 'copy', '--to', url]);
  if (copy.status !== 0) throw new Error(`db copy failed: ${copy.stderr}`);
  record({
    section: 'scale',
    what: `db copy of the scale store, SQLite → PostgreSQL (${rows.toLocaleString('en')} rows, verified)`,
    value: `${Math.round(rows / (copy.ms / 1000)).toLocaleString('en')} rows/s (${(copy.ms / 1000).toFixed(1)} s)`,
    baseline: `${Math.round(rows / (read.ms / 1000)).toLocaleString('en')} rows/s reading them from the file alone`,
    ratio: `${(copy.ms / read.ms).toFixed(1)}×`,
    goal: '',
    ok: null,
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('ANALYZE');
  const sql = "SELECT id, partner_id, name, country, vat, email FROM customers WHERE partner_id = $1 AND search_text LIKE $2 ESCAPE '\\' ORDER BY search_key, id";
  const runs = 25;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await client.query(sql, ['PTR-0042', '%alpen%']);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const plan = (await client.query(`EXPLAIN ${sql}`, ['PTR-0042', '%alpen%'])).rows.map((r) => r['QUERY PLAN']).join('; ');
  await client.end();
  times.sort((a, b) => a - b);
  const command = await timeMain(['--db', url, '--as', 'USR-P42', '--date', '2026-11-24', 'customers', 'list', '--search', 'alpen', '--json'], runs);
  record({
    section: 'scale',
    what: `customers list --search "alpen" for one partner on PostgreSQL (in-process, median of ${runs})`,
    value: ms(command),
    baseline: `${ms(times[Math.floor(runs / 2)]!)} for its SQL alone`,
    ratio: `${(command / times[Math.floor(runs / 2)]!).toFixed(1)}×`,
    goal: '',
    ok: null,
  });
  process.stdout.write(`    plan: ${plan}\n`);
  const { serverSearchBench } = await import('./server.js');
  await serverSearchBench(url, times[Math.floor(runs / 2)]!);
}
