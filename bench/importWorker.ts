// Runs one import, or the baseline of inserting the same rows directly, in its own
// process, so that its time and peak memory are measured alone.
// Usage: node dist/bench/importWorker.js <import|direct> <customers|pbxs|services> <file.csv> <store> [user]
import { readFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { processIo } from '../src/cli/io.js';
import Database from 'better-sqlite3';

const [how, kind, file, store, as = 'USR-101'] = process.argv.slice(2) as ['import' | 'direct', 'customers' | 'pbxs' | 'agreements' | 'services', string, string, string?];
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
  if (kind === 'services') {
    // A service line is an order of one line and its event: the same three rows an import writes, at a fixed price, with no lookups.
    const pbxs = new Map(
      (db.prepare('SELECT p.id, p.customer_id, c.partner_id FROM pbxs p JOIN customers c ON c.id = p.customer_id').all() as { id: string; customer_id: string; partner_id: string }[]).map((p) => [
        p.id,
        p,
      ]),
    );
    const order = db.prepare(
      "INSERT INTO orders (partner_id, customer_id, pbx_id, term, status, currency, start_on, end_on, period_start, days, period_days, total_minor, renewal_total_minor, created_at, created_by, placed_at, warnings, source) VALUES (?, ?, ?, 'yearly', 'shipped', 'EUR', ?, ?, ?, 1, 365, 0, 6800, '2026-11-24T10:00:00.000Z', 'USR-001', '2026-11-24T10:00:00.000Z', '[]', 'import')",
    );
    const line = db.prepare(
      'INSERT INTO order_lines (order_seq, line_no, sku, name, qty, unit_price_minor, amount_minor, renewal_minor, reserved_qty, resale_unit_minor, resale_renewal_minor) VALUES (?, 1, ?, ?, ?, 6800, 0, 6800, 0, 8160, 8160)',
    );
    const event = db.prepare("INSERT INTO order_events (order_seq, at, by_user, from_status, to_status) VALUES (?, '2026-11-24T10:00:00.000Z', 'USR-001', NULL, 'shipped')");
    db.transaction(() => {
      for (const r of rows) {
        const pbx = pbxs.get(r[0]!)!;
        const seq = Number(order.run(pbx.partner_id, pbx.customer_id, pbx.id, r[3], r[3], r[3]).lastInsertRowid);
        line.run(seq, r[1], r[1], Number(r[2]));
        event.run(seq);
      }
    })();
    db.close();
    const done = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ code, ms: done, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
    process.exit(0);
  }
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
