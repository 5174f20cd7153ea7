import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { parseDate } from '../src/terms/dates.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'hwaas.js');

export interface FakeIoOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stdin?: PassThrough;
  today?: string;
  cwd?: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
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
    clockToday: () => parseDate(options.today ?? '2026-11-24'),
    now: () => new Date('2026-11-24T10:00:00.000Z'),
  };
  return { io, stdout, stderr };
}

/** Runs the CLI in-process, as a user would type it. */
export async function cli(args: string[], options: FakeIoOptions = {}): Promise<CliResult> {
  const { io, stdout, stderr } = fakeIo(options);
  const code = await main(args, io);
  // Let the PassThrough streams deliver what was written.
  await new Promise((resolve) => setImmediate(resolve));
  const out = stdout.text();
  return { code, stdout: out, stderr: stderr.text(), json: () => JSON.parse(out) };
}

let template: string | null = null;

/** A fresh store with the demo data, copied from one built once per test file. */
export async function demoStore(): Promise<string> {
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

/** The demo store turned live, as if a real partner's team had this data: writes run on the clock's date. */
export async function liveStore(): Promise<string> {
  const path = await demoStore();
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.prepare("UPDATE settings SET value = 'live' WHERE key = 'mode'").run();
  db.close();
  return path;
}

/** SHA-256 of the store's files: "nothing written" means this does not change. */
export function storeFingerprint(path: string): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) hash.update(readFileSync(path + suffix));
  return hash.digest('hex');
}

/** Runs the built CLI as a separate process, with no terminal. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmpdir(), ...env },
    input: input ?? '',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}
