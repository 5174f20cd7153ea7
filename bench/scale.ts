import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { readSampleBooks } from '../src/import/samples.js';
import { storeBook } from '../src/domain/setup/seed.js';
import { customerSearch, customerSearchText, searchKey } from '../src/domain/kernel/search.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { Db } from '../src/store/sqlite/db.js';
import { fromCivil, formatDate, type CalendarDate } from '../src/terms/dates.js';
import { median, record } from './lib.js';
import { postgresScaleBench } from './postgres.js';

export const SCALE = { partners: 2_000, customers: 200_000, pbxs: 250_000, orderLines: 1_000_000, linesPerOrder: 4 } as const;

const WORDS = ['Acme', 'Nord', 'Süd', 'Łódź', 'Alpen', 'Blue', 'Green', 'Tele', 'Data', 'Haus', 'Müller', 'Κρήτη', 'Москва', 'Porto', 'Lyon', 'Oslo'];

/** Builds the store of the benchmark: 2,000 partners … 1,000,000 order lines, deterministically. */
export async function generateStore(path: string): Promise<{ seconds: number }> {
  const start = process.hrtime.bigint();
  const { store } = SqliteStore.create(path, false);
  // The sample price books, as `init --demo` loads them.
  const books = await readSampleBooks();
  const skus = [...new Set(books.flatMap((b) => b.lines.filter((l) => l.hwaas).map((l) => l.sku)))];
  await store.write(async (tx) => {
    for (const book of books) await storeBook(tx, book.key, book.lines, '2026-01-01T00:00:00Z', null, book.file);
  });
  // A million rows go in through better-sqlite3 directly, in one transaction: the benchmark's data, not what it measures.
  const db = store.handle;
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  db.transaction(() => {
    const partner = db.prepare('INSERT INTO partners (id, name, country, currency, area_manager_name, area_manager_email, tier) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const user = db.prepare('INSERT INTO users (id, email, name, role, partner_id) VALUES (?, ?, ?, ?, ?)');
    for (let p = 1; p <= SCALE.partners; p++) {
      const id = `PTR-${String(p).padStart(4, '0')}`;
      partner.run(id, `Partner ${p}`, 'DE', pick(['EUR', 'GBP', 'USD']), 'Area Manager', 'am@wildix.example', pick(['gold', 'silver', 'reseller']));
      user.run(`USR-P${p}`, `user${p}@partner.example`, `User ${p}`, 'partner', id);
    }
    user.run('USR-STAFF', 'staff@wildix.example', 'Staff', 'staff', null);
    const customer = db.prepare('INSERT INTO customers (id, partner_id, name, search_key, search_text, country, vat, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (let c = 1; c <= SCALE.customers; c++) {
      const name = `${pick(WORDS)} ${pick(WORDS)} ${c} GmbH`;
      const id = `CUS-${c}`;
      customer.run(
        id,
        `PTR-${String(((c - 1) % SCALE.partners) + 1).padStart(4, '0')}`,
        name,
        searchKey(name),
        customerSearchText({ id, name, vat: null, email: null }),
        'DE',
        null,
        null,
        '2026-01-01T00:00:00Z',
      );
    }
    const pbx = db.prepare('INSERT INTO pbxs (id, customer_id, name, type, license, activated_on, cancelled_on) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const base = fromCivil(2018, 1, 1);
    for (let x = 1; x <= SCALE.pbxs; x++) {
      const activated = (base + Math.floor(random() * 3200)) as CalendarDate;
      pbx.run(
        `PBX-${x}`,
        `CUS-${((x - 1) % SCALE.customers) + 1}`,
        `PBX ${x}`,
        pick(['cloud', 'virtual', 'hardware']),
        pick(['monthly', 'yearly', 'yearly', 'five-year', 'perpetual']),
        formatDate(activated),
        null,
      );
    }
    const order = db.prepare(
      `INSERT INTO orders (seq, partner_id, customer_id, pbx_id, term, status, currency, start_on, end_on, period_start, days, period_days, total_minor, renewal_total_minor, created_at, created_by, placed_at)
       VALUES (?, ?, ?, ?, 'yearly', 'shipped', 'EUR', '2026-01-10', '2026-05-01', '2025-05-01', 111, 365, 1000, 4000, '2026-01-10T00:00:00Z', ?, '2026-01-10T00:00:00Z')`,
    );
    const line = db.prepare('INSERT INTO order_lines (order_seq, line_no, sku, name, qty, unit_price_minor, amount_minor, renewal_minor) VALUES (?, ?, ?, ?, ?, 1000, 250, 1000)');
    const event = db.prepare("INSERT INTO order_events (order_seq, at, by_user, from_status, to_status) VALUES (?, '2026-01-10T00:00:00Z', ?, NULL, 'draft')");
    const orders = SCALE.orderLines / SCALE.linesPerOrder;
    for (let o = 1; o <= orders; o++) {
      const x = ((o - 1) % SCALE.pbxs) + 1;
      const c = ((x - 1) % SCALE.customers) + 1;
      const p = ((c - 1) % SCALE.partners) + 1;
      order.run(o, `PTR-${String(p).padStart(4, '0')}`, `CUS-${c}`, `PBX-${x}`, `USR-P${p}`);
      for (let l = 1; l <= SCALE.linesPerOrder; l++) line.run(o, l, skus[(o + l) % skus.length], 'device', 1 + (l % 3));
      event.run(o, `USR-P${p}`);
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('default_user', 'USR-STAFF'), ('mode', 'sandbox') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    db.prepare("UPDATE counters SET value = ? WHERE name = 'customer'").run(SCALE.customers);
    db.prepare("UPDATE counters SET value = ? WHERE name = 'pbx'").run(SCALE.pbxs);
  }).immediate();
  db.pragma('optimize');
  await store.close();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

function nullIo(): Io {
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  return {
    stdout: sink(),
    stderr: sink(),
    get stdin(): never {
      throw new Error('no stdin in the benchmark');
    },
    stdinIsTTY: false,
    env: {},
    cwd: tmpdir(),
    clockToday: () => fromCivil(2026, 11, 24),
    now: () => new Date('2026-11-24T00:00:00Z'),
  };
}

export async function timeMain(argv: string[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const code = await main(argv, nullIo());
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}`);
  }
  return median(times);
}

function timeSql(db: Db, sql: string, params: unknown[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    db.prepare(sql).all(...params);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** The three listings a partner uses every day, on a large store, against their bare SQL. */
export async function scaleBench(): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'hwaas-bench-scale-')), 'scale.db');
  const generated = await generateStore(path);
  process.stdout.write(
    `  generated ${SCALE.partners.toLocaleString('en')} partners, ${SCALE.customers.toLocaleString('en')} customers, ${SCALE.pbxs.toLocaleString('en')} PBXs, ${SCALE.orderLines.toLocaleString('en')} order lines in ${generated.seconds.toFixed(1)} s\n`,
  );
  const store = SqliteStore.open(path);
  const partner = 'PTR-0042';
  const runs = 25;
  // The same SQL the repositories run (src/store/sql/customers.ts, pbxs.ts, orders.ts).
  const cases: { what: string; argv: string[]; sql: string; params: unknown[] }[] = [
    {
      what: 'customers list --search "alpen"',
      argv: ['customers', 'list', '--search', 'alpen', '--json'],
      sql: "SELECT id, partner_id, name, country, vat, email FROM customers WHERE partner_id = ? AND search_text LIKE ? ESCAPE '\\' ORDER BY search_key, id",
      params: [partner, '%alpen%'],
    },
    {
      what: 'pbx list --expiring-within 30',
      argv: ['pbx', 'list', '--expiring-within', '30', '--json'],
      sql: 'SELECT p.id, p.customer_id, c.partner_id, p.name, p.type, p.license, p.activated_on, p.cancelled_on FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE c.partner_id = ? ORDER BY p.id',
      params: [partner],
    },
    {
      what: 'orders list',
      argv: ['orders', 'list', '--json'],
      sql: 'SELECT seq, partner_id, status, customer_id, pbx_id, term, currency, total_minor, created_at, placed_at FROM orders WHERE partner_id = ? ORDER BY seq',
      params: [partner],
    },
  ];
  for (const c of cases) {
    const command = await timeMain(['--db', path, '--as', 'USR-P42', '--date', '2026-11-24', ...c.argv], runs);
    const sql = timeSql(store.handle, c.sql, c.params, runs);
    const plan = (store.handle.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { detail: string }[]).map((r) => r.detail).join('; ');
    record({
      section: 'scale',
      what: `${c.what} for one partner (in-process, median of ${runs})`,
      value: `${command.toFixed(2)} ms`,
      baseline: `${sql.toFixed(2)} ms for its SQL alone`,
      ratio: `${(command / sql).toFixed(1)}×`,
      goal: '',
      ok: null,
    });
    process.stdout.write(`    plan: ${plan}\n`);
  }
  await listingBench(path);
  await searchBench(store);
  await store.close();
  await postgresScaleBench(path, timeMain);
}

/** A table is drawn in one pass: its time grows with its rows, like CSV's (a 50,000-row table within 3× the CSV). */
async function listingBench(path: string): Promise<void> {
  const runs = 3;
  const list = (limit: number, format: string) => timeMain(['--db', path, '--as', 'USR-STAFF', '--date', '2026-11-24', 'customers', 'list', '--limit', String(limit), '--format', format], runs);
  const csv = await list(50_000, 'csv');
  const table = await list(50_000, 'table');
  record({
    section: 'scale',
    what: `customers list, a table of 50,000 rows (in-process, median of ${runs})`,
    value: `${table.toFixed(0)} ms`,
    baseline: `${csv.toFixed(0)} ms the same rows as CSV`,
    ratio: `${(table / csv).toFixed(2)}×`,
    goal: '≤ 3×',
    ok: table / csv <= 3,
  });
  const whole = await list(200_000, 'table');
  record({
    section: 'scale',
    what: 'customers list, a table of all 200,000 rows',
    value: `${whole.toFixed(0)} ms`,
    baseline: `${table.toFixed(0)} ms for 50,000 rows`,
    ratio: `${(whole / table).toFixed(2)}× for 4× the rows`,
    goal: '≤ 5× (linear)',
    ok: whole / table <= 5,
  });
}

/** What the interactive order's customer picker asks on each keystroke: the first 50 matches of 200,000 customers, in SQL. */
async function searchBench(store: SqliteStore): Promise<void> {
  const runs = 15;
  const staff = { kind: 'staff' } as const;
  const worst: { what: string; ms: number }[] = [];
  for (const typed of ['m', 'mü', 'müller', 'müller 1', 'zzzz']) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      await store.customers.list(staff, { search: customerSearch(typed), limit: 50 });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    worst.push({ what: typed, ms: median(times) });
  }
  const slowest = worst.reduce((a, b) => (b.ms > a.ms ? b : a));
  const sql = timeSql(store.handle, "SELECT id, name FROM customers WHERE search_text LIKE ? ESCAPE '\\' ORDER BY search_key, id LIMIT 50", ['%zzzz%'], runs);
  record({
    section: 'scale',
    what: `customer search of the interactive order, each keystroke of "müller 1" and a miss, 200,000 customers (median of ${runs}; slowest: "${slowest.what}")`,
    value: `${slowest.ms.toFixed(1)} ms`,
    baseline: `${sql.toFixed(1)} ms its SQL alone for the miss`,
    ratio: `${(slowest.ms / sql).toFixed(1)}×`,
    goal: '< 100 ms',
    ok: slowest.ms < 100,
  });
}
