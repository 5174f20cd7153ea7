import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and the benchmark: initdb and pg_ctl from
 * Debian's postgresql package, a Unix socket in a temporary folder, trust auth, no TCP.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export interface Cluster {
  /** The superuser's URL for a database of the cluster. */
  url(database: string, user?: string): string;
  readonly socketDir: string;
  stop(): void;
}

/** The folder of initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const candidates = ['/usr/lib/postgresql'].filter(existsSync).flatMap((root) =>
    readdirSync(root)
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(root, version, 'bin')),
  );
  for (const dir of candidates) if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const which = spawnSync('sh', ['-c', 'dirname "$(command -v pg_ctl)"'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  return onPath && existsSync(join(onPath, 'initdb')) ? onPath : null;
}

const asRoot = () => userInfo().uid === 0;

function run(bin: string, args: string[], cwd: string): void {
  const command = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

const OWNER = 'hwaas-owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and removes the clusters of test runs that died without stopping them. */
function reapAbandoned(bin: string): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('hwaas-pg-'))) {
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER), 'utf8'));
    } catch {
      continue; // not one of ours, or still being made
    }
    if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) continue;
    try {
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], dir);
    } catch {
      // Already stopped: remove it all the same.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startCluster(options: { durable?: boolean } = {}): Cluster {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  reapAbandoned(bin);
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-pg-'));
  // Whose cluster this is: a run killed before its teardown leaves one behind (a postgres
  // running on, holding memory), and the next run stops it.
  writeFileSync(join(dir, OWNER), String(process.pid));
  if (asRoot()) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout), Number(gid.stdout));
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8'], dir);
  const settings = [`-k ${dir}`, "-c listen_addresses=''", '-p 5432', '-c max_connections=200'];
  if (!options.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'log'), '-w', '-t', '60', 'start'], dir);
  return {
    socketDir: dir,
    url: (database, user = 'postgres') => `postgresql://${user}@${encodeURIComponent(dir)}/${database}`,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
