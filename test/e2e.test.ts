import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, demoStore, onPostgres, spawnCli, translate, childEnv, rebaseInvoices } from './helpers.js';

// These run the built CLI (npm test builds first) as a separate process with no terminal.
let db: string;
beforeAll(async () => {
  // The built CLI reads the real clock: the demo's invoices are dated from it.
  db = await demoStore();
  await rebaseInvoices(db);
});

describe('the built CLI', () => {
  // What bin/bundle.cjs made of dist/hwaas.cjs.cache, asked in a child so its V8 flags are a user's.
  const cacheVerdict = (root: string) =>
    spawnSync(
      process.execPath,
      ['-e', `const b = require(${JSON.stringify(join(root, 'bin/bundle.cjs'))}).loadBundle(); process.stdout.write(String(b.script.cachedDataRejected) + ' ' + typeof b.exports.run)`],
      { encoding: 'utf8' },
    ).stdout;

  it('starts from the code cache the build made, and only from one made for this very bundle', () => {
    expect(cacheVerdict(ROOT)).toBe('false function');
    // A copy, its cache damaged in ways a disk or an interrupted copy could: each is
    // left unused (V8 would run junk bytes, or crash on them), and the CLI still runs.
    const copy = mkdtempSync(join(tmpdir(), 'hwaas-cache-'));
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist/hwaas.cjs'), join(copy, 'dist/hwaas.cjs'));
    const cache = readFileSync(join(ROOT, 'dist/hwaas.cjs.cache'));
    const body = cache.indexOf(10) + 1;
    const flipped = Buffer.from(cache);
    flipped[body + Math.floor((cache.length - body) / 2)]! ^= 0x5a;
    const otherBuild = Buffer.concat([
      Buffer.from(
        cache
          .subarray(0, body)
          .toString('latin1')
          .replace(/build \w+/, 'build 0000000000000000'),
      ),
      cache.subarray(body),
    ]);
    for (const [what, bytes] of [
      ['one byte flipped', flipped],
      ['cut short', cache.subarray(0, cache.length - 1000)],
      ['from another build', otherBuild],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      writeFileSync(join(copy, 'dist/hwaas.cjs.cache'), bytes);
      expect(cacheVerdict(copy), what).toBe('undefined function');
    }
    const version = spawnSync(process.execPath, [join(copy, 'bin/hwaas.js'), '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('init --demo then customers list, as on a fresh machine', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hwaas-e2e-')), 'hwaas.db');
    const init = spawnCli(['init', '--demo'], { HWAAS_DB: path });
    expect(init.code).toBe(0);
    const list = spawnCli(['customers', 'list'], { HWAAS_DB: path });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Müller GmbH');
  });

  it('uses the XDG default store path', () => {
    const home = mkdtempSync(join(tmpdir(), 'hwaas-home-'));
    expect(spawnCli(['init', '--json'], { HOME: home }).stdout).toContain(join(home, '.local/share/hwaas/hwaas.db'));
    const xdg = mkdtempSync(join(tmpdir(), 'hwaas-xdg-'));
    expect(JSON.parse(spawnCli(['init', '--json'], { XDG_DATA_HOME: xdg }).stdout).db).toBe(join(xdg, 'hwaas/hwaas.db'));
  });

  it('NO_COLOR output has no escape codes, even with FORCE_COLOR', () => {
    const result = spawnCli(['customers', 'list'], { HWAAS_DB: db, NO_COLOR: '1', FORCE_COLOR: '3' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stderr).not.toMatch(/\u001b\[/);
  });

  it('--json: stdout parses; on error it stays empty and stderr holds the envelope', () => {
    const ok = spawnCli(['pbx', 'list', '--json'], { HWAAS_DB: db });
    expect(Array.isArray(JSON.parse(ok.stdout))).toBe(true);
    const refused = spawnCli(['--json', 'quote', '--pbx', 'PBX-1002', '--item', 'WP480G=1'], { HWAAS_DB: db });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(JSON.parse(refused.stderr)).toEqual({ error: { code: 'NOT_SUBSCRIPTION', message: expect.stringContaining('perpetual') } });
  });

  it('no terminal and a missing value exits 2 at once instead of hanging', async () => {
    // stdin stays open and is not a terminal: a prompt would wait forever.
    const child = spawn(process.execPath, [BIN, 'customers', 'add'], { env: { ...childEnv(), ...translate([], { HWAAS_DB: db }).env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 10_000);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    expect(code).toBe(2);
    expect(stderr).toContain('missing --name');
  });

  it('CI=true never prompts', () => {
    const result = spawnCli(['customers', 'add'], { HWAAS_DB: db, CI: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --name');
  });

  it('a --db that is not a store is one sentence, exit 2, and the file is left alone', () => {
    const before = readFileSync(join(ROOT, 'package.json'));
    const result = spawnCli(['customers', 'show', 'CUS-0001'], { HWAAS_DB: join(ROOT, 'package.json') });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is not an hwaas store');
    expect(readFileSync(join(ROOT, 'package.json'))).toEqual(before);
  });

  it('an internal error is one line; its stack only with HWAAS_DEBUG=1', () => {
    // A fixture breaks the clock: hwaas meets an exception it does not expect, a bug.
    const args = ['--import', join(ROOT, 'test/fixtures/broken-clock.mjs'), BIN, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save'];
    const env = { ...childEnv(), ...translate([], { HWAAS_DB: db }).env };
    const quiet = spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 20_000 });
    expect(quiet.status).toBe(70);
    expect(quiet.stderr.trim().split('\n')).toEqual([expect.stringContaining('internal error: the clock is broken (a test fixture). This is a bug')]);
    const debug = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...env, HWAAS_DEBUG: '1' }, timeout: 20_000 });
    expect(debug.status).toBe(70);
    expect(debug.stderr).toContain('internal error: the clock is broken');
    expect(debug.stderr).toMatch(/TypeError: the clock is broken \(a test fixture\)\n\s+at /);
  });

  // What a run loads, from Module._load ("require NAME") and the ES module resolver (URLs).
  // On PostgreSQL every command that opens the store needs pg, and only pg: --help does not.
  const HEAVY = /^require (pdfkit|exceljs|@inquirer\/prompts)$|node_modules\/(pdfkit|exceljs|@inquirer)\//m;
  const PG = /^require (pg|pg-connection-string)$|node_modules\/pg\//m;
  function traced(args: string[]): string {
    const trace = join(mkdtempSync(join(tmpdir(), 'hwaas-trace-')), 'trace.txt');
    const child = spawnTraced(args, trace);
    expect(child.code, `${args.join(' ')}: ${child.stderr}`).toBe(0);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toContain('require ./bundle.cjs');
    return loaded;
  }

  it('loads no pdfkit, exceljs or inquirer, and pg only for a PostgreSQL store, for --help, quote, customers list and pbx list', () => {
    expect(traced(['--help'])).not.toMatch(PG);
    const runs = [['--help'], ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--json'], ['customers', 'list', '--json'], ['pbx', 'list', '--format', 'csv']];
    for (const args of runs) {
      const loaded = traced(args);
      expect(loaded, args.join(' ')).not.toMatch(HEAVY);
      if (args[0] !== '--help') expect(loaded, args.join(' ')).toMatch(onPostgres ? PG : /^require better-sqlite3$/m);
      if (args[0] !== '--help' && !onPostgres) expect(loaded, args.join(' ')).not.toMatch(PG);
    }
  });

  it('the trace sees a heavy module when one loads: a PDF loads pdfkit, an XLSX only exceljs', () => {
    expect(traced(['pricelist', '--format', 'pdf', '--out', '-'])).toMatch(/^require pdfkit$/m);
    const xlsx = traced(['pricelist', '--format', 'xlsx', '--out', '-']);
    expect(xlsx).toMatch(/^require exceljs$/m);
    expect(xlsx).not.toMatch(/^require pdfkit$/m);
  });
});

function spawnTraced(args: string[], trace: string) {
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/fixtures/trace.mjs'), BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...childEnv(), ...translate([], { HWAAS_DB: db }).env, HWAAS_TRACE_FILE: trace },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('a real terminal (tmux)', () => {
  it('a partner places an order in one hwaas order session', async () => {
    const socket = `hwaas-test-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', 'order').stdout;
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 15_000;
      while (!screen().includes(text)) {
        if (Date.now() > deadline) throw new Error(`"${text}" never appeared on:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const env = translate([], { HWAAS_DB: db }).env;
    const command = `env -u CI HWAAS_DB='${env.HWAAS_DB}'${env.HWAAS_USER ? ` HWAAS_USER='${env.HWAAS_USER}'` : ''} HWAAS_TODAY=2026-11-24 ${process.execPath} ${BIN} order; echo EXIT=$?; sleep 60`;
    expect(tmux('new-session', '-d', '-s', 'order', '-x', '140', '-y', '45', command).status).toBe(0);
    try {
      await waitFor('Customer (type to search)');
      tmux('send-keys', '-t', 'order', 'alpenblick');
      await waitFor('❯ Hotel Alpenblick AG');
      tmux('send-keys', '-t', 'order', 'Enter');
      await waitFor('PBX-1004 Alpenblick Rezeption (five-year');
      tmux('send-keys', '-t', 'order', 'Down', 'Enter'); // PBX-1020, yearly: the PBX decides the duration
      await waitFor('Everything ordered now ends with PBX PBX-1020 on 2026-12-05');
      expect(screen()).toContain('Duration: One year (yearly), the term of PBX PBX-1020.');
      await waitFor('❯ Add a product'); // the cart prompt is drawn after the sentence: a key sent before it is lost
      tmux('send-keys', '-t', 'order', 'Enter'); // Add a product
      await waitFor('Product (type to search');
      tmux('send-keys', '-t', 'order', 'wair-med');
      await waitFor('❯ WAIR-MED');
      tmux('send-keys', '-t', 'order', 'Enter');
      await waitFor('Quantity of W-AIR Med');
      tmux('send-keys', '-t', 'order', 'BSpace', '3', 'Enter'); // 58.00 × 3 × 11/365 = 5.2438…
      await waitFor('Total first charge');
      tmux('send-keys', '-t', 'order', 'Down', 'Down', 'Down', 'Enter'); // Review and finish
      await waitFor('Finish');
      tmux('send-keys', '-t', 'order', 'Enter'); // Check out now (first charge €5.24)
      await waitFor('Place this order for €5.24');
      tmux('send-keys', '-t', 'order', 'Enter');
      await waitFor('EXIT=0');
      expect(screen()).toMatch(/Placed ORD-\d{6}: first charge €5\.24, ending with PBX PBX-1020 on 2026-12-05/);
    } finally {
      tmux('kill-server');
    }
  });
});
