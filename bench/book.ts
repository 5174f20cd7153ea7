import { copyFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, record, timeCommand } from './lib.js';

/**
 * A partner's whole book (issue 24): its installed base of 50,000 running service lines
 * brought in with `hwaas import services`, beside the same rows inserted directly; then the
 * listings that read them (services list, renewals, MRR), on both sides.
 */
export async function bookBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-bench-book-'));
  const template = join(dir, 'template.db');
  if (timeCommand([BIN, 'init', '--demo'], { HWAAS_DB: template }).status !== 0) throw new Error('init failed');
  const worker = join(ROOT, 'dist/bench/importWorker.js');
  const work = (how: 'import' | 'direct', kind: 'customers' | 'pbxs' | 'agreements' | 'services', file: string, store: string, user = 'USR-101') => {
    const result = timeCommand([worker, how, kind, file, store, user]);
    const figures = JSON.parse(result.stdout || '{}') as { code: number; ms: number; maxRssMB: number };
    if (result.status !== 0 || figures.code !== 0) throw new Error(`${how} ${kind} failed: ${result.stderr.slice(0, 400)}`);
    return figures;
  };
  // 10,000 customers of Alpen Telecom, each with a subscription PBX; five lines on each.
  const PBXS = 10_000;
  const LINES = 50_000;
  const customers = ['id,name,country,partner'];
  const pbxs = ['id,customer,name,type,license,activated'];
  const terms = ['yearly', 'monthly', 'five-year'];
  for (let i = 0; i < PBXS; i++) {
    customers.push(`BC-${i},Book Customer ${i} GmbH,DE,PTR-001`);
    pbxs.push(`BX-${i},BC-${i},PBX ${i},cloud,${terms[i % 3]},202${i % 5}-0${1 + (i % 9)}-1${i % 9}`);
  }
  const agreements = ['customer,signed'];
  for (let i = 0; i < PBXS; i++) agreements.push(`BC-${i},2019-12-01`);
  const skus = ['WP480G', 'WP490G', 'WAIR-BASE', 'DUOLED', 'MONOLED'];
  const services = ['pbx,sku,qty,since,unit price,resale price,serials'];
  for (let i = 0; i < LINES; i++) {
    const pbx = i % PBXS;
    services.push(`BX-${pbx},${skus[Math.floor(i / PBXS)]},${1 + (i % 5)},2025-0${1 + (i % 9)}-1${i % 9},,,`);
  }
  const files = { customers: join(dir, 'customers.csv'), pbxs: join(dir, 'pbxs.csv'), agreements: join(dir, 'agreements.csv'), services: join(dir, 'services.csv') };
  writeFileSync(files.customers, `${customers.join('\n')}\n`);
  writeFileSync(files.pbxs, `${pbxs.join('\n')}\n`);
  writeFileSync(files.services, `${services.join('\n')}\n`);
  writeFileSync(files.agreements, `${agreements.join('\n')}\n`);
  work('import', 'customers', files.customers, template);
  work('import', 'pbxs', files.pbxs, template);
  // Each customer signed its HWaaS agreement (a partner brings lines in under checkout's rules).
  work('import', 'agreements', files.agreements, template);
  const imported = join(dir, 'imported.db');
  const direct = join(dir, 'direct.db');
  copyFileSync(template, imported);
  copyFileSync(template, direct);

  const base = work('direct', 'services', files.services, direct);
  const value = work('import', 'services', files.services, imported, 'USR-001');
  const mb = (statSync(files.services).size / 1e6).toFixed(1);
  record({
    section: 'book',
    what: `a partner imports its installed base: ${LINES.toLocaleString('en')} running service lines from CSV (${mb} MB), each checked against its PBX, priced from the book and the resale rules, keyed, in one transaction`,
    value: `${(value.ms / 1000).toFixed(2)} s (${Math.round(LINES / (value.ms / 1000)).toLocaleString('en')} rows/s)`,
    baseline: `${(base.ms / 1000).toFixed(2)} s (${Math.round(LINES / (base.ms / 1000)).toLocaleString('en')} rows/s) inserting the same rows directly (order, line, event) in one transaction`,
    ratio: `${(value.ms / base.ms).toFixed(1)}×`,
    goal: '',
    ok: null,
  });
  const again = work('import', 'services', files.services, imported, 'USR-001');
  record({
    section: 'book',
    what: `the same ${LINES.toLocaleString('en')} lines imported again (all unchanged)`,
    value: `${(again.ms / 1000).toFixed(2)} s`,
    baseline: `${(value.ms / 1000).toFixed(2)} s the first time`,
    ratio: `${(again.ms / value.ms).toFixed(2)}×`,
    goal: '',
    ok: null,
  });
  // What the partner then reads, on both sides, as a person would run it.
  const run = (...args: string[]) => {
    const result = timeCommand([BIN, '--as', 'USR-001', '--date', '2026-11-24', ...args], { HWAAS_DB: imported });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.slice(0, 300)}`);
    return result.ms;
  };
  const help = Math.min(run('whoami'), run('whoami'));
  for (const args of [
    ['services', 'list', '--format', 'csv'],
    ['mrr', '--side', 'both'],
    ['renewals', '--within', '365', '--side', 'both', '--json'],
  ]) {
    const took = Math.min(run(...args), run(...args));
    record({
      section: 'book',
      what: `hwaas ${args.join(' ')} over ${LINES.toLocaleString('en')} lines on ${PBXS.toLocaleString('en')} PBXs`,
      value: `${(took / 1000).toFixed(2)} s`,
      baseline: `${(help / 1000).toFixed(2)} s for hwaas whoami on the same store`,
      ratio: `${(took / help).toFixed(1)}×`,
      goal: '',
      ok: null,
    });
  }
}
