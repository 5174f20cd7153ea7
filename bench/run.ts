import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { batchBench, engineBench } from './engine.js';
import { exportBench } from './exports.js';
import { importBench } from './imports.js';
import { BIN, rows, timeCommand } from './lib.js';
import { scaleBench } from './scale.js';
import { startupBench } from './startup.js';
import { concurrencyBench, postgresAvailable, postgresStartupBench, stopBenchCluster } from './postgres.js';

// `npm run bench` runs every section; `npm run bench -- engine startup` only those.
const SECTIONS = ['startup', 'engine', 'exports', 'imports', 'book', 'checkouts', 'server', 'scale'] as const;
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : SECTIONS);

process.stdout.write(`hwaas benchmarks on ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
process.stdout.write('Each figure stands beside a baseline measured in the same run; the ratio is what to compare across machines.\n\n');

const demo = join(mkdtempSync(join(tmpdir(), 'hwaas-bench-')), 'demo.db');
const init = timeCommand([BIN, 'init', '--demo'], { HWAAS_DB: demo });
if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);

if (!postgresAvailable()) process.stdout.write('PostgreSQL is not installed: its figures are left out (apt-get install -y postgresql).\n\n');
if (wanted.has('startup')) {
  startupBench(demo);
  await postgresStartupBench();
}
if (wanted.has('engine')) {
  engineBench();
  batchBench();
}

if (wanted.has('exports')) exportBench();
if (wanted.has('imports')) await importBench();
if (wanted.has('book')) {
  const { bookBench } = await import('./book.js');
  await bookBench();
}
if (wanted.has('checkouts')) await concurrencyBench(demo);
if (wanted.has('server')) {
  const { serverStartupBench, serverThroughputBench } = await import('./server.js');
  await serverStartupBench(demo);
  await serverThroughputBench(demo);
}
if (wanted.has('scale')) await scaleBench();
stopBenchCluster();

const failed = rows.filter((r) => r.ok === false);
process.stdout.write(`\n${rows.length} figures, ${rows.filter((r) => r.ok).length} goals met, ${failed.length} missed\n`);
