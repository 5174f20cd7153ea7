import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, record, timeCommand } from './lib.js';

function exportRun(format: string, count: number): { ms: number; maxRssMB: number; bytes: number } {
  const out = join(mkdtempSync(join(tmpdir(), 'hwaas-bench-export-')), `out.${format}`);
  const result = timeCommand([join(ROOT, 'dist/bench/exportWorker.js'), format, String(count), out]);
  if (result.status !== 0) throw new Error(`export ${format} failed: ${result.stderr}`);
  const figures = JSON.parse(result.stdout) as { ms: number; maxRssMB: number };
  return { ...figures, bytes: format === 'none' ? 0 : statSync(out).size };
}

/** The price-list issue's figures: a 5,000-product PDF and a 50,000-row XLSX. */
export function exportBench(): void {
  const pdfBase = exportRun('csv', 5000);
  const pdf = exportRun('pdf', 5000);
  record({
    section: 'exports',
    what: `PDF price list, 5,000 products (${(pdf.bytes / 1e6).toFixed(1)} MB)`,
    value: `${(pdf.ms / 1000).toFixed(2)} s`,
    baseline: `${pdfBase.ms.toFixed(0)} ms for the same list as CSV`,
    ratio: `${(pdf.ms / pdfBase.ms).toFixed(1)}×`,
    goal: '< 3 s',
    ok: pdf.ms < 3000,
  });
  const idle = exportRun('none', 50_000);
  const csv = exportRun('csv', 50_000);
  const xlsx = exportRun('xlsx', 50_000);
  record({
    section: 'exports',
    what: `XLSX price list, 50,000 rows (${(xlsx.bytes / 1e6).toFixed(1)} MB)`,
    value: `${(xlsx.ms / 1000).toFixed(2)} s`,
    baseline: `${csv.ms.toFixed(0)} ms for the same rows as CSV`,
    ratio: `${(xlsx.ms / csv.ms).toFixed(1)}×`,
    goal: '< 3 s',
    ok: xlsx.ms < 3000,
  });
  record({
    section: 'exports',
    what: 'XLSX price list, 50,000 rows: peak memory (max RSS)',
    value: `${xlsx.maxRssMB.toFixed(0)} MB`,
    baseline: `${idle.maxRssMB.toFixed(0)} MB for the process holding the same list without exporting`,
    ratio: `${(xlsx.maxRssMB / idle.maxRssMB).toFixed(2)}×`,
    goal: '< 200 MB',
    ok: xlsx.maxRssMB < 200,
  });
}
