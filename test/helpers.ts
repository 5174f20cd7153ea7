import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { TABLES } from '../src/store/schema.js';
import { type CalendarDate, daysBetween, formatDate, parseDate } from '../src/terms/dates.js';
import { localCalendarDate } from '../src/clock.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'hwaas.js');

/**
 * One suite, three ways: the `postgres` project of vitest.config.ts runs the same
 * command tests against a throwaway PostgreSQL cluster, as the store's owner (a
 * database is a store, and `--as USER` says who acts, as on a file; the acting user's
 * scope holds the connection by row-level security); the `server` project runs them
 * through `hwaas serve`.
 */
export const BACKEND: 'sqlite' | 'postgres' | 'server' = process.env.HWAAS_TEST_BACKEND === 'postgres' ? 'postgres' : process.env.HWAAS_TEST_BACKEND === 'server' ? 'server' : 'sqlite';
/**
 * The third way: the `server` project runs the command tests through `hwaas serve` on
 * PostgreSQL. A test's in-process command reaches a server the worker starts for its
 * store on a loopback port, with the token of the user it acts as (staff keep `--as` for a
 * user that cannot log in: unknown or disabled); commands that administer the store
 * itself (init, db), and the built CLI spawned, still go to the database directly.
 */
export const onServer = BACKEND === 'server';
export const onPostgres = BACKEND === 'postgres' || onServer;
export const onSqlite = !onPostgres;

const postgres = onPostgres ? inject('postgres') : null;
const pgUrl = (database: string, user = 'postgres') => `postgresql://${user}@${encodeURIComponent(postgres!.socketDir)}/${database}`;
/** Databases of the suite's stores (copies of the demo template, or made empty). */
const demoDatabases = new Set<string>();
let created = 0;
let adminClient: Promise<pg.Client> | null = null;

function admin(database = 'postgres'): Promise<pg.Client> {
  if (database !== 'postgres') return connect(pgUrl(database));
  adminClient ??= connect(pgUrl('postgres'));
  return adminClient;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const databaseOf = (url: string): string | null => /^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/.exec(url)?.[1] ?? null;

/**
 * The argv and environment a run really gets. A PostgreSQL URL is the store's owner's,
 * who works as the administrator unless it names someone: for a store of the suite, a
 * test that names no one acts as the demo's default user (USR-001), as on a file.
 */
export function translate(args: readonly string[], env: Record<string, string | undefined> = {}): { args: string[]; env: Record<string, string | undefined> } {
  const out = [...args];
  const outEnv = { ...env };
  if (!onPostgres || out.includes('--as') || outEnv.HWAAS_USER !== undefined) return { args: out, env: outEnv };
  const at = out.indexOf('--db');
  const url = at >= 0 ? out[at + 1] : outEnv.HWAAS_DB;
  const database = url ? databaseOf(url) : null;
  if (!database || !demoDatabases.has(database) || !url!.startsWith('postgresql://postgres@')) return { args: out, env: outEnv };
  // The store's owner runs init and the commands of the store itself.
  const words = out.filter((a, i) => !a.startsWith('-') && !['--db', '--date'].includes(out[i - 1] ?? ''));
  if (['init', 'db', 'serve'].includes(words[0] ?? '')) return { args: out, env: outEnv };
  return { args: out, env: { ...outEnv, HWAAS_USER: 'USR-001' } };
}

/** The day the demo data tells its story on (README: one partner in each overdue stage). */
export const DEMO_TODAY = '2026-11-24';

export interface FakeIoOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stdin?: PassThrough;
  today?: string;
  cwd?: string;
  /**
   * The machine's own clock instead of 2026-11-24: for writes to a live store on
   * PostgreSQL, whose server checks what it is given against its own clock.
   */
  realClock?: boolean;
  /**
   * The clock stands at this instant (ISO), read in the store's zone, or without a store in
   * `shellZone` (the process's TZ): for what a shell's time zone must not move.
   */
  instant?: string;
  shellZone?: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON a command printed
  json<T = any>(): T;
}

function collector(tty: boolean): PassThrough & { text(): string; isTTY?: boolean } {
  const stream = new PassThrough() as PassThrough & { text(): string; isTTY?: boolean; columns?: number };
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  if (tty) {
    stream.isTTY = true;
    stream.columns = 120;
  }
  return stream;
}

export function fakeIo(options: FakeIoOptions = {}) {
  const tty = options.tty ?? false;
  const stdout = collector(tty);
  const stderr = collector(tty);
  const stdin = options.stdin ?? new PassThrough();
  if (tty) (stdin as PassThrough & { isTTY?: boolean }).isTTY = true;
  const io: Io = {
    stdout,
    stderr,
    stdin,
    stdinIsTTY: tty,
    env: { HOME: tmpdir(), ...options.env },
    cwd: options.cwd ?? ROOT,
    clockToday: (zone) =>
      options.instant ? localCalendarDate(new Date(options.instant), zone ?? options.shellZone) : options.realClock ? localCalendarDate(new Date(), zone) : parseDate(options.today ?? DEMO_TODAY),
    now: () => (options.instant ? new Date(options.instant) : options.realClock ? new Date() : new Date('2026-11-24T10:00:00.000Z')),
  };
  return { io, stdout, stderr };
}

/** Commands that work on the store itself, never through a server. */
const LOCAL_COMMANDS = new Set(['init', 'db', 'serve', 'auth', 'completion', 'help', '__complete']);

interface TestServer {
  readonly url: string;
  readonly tokens: Map<string, string>;
  /** Answers that the OpenAPI document does not describe, said by the test that saw them. */
  readonly mismatches: string[];
  close(): Promise<void>;
}

/** Checks each answer against the server's own OpenAPI document (its responses' schemas). */
async function openApiChecker(document: unknown): Promise<(path: string, status: number, body: string) => string | null> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const paths = (document as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> }).paths;
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content?.['application/json'] ?? response.content?.['application/x-ndjson'];
        if (content) validators.set(`${path} ${status}`, ajv.compile(content.schema));
      }
    }
  }
  return (path, status, body) => {
    const key = `${path} ${status === 200 ? '200' : status < 500 ? '4XX' : '5XX'}`;
    const validate = validators.get(key);
    if (!validate) return path === '/openapi.json' ? null : `${key}: no schema in the OpenAPI document`;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `${key}: not JSON: ${body.slice(0, 80)}`;
    }
    return validate(value) ? null : `${key}: ${ajv.errorsText(validate.errors)} in ${body.slice(0, 300)}`;
  };
}
const servers = new Map<string, Promise<TestServer>>();

/** A server for a store of the suite, started once per worker on a loopback port. */
function serverFor(ownerUrl: string): Promise<TestServer> {
  let found = servers.get(ownerUrl);
  if (!found) {
    found = (async () => {
      const { openStore, parseLocation } = await import('../src/store/index.js');
      const { StorePool } = await import('../src/server/pool.js');
      const { buildServer } = await import('../src/server/app.js');
      const location = parseLocation(ownerUrl, ROOT);
      const pool = new StorePool(() => openStore(location, {}), 4);
      const mismatches: string[] = [];
      let check: ((path: string, status: number, body: string) => string | null) | null = null;
      const [zone] = await rawSql<{ value: string }>(ownerUrl, "SELECT value FROM settings WHERE key = 'timezone'");
      const app = await buildServer({
        pool,
        timezone: zone?.value ?? null,
        where: ownerUrl,
        version: process.env.HWAAS_TEST_VERSION ?? '0.6.0',
        clock: serverClock,
        logger: false,
        onAnswer: (path, status, body) => {
          const mismatch = check?.(path, status, body);
          if (mismatch) mismatches.push(mismatch);
        },
      });
      await app.ready();
      check = await openApiChecker(app.swagger());
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address() as { port: number };
      return {
        url: `http://127.0.0.1:${address.port}`,
        tokens: new Map(),
        mismatches,
        close: async () => {
          await app.close();
          await pool.close();
        },
      };
    })();
    servers.set(ownerUrl, found);
  }
  return found;
}

/** The server's clock: the demo's day at 10:00 UTC, as the fake io's, unless a test moves it. */
const serverClock = { today: (zone: string | null | undefined) => localCalendarDate(new Date(serverNow()), zone), now: () => new Date(serverNow()) };
let serverInstant: string | null = null;
const serverNow = () => serverInstant ?? '2026-11-24T10:00:00.000Z';

/** A user's token on a store of the suite, made in the database (only its hash is kept). */
async function tokenFor(server: TestServer, ownerUrl: string, user: string): Promise<string> {
  const known = server.tokens.get(user);
  if (known) return known;
  const digest = createHash('sha256').update(`${ownerUrl} ${user}`).digest();
  const id = [...digest.subarray(0, 12)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const secret = createHash('sha256').update(`secret ${ownerUrl} ${user}`).digest('base64url');
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  await rawSql(ownerUrl, "INSERT INTO tokens (id, user_id, name, hash, created_at, created_by) VALUES (?, ?, 'test', ?, '2026-01-01T00:00:00.000Z', ?) ON CONFLICT (id) DO NOTHING", [
    id,
    user,
    hash,
    user,
  ]);
  const token = `hwaas_${id}_${secret}`;
  server.tokens.set(user, token);
  return token;
}

/** A run through the store's server: the acting user's own token, or staff's with --as for a user who cannot log in. */
async function throughServer(args: readonly string[], env: Record<string, string | undefined>, options: FakeIoOptions): Promise<{ args: string[]; env: Record<string, string | undefined> } | null> {
  const out = [...args];
  const at = out.indexOf('--db');
  const url = at >= 0 ? out[at + 1] : env.HWAAS_DB;
  if (!url || !demoDatabases.has(databaseOf(url) ?? '') || !url.startsWith('postgresql://postgres@')) return null;
  const words = out.filter((a, i) => !a.startsWith('-') && !['--db', '--as', '--date'].includes(out[i - 1] ?? ''));
  if (words.length === 0 || LOCAL_COMMANDS.has(words[0]!)) {
    // The store itself changes (init --force rebuilds it): its server starts again for the next command.
    const running = servers.get(url);
    if (running) {
      servers.delete(url);
      await (await running).close();
    }
    return null;
  }
  const asAt = out.indexOf('--as');
  const named = asAt >= 0 ? out[asAt + 1]! : (env.HWAAS_USER ?? 'USR-001');
  const server = await serverFor(url);
  serverInstant = options.instant ?? (options.realClock ? new Date().toISOString() : options.today ? `${options.today}T10:00:00.000Z` : null);
  const [user] = await rawSql<{ id: string; disabled_at: string | null }>(url, 'SELECT id, disabled_at FROM users WHERE id = ? OR lower(email) = lower(?)', [named.trim().toUpperCase(), named.trim()]);
  const outEnv = { ...env };
  delete outEnv.HWAAS_DB;
  delete outEnv.HWAAS_USER;
  if (at >= 0) out.splice(at, 2);
  if (user && !user.disabled_at) {
    const asNow = out.indexOf('--as');
    if (asNow >= 0) out.splice(asNow, 2);
    return { args: out, env: { ...outEnv, HWAAS_SERVER: server.url, HWAAS_TOKEN: await tokenFor(server, url, user.id) } };
  }
  // Staff name the user (who cannot log in): the server says why not, as a local store would.
  if (asAt < 0) out.unshift('--as', named);
  return { args: out, env: { ...outEnv, HWAAS_SERVER: server.url, HWAAS_TOKEN: await tokenFor(server, url, 'USR-101') } };
}

/** Runs the CLI in-process, as a user would type it. */
export async function cli(args: string[], options: FakeIoOptions = {}): Promise<CliResult> {
  const result = await runCli(args, options);
  // Through a server, every answer it gave is one its OpenAPI document describes.
  for (const server of servers.values()) {
    const mismatches = (await server).mismatches;
    if (mismatches.length > 0) throw new Error(`an answer of the server is not what its OpenAPI document says: ${mismatches.splice(0).join('\n')}`);
  }
  return result;
}

async function runCli(args: string[], options: FakeIoOptions): Promise<CliResult> {
  const run = (onServer ? await throughServer(args, options.env ?? {}, options) : null) ?? translate(args, options.env);
  const { io, stdout, stderr } = fakeIo({ ...options, env: run.env });
  const code = await main(run.args, io);
  // Let the PassThrough streams deliver what was written.
  await new Promise((resolve) => setImmediate(resolve));
  const out = stdout.text();
  return { code, stdout: out, stderr: stderr.text(), json: () => JSON.parse(out) };
}

let template: string | null = null;

/** A fresh store with the demo data (a sandbox), copied from one built once. */
export async function demoStore(): Promise<string> {
  if (onPostgres) {
    const name = `t_${process.pid}_${++created}`;
    await (await admin()).query(`CREATE DATABASE ${name} TEMPLATE ${postgres!.template}`);
    demoDatabases.add(name);
    return pgUrl(name);
  }
  if (!template) {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-template-'));
    template = join(dir, 'template.db');
    const result = await cli(['--db', template, 'init', '--demo', '--json']);
    if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
    // One file: fold the WAL into the main file before copying.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(template);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-test-'));
  const path = join(dir, 'hwaas.db');
  copyFileSync(template, path);
  return path;
}

/** Where a new, empty store can be made: a file path that does not exist yet, or an empty database. */
export async function newStore(file = 'hwaas.db'): Promise<string> {
  if (onPostgres) {
    const name = `e_${process.pid}_${++created}`;
    await (await admin()).query(`CREATE DATABASE ${name}`);
    return pgUrl(name);
  }
  return join(mkdtempSync(join(tmpdir(), 'hwaas-new-')), file);
}

/** A store opened directly, as the CLI's composition root opens it, for tests of what lies below the commands. */
export async function openTestStore(db: string) {
  const { openStore, parseLocation } = await import('../src/store/index.js');
  return openStore(parseLocation(db, ROOT), {});
}

/** SQL against a store as its owner, on either backend (`?` placeholders). For setting up what a test needs. */
export async function rawSql<R = Record<string, unknown>>(db: string, sql: string, params: unknown[] = []): Promise<R[]> {
  if (onPostgres) {
    const database = databaseOf(db)!;
    const client = await admin(database);
    try {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as R[];
    } finally {
      // The shared connection to the cluster's own database stays open for the next caller.
      if (database !== 'postgres') await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const raw = new Database(db);
  try {
    const statement = raw.prepare(sql);
    if (statement.reader) return statement.all(...params) as R[];
    statement.run(...params);
    return [];
  } finally {
    raw.close();
  }
}

/** The calendar date now in a store's own time zone: what a live store writes on. */
export async function storeToday(db: string): Promise<CalendarDate> {
  const [row] = await rawSql<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'timezone'");
  return localCalendarDate(new Date(), row?.value ?? null);
}

/** Every invoice's dates moved by `days` (back with a negative number). */
export async function moveInvoices(db: string, days: number): Promise<void> {
  if (days === 0) return;
  const moved = (date: string | null) => (date === null ? null : formatDate((parseDate(date) + days) as CalendarDate));
  const invoices = await rawSql<{ number: string; issued_on: string; due_on: string; paid_on: string | null }>(
    db,
    'SELECT number, CAST(issued_on AS TEXT) AS issued_on, CAST(due_on AS TEXT) AS due_on, CAST(paid_on AS TEXT) AS paid_on FROM invoices',
  );
  for (const invoice of invoices) {
    await rawSql(db, 'UPDATE invoices SET issued_on = ?, due_on = ?, paid_on = ? WHERE number = ?', [moved(invoice.issued_on), moved(invoice.due_on), moved(invoice.paid_on), invoice.number]);
  }
}

/**
 * The demo's invoices moved so that the story they tell on DEMO_TODAY is told today: each
 * partner stays in its overdue stage on whatever day the suite runs (a live store and a
 * PostgreSQL server's checks run on the real clock). Returns the days moved.
 */
export async function rebaseInvoices(db: string): Promise<number> {
  const shift = daysBetween(parseDate(DEMO_TODAY), await storeToday(db));
  await moveInvoices(db, shift);
  return shift;
}

/** A script of many statements as the store's owner (a dump restored): no placeholders; psql's own commands (`\\restrict`) are left out. */
export async function runScript(db: string, script: string): Promise<void> {
  const text = script
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  if (!onPostgres) throw new Error('runScript is for PostgreSQL stores');
  const client = await connect(pgUrl(databaseOf(db)!));
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The demo store turned live, as if a real partner's team had this data: writes run on the clock's date, and its invoices are dated from it. */
export async function liveStore(): Promise<string> {
  const path = await demoStore();
  await rawSql(path, "UPDATE settings SET value = 'live' WHERE key = 'mode'");
  await rebaseInvoices(path);
  return path;
}

/**
 * A fingerprint of everything a store holds: "nothing written" means it does not
 * change. A SQLite file's bytes (stricter: not even a page moves); a database's rows.
 */
export async function storeFingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  if (onPostgres) {
    // One query (one connection) for every table: the fuzz fingerprints hundreds of times.
    // The tokens a server keeps (when each was last used) are its own record, not the store's data.
    const columns = TABLES.filter((t) => t.name !== 'tokens').map((t, i) => `(SELECT coalesce(json_agg(x ORDER BY ${t.key.map((k) => `x.${k}`).join(', ')})::text, '[]') FROM ${t.name} x) AS t${i}`);
    const [row] = await rawSql<Record<string, string>>(path, `SELECT ${columns.join(', ')}`);
    for (const value of Object.values(row!)) hash.update(value);
    return hash.digest('hex');
  }
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) hash.update(readFileSync(path + suffix));
  return hash.digest('hex');
}

/**
 * The environment of a process a test starts: a PATH and a HOME of its own, and the moved
 * clock of `npm run test:dates` (libfaketime's variables), which a process must keep to
 * share the clock of the store and the test.
 */
export function childEnv(): Record<string, string | undefined> {
  const clock = Object.fromEntries(Object.entries(process.env).filter(([name]) => name === 'LD_PRELOAD' || name.startsWith('FAKETIME')));
  return { PATH: process.env.PATH, HOME: tmpdir(), ...clock };
}

/** Runs the built CLI as a separate process, with no terminal. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const run = translate(args, env);
  const result = spawnSync(process.execPath, [BIN, ...run.args], {
    encoding: 'utf8',
    env: { ...childEnv(), ...run.env },
    input: input ?? '',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}
