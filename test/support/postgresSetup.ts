import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Cluster, startCluster } from './postgres.js';

/** What the PostgreSQL half of the suite knows of its cluster, given to every test file by `inject('postgres')`. */
export interface PostgresInfo {
  readonly socketDir: string;
  /** A database holding the demo store, copied (CREATE DATABASE … TEMPLATE) for each test. */
  readonly template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo;
  }
}

const BIN = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin', 'hwaas.js');

let cluster: Cluster | null = null;

export default async function setup(project: TestProject): Promise<() => void> {
  cluster = startCluster();
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE hwaas_demo');
  await admin.end();
  // The built CLI makes the template, as a user would (npm test builds first).
  const init = spawnSync(process.execPath, [BIN, '--db', cluster.url('hwaas_demo'), 'init', '--demo', '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/tmp' } });
  if (init.status !== 0) throw new Error(`init --demo on PostgreSQL failed: ${init.stderr}`);
  project.provide('postgres', { socketDir: cluster.socketDir, template: 'hwaas_demo' });
  return () => {
    cluster?.stop();
    cluster = null;
  };
}
