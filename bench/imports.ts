import { copyFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, record, timeCommand } from './lib.js';
import { postgresAvailable, postgresDemo } from './postgres.js';

/** The real-data issue's figures: 200,000 customers and 250,000 PBXs from CSV, against the same rows inserted directly. */
export async function importBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-bench-import-'));
  const template = join(dir, 'template.db');
  const init = timeCommand([BIN, 'init', '--demo'], { HWAAS_DB: template });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  const partners = ['PTR-001', 'PTR-002', 'PTR-003', 'PTR-004'];
  const customers = ['id,name,country,vat,email,partner'];
  for (let i = 0; i < 200_000; i++) customers.push(`B-${i},Bench Customer ${i} GmbH,DE,DE${100000000 + i},it${i}@bench.example,${partners[i % 4]}`);
  const pbxs = ['id,customer,name,type,license,activated'];
  const licences = ['yearly', 'monthly', 'five-year', 'perpetual'];
  for (let i = 0; i < 250_000; i++) pbxs.push(`BP-${i},B-${i % 200_000},PBX ${i},cloud,${licences[i % 4]},20${20 + (i % 6)}-0${1 + (i % 9)}-1${i % 9}`);
  const files = { customers: join(dir, 'customers.csv'), pbxs: join(dir, 'pbxs.csv') };
  writeFileSync(files.customers, `${customers.join('\n')}\n`);
  writeFileSync(files.pbxs, `${pbxs.join('\n')}\n`);

  const worker = join(ROOT, 'dist/bench/importWorker.js');
  const run = (how: 'import' | 'direct', kind: 'customers' | 'pbxs', store: string) => {
    const result = timeCommand([worker, how, kind, files[kind], store]);
    const figures = JSON.parse(result.stdout || '{}') as { code: number; ms: number; maxRssMB: number };
    if (result.status !== 0 || figures.code !== 0) throw new Error(`${how} ${kind} failed: ${result.stderr.slice(0, 400)}`);
    return figures;
  };
  // Each pair on its own copy of the same store; PBXs after customers, in both.
  const imported = join(dir, 'imported.db');
  const direct = join(dir, 'direct.db');
  copyFileSync(template, imported);
  copyFileSync(template, direct);
  for (const [kind, count] of [
    ['customers', 200_000],
    ['pbxs', 250_000],
  ] as const) {
    const base = run('direct', kind, direct);
    const value = run('import', kind, imported);
    const mb = (statSync(files[kind]).size / 1e6).toFixed(1);
    record({
      section: 'imports',
      what: `hwaas import ${kind}, ${count.toLocaleString('en')} rows from CSV (${mb} MB), checked and keyed, in one transaction`,
      value: `${(value.ms / 1000).toFixed(2)} s (${Math.round(count / (value.ms / 1000)).toLocaleString('en')} rows/s)`,
      baseline: `${(base.ms / 1000).toFixed(2)} s inserting the same rows directly in one transaction`,
      ratio: `${(value.ms / base.ms).toFixed(1)}×`,
      goal: '',
      ok: null,
    });
    record({
      section: 'imports',
      what: `hwaas import ${kind}, ${count.toLocaleString('en')} rows: peak memory (max RSS)`,
      value: `${value.maxRssMB.toFixed(0)} MB`,
      baseline: `${base.maxRssMB.toFixed(0)} MB reading the file whole and inserting it directly`,
      ratio: `${(value.maxRssMB / base.maxRssMB).toFixed(2)}×`,
      goal: '',
      ok: null,
    });
  }
  // Memory grows only by the keys seen (each file's key once: duplicates are named): a tenth of the rows, for comparison.
  const tenth = join(dir, 'customers-20k.csv');
  writeFileSync(tenth, `${customers.slice(0, 20_001).join('\n')}\n`);
  const small = join(dir, 'small.db');
  copyFileSync(template, small);
  const smallRun = JSON.parse(timeCommand([worker, 'import', 'customers', tenth, small]).stdout) as { maxRssMB: number };
  record({
    section: 'imports',
    what: 'peak memory of importing 20,000 customers (a tenth of the file)',
    value: `${smallRun.maxRssMB.toFixed(0)} MB`,
    baseline: '',
    ratio: '',
    goal: '',
    ok: null,
  });
  // Again: every row is compared and left alone.
  const again = run('import', 'customers', imported);
  record({
    section: 'imports',
    what: 'the same 200,000 customers imported again (0 created, 0 updated)',
    value: `${(again.ms / 1000).toFixed(2)} s`,
    baseline: '',
    ratio: '',
    goal: '',
    ok: null,
  });

  // A partner's user imports its own customers on a store of 200,000 (a quarter each), beside
  // staff importing the same rows: each batch is read by key, never by scanning the partner's
  // customers (it was: a partner's 400,000 rows took 29 s).
  const mine = customers.slice(1).filter((_, i) => i % 4 === 0);
  const partnerFile = join(dir, 'own-partner.csv');
  const staffFile = join(dir, 'own-staff.csv');
  writeFileSync(partnerFile, `${['id,name,country,vat,email', ...mine.map((line) => line.split(',').slice(0, 5).join(','))].join('\n')}\n`);
  writeFileSync(staffFile, `${[customers[0], ...mine].join('\n')}\n`);
  const timed = (file: string, user: string) => {
    const result = timeCommand([worker, 'import', 'customers', file, imported, user]);
    const figures = JSON.parse(result.stdout || '{}') as { code: number; ms: number };
    if (result.status !== 0 || figures.code !== 0) throw new Error(`the import as ${user} failed: ${result.stderr.slice(0, 400)}`);
    return figures.ms;
  };
  const asStaff = Math.min(timed(staffFile, 'USR-101'), timed(staffFile, 'USR-101'));
  const asPartner = Math.min(timed(partnerFile, 'USR-001'), timed(partnerFile, 'USR-001'));
  record({
    section: 'imports',
    what: `a partner's user imports its ${mine.length.toLocaleString('en')} customers again, on a store of 200,000`,
    value: `${(asPartner / 1000).toFixed(2)} s`,
    baseline: `${(asStaff / 1000).toFixed(2)} s for staff importing the same rows`,
    ratio: `${(asPartner / asStaff).toFixed(1)}×`,
    goal: '≤ 1.5×',
    ok: asPartner / asStaff <= 1.5,
  });

  if (postgresAvailable()) {
    const { url } = await postgresDemo('bench_import');
    const shared = run('import', 'customers', url);
    record({
      section: 'imports',
      what: 'hwaas import customers, 200,000 rows, on PostgreSQL (as staff)',
      value: `${(shared.ms / 1000).toFixed(2)} s (${Math.round(200_000 / (shared.ms / 1000)).toLocaleString('en')} rows/s)`,
      baseline: '',
      ratio: '',
      goal: '',
      ok: null,
    });
  }
}
