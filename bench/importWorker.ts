// Runs one import, or the baseline of inserting the same rows directly, in its own
// process, so that its time and peak memory are measured alone.
// Usage: node dist/bench/importWorker.js <import|direct> <customers|pbxs> <file.csv> <store> [user]
import { readFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { processIo } from '../src/cli/io.js';
import Database from 'better-sqlite3';

const [how, kind, file, store, as = 'USR-101'] = process.argv.slice(2) as ['import' | 'direct', 'customers' | 'pbxs', string, string, string?];
const start = process.hrtime.bigint();
let code = 0;
if (how === 'import') {
  const io = { ...processIo(), stdout: process.stderr, env: { ...process.env, HWAAS_DB: store } };
  code = await main(['--as', as, '--date', '2026-11-24', '--json', 'import', kind, file], io);
} else {
  // The baseline: the same rows, split and inserted in one transaction by a prepared
  // statement, with no checks, lookups or matching; the file read whole.
  const rows = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const db = new Database(store);
  const insert =
    kind === 'customers'
      ? db.prepare("INSERT INTO customers (id, name, country, vat, email, partner_id, search_key, created_at) VALUES (?, ?, ?, ?, ?, ?, lower(?), '2026-11-24T10:00:00.000Z')")
      : db.prepare('INSERT INTO pbxs (id, customer_id, name, type, license, activated_on, cancelled_on) VALUES (?, ?, ?, ?, ?, ?, NULL)');
  db.transaction(() => {
    for (const r of rows) {
      if (kind === 'customers') insert.run(r[0], r[1], r[2], r[3] || null, r[4] || null, r[5], r[1]);
      else insert.run(r[0], r[1], r[2], r[3], r[4], r[5]);
    }
  })();
  db.close();
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ code, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
