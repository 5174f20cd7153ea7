import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, interleavedMedians, median, ms, record, timeCommand } from './lib.js';
import { BUYERS, checkouts, payAll, postgresAvailable, postgresDemo } from './postgres.js';

/**
 * Through a server: what a command costs against a warm `hwaas serve` on this machine,
 * checkouts per second through one server on PostgreSQL by 16 clients, and quotes per
 * second (with their 99th percentile) through one server and through two on one store.
 * Each beside a baseline of the same run.
 */

interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

/** `hwaas serve` on a loopback port the system picks; resolves when it listens. */
export async function serve(db: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [BIN, '--db', db, 'serve', '--listen', '127.0.0.1:0', '--connections', '8'], {
    env: { ...process.env, HWAAS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c) => {
      err += c;
      const found = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (found) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(`hwaas serve exited: ${err}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A token for `user`, made by the store's owner (or staff on a file). */
export function token(db: string, user: string, staff: string): string {
  const made = timeCommand([BIN, '--db', db, '--as', staff, '--json', 'users', 'token', 'create', user, '--name', 'bench']);
  if (made.status !== 0) throw new Error(`token for ${user}: ${made.stderr}`);
  return JSON.parse(made.stdout).token as string;
}

/** `quote --pbx … --json` against a warm server on this machine, against a bare node. */
export async function serverStartupBench(demo: string): Promise<void> {
  const server = await serve(demo);
  try {
    const env = { HWAAS_SERVER: server.url, HWAAS_TOKEN: token(demo, 'USR-001', 'USR-101'), HWAAS_TODAY: '2026-11-24', HWAAS_DB: '' };
    const rounds = 21;
    const [bare, quote, list] = interleavedMedians(rounds, [
      { args: ['-e', '0'] },
      { args: [BIN, 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--json'], env },
      { args: [BIN, 'customers', 'list', '--json'], env },
    ]) as [number, number, number];
    for (const [what, value, goal] of [
      ['hwaas quote --pbx … --json through a warm local server', quote, 1.6],
      ['hwaas customers list --json through a warm local server', list, null],
    ] as const) {
      record({
        section: 'server',
        what: `${what} (median of ${rounds}, interleaved)`,
        value: ms(value),
        baseline: `${ms(bare)} node -e 0`,
        ratio: `${(value / bare).toFixed(2)}×`,
        goal: goal === null ? '' : `≤ ${goal}×`,
        ok: goal === null ? null : value / bare <= goal,
      });
    }
  } finally {
    await server.stop();
  }
}

/** 0.4's figure on this machine: 16 processes × 25 checkouts on PostgreSQL, each a partner's own login (BENCHMARKS.md, 2026-11-26). */
const CHECKOUTS_04_POSTGRES = 22;

/** Requests at a given concurrency, spread over the servers in turn; the rate and the 99th percentile. */
async function load(urls: readonly string[], bearer: string, path: string, body: unknown, total: number, concurrency: number): Promise<{ rate: number; p99: number; p50: number }> {
  const times: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const began = process.hrtime.bigint();
        const response = await fetch(`${urls[n % urls.length]}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'hwaas-date': '2026-11-24' },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        times.push(Number(process.hrtime.bigint() - began) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  return { rate: total / seconds, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!, p50: median(times) };
}

/** Checkouts and quotes through servers on PostgreSQL, against SQLite in process and 0.4's PostgreSQL figure. */
export async function serverThroughputBench(demo: string): Promise<void> {
  const each = 25;
  await payAll(['--db', demo, '--as', 'USR-101']);
  const local = await checkouts((user) => ['--db', demo, '--as', user], 16, each);
  if (!postgresAvailable()) {
    process.stdout.write('PostgreSQL is not installed: the server throughput figures are left out.\n');
    return;
  }
  const { url } = await postgresDemo('bench_server');
  await payAll(['--db', url, '--as', 'USR-101']);
  const one = await serve(url);
  const two = await serve(url);
  try {
    const tokens = Object.fromEntries(BUYERS.map(([user]) => [user, token(url, user, 'USR-ADMIN')]));
    const through = await checkouts(
      () => [],
      16,
      each,
      (user) => ({ HWAAS_SERVER: one.url, HWAAS_TOKEN: tokens[user]!, HWAAS_DB: '' }),
    );
    record({
      section: 'server',
      what: `checkouts through one server on PostgreSQL, 16 processes × ${each}`,
      value: `${through.toFixed(0)}/s`,
      baseline: `${local.toFixed(0)}/s SQLite in process, 16 processes; ${CHECKOUTS_04_POSTGRES}/s hwaas 0.4 on PostgreSQL`,
      ratio: `${(through / local).toFixed(2)}× SQLite; ${(through / CHECKOUTS_04_POSTGRES).toFixed(1)}× 0.4`,
      goal: `≥ 5× 0.4 (${5 * CHECKOUTS_04_POSTGRES}/s)`,
      ok: through >= 5 * CHECKOUTS_04_POSTGRES,
    });
    const quote = {
      pbx: 'PBX-1001',
      items: [
        { sku: 'WP480G', qty: 2 },
        { sku: 'DUOLED', qty: 1 },
      ],
    };
    const total = 2000;
    await load([one.url, two.url], tokens['USR-001']!, '/v1/quotes/make', quote, 200, 8); // warm both
    const single = await load([one.url], tokens['USR-001']!, '/v1/quotes/make', quote, total, 16);
    const both = await load([one.url, two.url], tokens['USR-001']!, '/v1/quotes/make', quote, total, 16);
    record({
      section: 'server',
      what: `quotes over HTTP, ${total.toLocaleString('en')} at 16 at once, one server`,
      value: `${single.rate.toFixed(0)}/s (p50 ${ms(single.p50)}, p99 ${ms(single.p99)})`,
      baseline: '',
      ratio: '',
      goal: '',
      ok: null,
    });
    record({
      section: 'server',
      what: `quotes over HTTP, ${total.toLocaleString('en')} at 16 at once, two servers on one store`,
      value: `${both.rate.toFixed(0)}/s (p50 ${ms(both.p50)}, p99 ${ms(both.p99)})`,
      baseline: `${single.rate.toFixed(0)}/s one server`,
      ratio: `${(both.rate / single.rate).toFixed(2)}×`,
      goal: '',
      ok: null,
    });
  } finally {
    await one.stop();
    await two.stop();
  }
}

/** A partner's search on the scale store through a warm server, against its SQL alone (`sqlAlone`, measured by the caller). */
export async function serverSearchBench(url: string, sqlAlone: number): Promise<void> {
  const server = await serve(url);
  try {
    const bearer = token(url, 'USR-P42', 'USR-STAFF');
    const body = { search: 'alpen' };
    await load([server.url], bearer, '/v1/customers/list', body, 10, 1);
    const times: number[] = [];
    for (let i = 0; i < 25; i++) times.push((await load([server.url], bearer, '/v1/customers/list', body, 1, 1)).p50);
    const value = median(times);
    record({
      section: 'scale',
      what: 'customers list --search "alpen" for one partner through a warm server on PostgreSQL (HTTP, median of 25)',
      value: ms(value),
      baseline: `${ms(sqlAlone)} for its SQL alone`,
      ratio: `${(value / sqlAlone).toFixed(1)}×`,
      goal: '',
      ok: null,
    });
  } finally {
    await server.stop();
  }
}
