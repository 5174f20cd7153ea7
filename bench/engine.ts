import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CalendarDate, fromCivil } from '../src/terms/dates.js';
import { buildQuote } from '../src/terms/quote.js';
import { TERMS } from '../src/terms/term.js';
import { BIN, record, timeCommand } from './lib.js';

/** Deterministic pseudo-random numbers, so every run quotes the same inputs. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function engineBench(): void {
  const random = lcg(42);
  const count = 400_000;
  const base = fromCivil(2015, 1, 1);
  const inputs = Array.from({ length: count }, () => {
    const activated = (base + Math.floor(random() * 3650)) as CalendarDate;
    return {
      term: TERMS[Math.floor(random() * 3)]!,
      activated,
      start: (activated + Math.floor(random() * 4000)) as CalendarDate,
      price: BigInt(Math.floor(random() * 500_000)),
      qty: 1 + Math.floor(random() * 100),
    };
  });
  // Baseline: the same number of bigint multiply-and-divide steps with no calendar work.
  let sink = 0n;
  const baselineStart = process.hrtime.bigint();
  for (const input of inputs) sink += (input.price * BigInt(input.qty) * 200n) / 365n;
  const baselineNs = Number(process.hrtime.bigint() - baselineStart);

  const start = process.hrtime.bigint();
  let lines = 0;
  for (const input of inputs) {
    const quote = buildQuote({
      pbx: { id: null, license: input.term, activated: input.activated, cancelledOn: null },
      start: input.start,
      currency: 'EUR',
      items: [{ sku: 'X', name: 'x', qty: input.qty, unitPrice: input.price }],
    });
    lines += quote.lines.length;
    sink += quote.total;
  }
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0n) throw new Error('unreachable');
  const perSecond = lines / (ns / 1e9);
  const baselinePerSecond = count / (baselineNs / 1e9);
  record({
    section: 'engine',
    what: 'quote lines per second (co-termination + proration + rounding)',
    value: `${Math.round(perSecond).toLocaleString('en')}/s`,
    baseline: `${Math.round(baselinePerSecond).toLocaleString('en')}/s bigint price×qty×days/period alone`,
    ratio: `${(baselinePerSecond / perSecond).toFixed(2)}× slower than the bare arithmetic`,
    goal: '≥ 1,000,000 lines/s',
    ok: perSecond >= 1_000_000,
  });
}

/** `hwaas quote --file` with 60,000 cases (within the 2,000,000 values a cases file may hold), against node reading and parsing the same file. */
export function batchBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-bench-cases-'));
  const file = join(dir, 'cases.json');
  const random = lcg(7);
  const skus = ['WP480G', 'WP410', 'WAIR-OFFICE', 'DUOLED', 'CLASSOUND-FLAT-S', 'VISION'];
  const cases = Array.from({ length: 60_000 }, (_, i) => {
    const year = 2015 + Math.floor(random() * 10);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const activated = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return {
      name: `case ${i}`,
      term: TERMS[i % 3],
      activated,
      start: `${year + 1}-06-15`,
      items: [{ sku: skus[i % skus.length], qty: 1 + (i % 20) }],
      expect: i % 2 === 0 ? { term: TERMS[i % 3] } : { error: 'NONE' },
    };
  });
  writeFileSync(file, JSON.stringify(cases));
  const size = readFileSync(file).length;
  const parse = timeCommand(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  const env = { HWAAS_DB: join(dir, 'no-store.db'), HWAAS_TODAY: '2026-11-24' };
  const quote = timeCommand([BIN, 'quote', '--file', file, '--check', '--json'], env);
  if (quote.status !== 1) throw new Error(`quote --file --check exited ${quote.status} (expected 1: half the cases are built to fail): ${quote.stderr}`);
  const results = JSON.parse(quote.stdout) as { passed: boolean }[];
  if (results.length !== cases.length || results.filter((r) => r.passed).length !== cases.length / 2) throw new Error('quote --file: unexpected results');
  record({
    section: 'engine',
    what: `hwaas quote --file --check, 60,000 cases (${(size / 1e6).toFixed(1)} MB)`,
    value: `${(quote.ms / 1000).toFixed(2)} s`,
    baseline: `${(parse.ms / 1000).toFixed(2)} s for node to read and JSON.parse the file`,
    ratio: `${(quote.ms / parse.ms).toFixed(1)}×`,
    goal: 'a few seconds (< 5 s)',
    ok: quote.ms < 5000,
  });
}
