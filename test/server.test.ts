import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, cli, demoStore, onPostgres, rawSql, spawnCli } from './helpers.js';

// `hwaas serve` as its administrator runs it: a process of its own on a loopback port,
// reached by the built CLI with a token and by curl-like requests. On SQLite and on
// PostgreSQL (the server project runs every other command test through a server).

interface Running {
  readonly url: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const running: Running[] = [];

async function serve(db: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--listen', '127.0.0.1:0'], { env: { ...childEnv(), HWAAS_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hwaas serve did not start: ${err}`)), 20_000);
    const look = () => {
      const found = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stderr!.on('data', look);
    child.on('exit', () => reject(new Error(`hwaas serve exited: ${err}`)));
  });
  const server: Running = {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  running.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

/** The built CLI against a server: no store of its own. */
function remote(server: { url: string }, token: string, args: string[], input?: string) {
  return spawnCli(['--json', ...args], { HWAAS_SERVER: server.url, HWAAS_TOKEN: token }, input);
}
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

async function tokenFor(db: string, user: string): Promise<string> {
  // On the machine's clock, as the server checks its expiry (npm run test:dates moves it).
  const made = await cli(['--db', db, '--as', onPostgres ? 'USR-ADMIN' : 'USR-101', '--json', 'users', 'token', 'create', user, '--name', 'test'], { realClock: true });
  expect(made.code, made.stderr).toBe(0);
  return made.json().token;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe('hwaas serve', () => {
  let db: string;
  let server: Running;
  let anna: string;
  let giulia: string;
  beforeAll(async () => {
    db = await demoStore();
    server = await serve(db);
    anna = await tokenFor(db, 'USR-001');
    giulia = await tokenFor(db, 'USR-101');
  });

  it('says it is up, and describes itself in OpenAPI 3.1', async () => {
    const health = await get(`${server.url}/healthz`);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    const document = (await get(`${server.url}/openapi.json`)).body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).length).toBeGreaterThan(40);
  });

  it('answers the same JSON as the store itself, to the user of the token', async () => {
    const local = await cli(['--db', db, '--as', 'USR-001', '--date', '2026-11-24', '--json', 'customers', 'list']);
    const through = remote(server, anna, ['--date', '2026-11-24', 'customers', 'list']);
    expect(through.code, through.stderr).toBe(0);
    expect(JSON.parse(through.stdout)).toEqual(local.json());
    expect(JSON.parse(remote(server, anna, ['whoami']).stdout).id).toBe('USR-001');
    if (onPostgres) {
      // The server's connections log in as the store's application role, never as its owner.
      const sessions = await rawSql<{ usename: string }>(
        db,
        "SELECT DISTINCT usename::text AS usename FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      expect(sessions.map((s) => s.usename)).toEqual([expect.stringMatching(/^hwaas_[0-9a-f]{8}_app$/)]);
    }
  });

  it('refuses a request without a valid token, in one sentence, and limits failed attempts', async () => {
    const none = await fetch(`${server.url}/v1/customers/list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: unknown }).error).toMatchObject({ code: 'NOT_AUTHENTICATED', exitCode: 1 });
    const wrong = remote(server, `${anna.slice(0, -4)}xxxx`, ['whoami']);
    expect([wrong.code, errorOf(wrong).code]).toEqual([1, 'NOT_AUTHENTICATED']);
    let status = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const attempt = await fetch(`${server.url}/v1/customers/list`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer hwaas_nope_nope' }, body: '{}' });
      status = attempt.status;
      retryAfter = attempt.headers.get('retry-after');
      await attempt.text();
    }
    expect([status, retryAfter]).toEqual([429, '60']);
    // A valid token is never refused: bad ones from the same address cannot lock its users out.
    expect(remote(server, anna, ['whoami']).code).toBe(0);
    // The token is checked before the body is read: 150 MB announced without a token costs nothing.
    const big = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/customers/show`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(150 * 1024 * 1024) } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"id":"');
    });
    expect([401, 429]).toContain(big);
  });

  it('logs each request with its ID and never a token', async () => {
    const lines = server
      .stdout()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { reqId?: string; req?: { headers?: Record<string, unknown> } });
    expect(lines.some((l) => typeof l.reqId === 'string')).toBe(true);
    const secret = (token: string) => token.split('_').slice(2).join('_');
    for (const token of [anna, giulia]) expect(server.stdout() + server.stderr()).not.toContain(secret(token));
  });
});

describe('identity through a server', () => {
  let db: string;
  let server: Running;
  beforeAll(async () => {
    db = await demoStore();
    server = await serve(db);
  });

  it("--as is staff's only, and the order's events name both: the staff user as the partner's", async () => {
    const anna = await tokenFor(db, 'USR-001');
    const giulia = await tokenFor(db, 'USR-101');
    const refused = remote(server, anna, ['--as', 'USR-002', 'whoami']);
    expect([refused.code, errorOf(refused)]).toEqual([1, expect.objectContaining({ code: 'NOT_ALLOWED', message: expect.stringContaining('only Wildix staff may act as someone else') })]);
    const draft = remote(server, giulia, ['--as', 'USR-001', '--date', '2026-11-24', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save']);
    expect(draft.code, draft.stderr).toBe(0);
    const id = JSON.parse(draft.stdout).id as string;
    const shown = JSON.parse(remote(server, anna, ['orders', 'show', id]).stdout);
    expect(shown.events[0]).toMatchObject({ by: 'USR-001', actedBy: 'USR-101', to: 'draft' });
    const text = spawnCli(['orders', 'show', id], { HWAAS_SERVER: server.url, HWAAS_TOKEN: anna });
    expect(text.stdout).toContain('USR-101 as USR-001');
    // Acting as itself, nobody else is named.
    const own = remote(server, anna, ['--date', '2026-11-24', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save']);
    expect(JSON.parse(remote(server, anna, ['orders', 'show', JSON.parse(own.stdout).id]).stdout).events[0].actedBy).toBeNull();
  });

  it('a revoked token, or a disabled user, stops at once', async () => {
    const tom = await tokenFor(db, 'USR-002');
    expect(remote(server, tom, ['whoami']).code).toBe(0);
    const id = tom.split('_')[1]!;
    expect((await cli(['--db', db, '--as', onPostgres ? 'USR-ADMIN' : 'USR-101', 'users', 'token', 'revoke', id])).code).toBe(0);
    const revoked = remote(server, tom, ['whoami']);
    expect([revoked.code, errorOf(revoked).code]).toEqual([1, 'NOT_AUTHENTICATED']);
    const piotr = await tokenFor(db, 'USR-004');
    expect(remote(server, piotr, ['whoami']).code).toBe(0);
    expect((await cli(['--db', db, '--as', 'USR-101', 'users', 'disable', 'USR-004'])).code).toBe(0);
    const disabled = remote(server, piotr, ['whoami']);
    expect([disabled.code, errorOf(disabled).code]).toEqual([1, 'NOT_AUTHENTICATED']);
    // The list says why it is refused.
    const listed = await cli(['--db', db, '--as', 'USR-101', '--json', 'users', 'token', 'list', '--user', 'USR-004']);
    expect(listed.json().map((t: { status: string }) => t.status)).toEqual(['user disabled']);
  });
});

describe('a client whose server is not there, not hwaas, or not this version', () => {
  it('one sentence and exit 1 for an address where nothing listens', () => {
    const result = spawnCli(['whoami'], { HWAAS_SERVER: 'http://127.0.0.1:9', HWAAS_TOKEN: 'hwaas_x_y' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^hwaas: cannot reach the hwaas server at http:\/\/127\.0\.0\.1:9/);
  });

  it('exit 2 for plain HTTP to another machine: the token would cross the network in the clear', () => {
    const result = spawnCli(['whoami'], { HWAAS_SERVER: 'http://10.20.30.40:8754', HWAAS_TOKEN: 'hwaas_x_y' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('in the clear');
  });

  it('one sentence and exit 1 for a server of another API version, and for one that is not hwaas', async () => {
    for (const [headers, pattern] of [
      [{ 'hwaas-api': '99', 'hwaas-version': '9.0.0' }, /runs hwaas 9\.0\.0, whose API \(99\) is not this hwaas/],
      [{}, /not an hwaas server|is not hwaas|hwaas server/],
    ] as const) {
      const other = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        res.end('{"id":"USR-001"}');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const port = (other.address() as AddressInfo).port;
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, '--json', 'whoami'], { env: { ...childEnv(), HWAAS_SERVER: `http://127.0.0.1:${port}`, HWAAS_TOKEN: 'hwaas_x_y' } });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      other.close();
      expect(result.code, result.stderr).toBe(1);
      expect(JSON.parse(result.stderr).error.message).toMatch(pattern);
    }
  });
});

describe('a server that stays up', () => {
  let db: string;
  let server: Running;
  let staff: string;
  beforeAll(async () => {
    db = await demoStore();
    server = await serve(db);
    staff = await tokenFor(db, 'USR-101');
  });

  it('refuses a body larger than it takes before reading it (413), and a body that is not its schema (400)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/imports/run?kind=customers&name=big.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream', 'content-length': String(400 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('name\n');
    });
    expect(status).toBe(413);
    const bad = await fetch(`${server.url}/v1/customers/list`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` }, body: '{"limit":"many","x":1}' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.js:\d+|SELECT|node_modules/);
    // What the command line checks, the API checks too: input errors, never a failure of the store.
    for (const [path, payload] of [
      ['customers/list', { limit: -1 }],
      ['customers/list', { limit: 1e20 }],
      ['customers/list', { search: 'x'.repeat(200_000) }],
      ['customers/show', { id: '\u0000' }],
      ['quotes/show', { number: 'Q-2026-\u00001' }],
    ] as const) {
      const answer = await fetch(`${server.url}/v1/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` }, body: JSON.stringify(payload) });
      expect(answer.status, `${path} ${JSON.stringify(payload).slice(0, 40)}`).toBe(400);
      expect(((await answer.json()) as { error: { exitCode: number } }).error.exitCode).toBe(2);
    }
  });

  it("a partner's user whose account is locked still revokes its own token", async () => {
    // Thames UC (PTR-002) is 84 days overdue on the demo's day: its account is locked.
    const tom = await tokenFor(db, 'USR-002');
    const id = tom.split('_')[1]!;
    const revoked = remote(server, tom, ['--date', '2026-11-24', 'users', 'token', 'revoke', id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(remote(server, tom, ['whoami']).code).toBe(1);
  });

  it.skipIf(!onPostgres)('a connection the database lost is replaced, and the request answered', async () => {
    expect(remote(server, staff, ['whoami']).code).toBe(0);
    const database = (await rawSql<{ db: string }>(db, 'SELECT current_database() AS db'))[0]!.db;
    await rawSql(db, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()', [database]);
    const after = remote(server, staff, ['customers', 'list']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).length).toBeGreaterThan(10);
  });

  it('SIGTERM finishes the request in flight, writes it whole, and stops', async () => {
    server = await serve(db);
    const rows = ['id,name,partner,country'];
    for (let i = 0; i < 6000; i++) rows.push(`CUS-${20000 + i},Stop Test ${i} GmbH,PTR-001,DE`);
    const slow = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, '--json', 'import', 'customers', '-'], { env: { ...childEnv(), HWAAS_SERVER: server.url, HWAAS_TOKEN: staff } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(`${rows.join('\n')}\n`);
    });
    // The request is under way when the signal comes.
    const deadline = Date.now() + 10_000;
    while (!/imports\/run/.test(server.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const stopped = server.stop();
    const result = await slow;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 6000 });
    expect(await stopped).toBe(0);
    expect(server.stderr()).toContain('Stopped: every request in flight was answered.');
    expect(Number((await rawSql<{ n: unknown }>(db, "SELECT count(*) AS n FROM customers WHERE name LIKE 'Stop Test %'"))[0]!.n)).toBe(6000);
  });
});

describe.skipIf(!onPostgres)('two servers on one PostgreSQL store', () => {
  it('serve the same store at once with no lost update: 8 clients, 5 checkouts each, alternating servers', async () => {
    const db = await demoStore();
    // Alpen Telecom's invoices are paid, so that checkouts on the real date pass.
    await rawSql(db, "UPDATE invoices SET paid_on = issued_on WHERE partner_id = 'PTR-001'");
    const [a, b] = [await serve(db), await serve(db)];
    const token = await tokenFor(db, 'USR-001');
    const before = Number((await rawSql<{ reserved: unknown }>(db, "SELECT reserved FROM stock WHERE sku = 'WP480G'"))[0]?.reserved ?? 0);
    const clients = Array.from(
      { length: 8 },
      (_, n) =>
        new Promise<number[]>((resolve) => {
          const codes: number[] = [];
          const next = (i: number) => {
            if (i === 5) return resolve(codes);
            const child = spawn(process.execPath, [BIN, '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes'], {
              env: { ...childEnv(), HWAAS_SERVER: (n + i) % 2 === 0 ? a.url : b.url, HWAAS_TOKEN: token },
            });
            child.stdout.resume();
            child.stderr.resume();
            child.on('exit', (code) => {
              codes.push(code ?? -1);
              next(i + 1);
            });
          };
          next(0);
        }),
    );
    const codes = (await Promise.all(clients)).flat();
    expect(codes.filter((c) => c !== 0)).toEqual([]);
    const after = Number((await rawSql<{ reserved: unknown }>(db, "SELECT reserved FROM stock WHERE sku = 'WP480G'"))[0]!.reserved);
    expect(after - before).toBe(8 * 5 * 2);
    const orders = Number((await rawSql<{ n: unknown }>(db, "SELECT count(*) AS n FROM orders WHERE status = 'placed'"))[0]!.n);
    expect(orders).toBeGreaterThanOrEqual(40);
    expect((await cli(['--db', db, '--as', 'USR-101', '--json', 'db', 'check'])).json().ok).toBe(true);
  });
});

describe("what a new user's pass found", () => {
  it('plain HTTP goes only to this machine by address; a URL with a password or /v1 is refused without repeating it', () => {
    for (const url of ['http://127.0.0.1.nip.io:8754', 'http://127.evil.example:8754']) {
      const result = spawnCli(['whoami'], { HWAAS_SERVER: url, HWAAS_TOKEN: 'hwaas_x_y' });
      expect([result.code, result.stderr], url).toEqual([2, expect.stringContaining('in the clear')]);
    }
    const secret = spawnCli(['whoami'], { HWAAS_SERVER: 'http://user:s3cret@127.0.0.1:8754', HWAAS_TOKEN: 'hwaas_x_y' });
    expect(secret.code).toBe(2);
    expect(secret.stderr).not.toContain('s3cret');
    const path = spawnCli(['whoami'], { HWAAS_SERVER: 'http://127.0.0.1:8754/v1', HWAAS_TOKEN: 'hwaas_x_y' });
    expect([path.code, path.stderr]).toEqual([2, expect.stringContaining('without /v1')]);
  });

  it('serve: TLS files that are not PEM, or do not belong together, are exit 2 naming the file; TLS with --behind-proxy is exit 2; a port in use exit 1', async () => {
    const db = await demoStore();
    const bad = spawnCli(['--db', db, 'serve', '--listen', '0.0.0.0:0', '--tls-cert', '/etc/hostname', '--tls-key', '/etc/hostname']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--tls-cert /etc/hostname: not a certificate in PEM')]);
    const both = spawnCli(['--db', db, 'serve', '--listen', '0.0.0.0:0', '--tls-cert', '/etc/hostname', '--tls-key', '/etc/hostname', '--behind-proxy']);
    expect(both.code).toBe(2);
    const other = createServer(() => {});
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    const taken = spawnCli(['--db', db, 'serve', '--listen', `127.0.0.1:${port}`]);
    other.close();
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('EADDRINUSE')]);
  });

  it('logged in, init and db ask for --db instead of making a store of their own; HWAAS_TOKEN alone uses the server logged in to', async () => {
    const db = await demoStore();
    const server = await serve(db);
    const anna = await tokenFor(db, 'USR-001');
    const giulia = await tokenFor(db, 'USR-101');
    const config = (await import('node:fs')).mkdtempSync(join(tmpdir(), 'hwaas-cfg-'));
    const env = { XDG_CONFIG_HOME: config };
    expect(spawnCli(['auth', 'login', '--server', server.url, '--with-token'], env, `${giulia}\n`).code).toBe(0);
    const info = spawnCli(['db', 'info'], env);
    expect([info.code, info.stderr]).toEqual([2, expect.stringContaining('name a store of your own with --db')]);
    expect(spawnCli(['init', '--demo'], env).code).toBe(2);
    expect(JSON.parse(spawnCli(['--json', 'whoami'], { ...env, HWAAS_TOKEN: anna }).stdout).id).toBe('USR-001');
    expect(JSON.parse(spawnCli(['--json', 'whoami'], { ...env, HWAAS_SERVER: server.url }).stdout).id).toBe('USR-101');
  });
});
