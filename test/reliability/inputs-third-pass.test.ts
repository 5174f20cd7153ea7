import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, onServer, rawSql, storeFingerprint, translate } from '../helpers.js';
import { inlineRow, workbookParts, writeZip } from '../support/zip.js';

// Attack (third round): a CSV field built a character at a time held 3.4 GB for a 100 MB
// file; 40 MB of blank lines took 16 s; `<c r="ALL"/>` rows (a reference without a row)
// padded three million rows to a thousand columns (95 s); 42 million `<row/>` took 32 s;
// 9,999 sheet names of 24,000 characters took 1.5 GB; a name the PDF could not print was
// found only after the quote's number was taken; `resale set --sku ""` repriced every
// product; a lone surrogate re-imported as "updated" every time; U+FFFF in a product name
// made the XLSX price list unreadable.
let db: string;
let dir: string;
beforeAll(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-third-'));
});
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

/** The built CLI in its own process, with its peak memory (GNU time, where installed). */
function measured(args: string[]): { status: number | null; stderr: string; seconds: number; peakMb: number | null } {
  const time = existsSync('/usr/bin/time');
  const run = translate(['--db', db, '--as', 'USR-001', '--date', '2026-11-24', '--json', ...args]);
  const started = Date.now();
  const env = { ...process.env, ...run.env };
  const result = time
    ? spawnSync('/usr/bin/time', ['-f', 'PEAK %M', process.execPath, BIN, ...run.args], { encoding: 'utf8', timeout: 60_000, env })
    : spawnSync(process.execPath, [BIN, ...run.args], { encoding: 'utf8', timeout: 60_000, env });
  const peak = /PEAK (\d+)\s*$/.exec(result.stderr);
  const stderr = result.stderr
    .replace(/PEAK \d+\s*$/, '')
    .replace(/^Command exited with non-zero status \d+$/m, '')
    .trim();
  return { status: result.status, stderr, seconds: (Date.now() - started) / 1000, peakMb: peak ? Number(peak[1]) / 1024 : null };
}

describe.skipIf(onServer)('CSV within its bounds, and past them', () => {
  it('a row of long fields is held as its text, not as a rope of characters', () => {
    const file = join(dir, 'long-fields.csv');
    const field = 'x'.repeat(99_999);
    writeFileSync(file, `id,name\n${Array.from({ length: 300 }, () => field).join(',')}\n`);
    const run = measured(['import', 'customers', file, '--dry-run']);
    expect(run.status, run.stderr).toBe(2);
    if (run.peakMb !== null) expect(run.peakMb).toBeLessThan(400);
  });

  it('more than three million rows, blank ones too, is refused in seconds', () => {
    const file = join(dir, 'blank.csv');
    writeFileSync(file, `id,name\n${'\n'.repeat(3_000_001)}`);
    const run = measured(['import', 'customers', file, '--dry-run']);
    expect(run.status, run.stderr).toBe(2);
    expect(JSON.parse(run.stderr).error.message).toMatch(/more than 3,000,000 rows \(blank ones too\)/);
    expect(run.seconds).toBeLessThan(15);
  });
});

describe.skipIf(onServer)('XLSX rows, cells and sheets', () => {
  const header = inlineRow(1, ['id', 'name']);

  it('a cell reference without its row is not a cell reference; empty rows count against the bound', () => {
    const all = join(dir, 'all.xlsx');
    writeZip(all, workbookParts({ name: 'sheet', head: header, repeat: { chunk: '<row><c r="ALL"/></row>'.repeat(1_000), times: 3_000 } }));
    const refs = measured(['import', 'customers', all, '--dry-run']);
    expect(refs.status, refs.stderr).toBe(2);
    expect(JSON.parse(refs.stderr).error.message).toMatch(/is named "ALL", which is not a cell reference/);
    const rows = join(dir, 'rows.xlsx');
    writeZip(rows, workbookParts({ name: 'sheet', head: header, repeat: { chunk: '<row/>'.repeat(10_000), times: 4_200 } }));
    const empty = measured(['import', 'customers', rows, '--dry-run']);
    expect(empty.status, empty.stderr).toBe(2);
    expect(JSON.parse(empty.stderr).error.message).toMatch(/holds more than 3,000,000 cells/);
    expect(empty.seconds).toBeLessThan(15);
  });

  it('a sheet named in thousands of characters is refused', () => {
    const file = join(dir, 'names.xlsx');
    const parts = workbookParts({ name: 'sheet', head: header });
    parts[2] = { name: 'xl/workbook.xml', head: `<workbook><sheets><sheet name="${'n'.repeat(24_000)}" sheetId="1" r:id="rId1"/></sheets></workbook>` };
    writeZip(file, parts);
    const run = measured(['import', 'customers', file, '--dry-run', '--sheet', 'nope']);
    expect(run.status, run.stderr).toBe(2);
    expect(JSON.parse(run.stderr).error.message).toMatch(/names a sheet in 24,000 characters/);
  });

  it('a lone surrogate reads as U+FFFD, the same at every import', async () => {
    const file = join(dir, 'surrogate.xlsx');
    writeZip(file, workbookParts({ name: 'sheet', head: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>S-1</t></is></c><c r="B2" t="inlineStr"><is><t>Acme &#xD800; GmbH</t></is></c></row>` }));
    expect((await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'customers', file])).json()).toMatchObject({ created: 1 });
    expect((await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'customers', file])).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect((await cli(['--db', db, '--json', 'customers', 'show', 'S-1'])).json().name).toBe('Acme \ufffd GmbH');
  });
});

describe('documents and rules', () => {
  it('a customer whose name the PDF cannot print gets no quote number', async () => {
    const name = `東${Array.from({ length: 150 }, (_, i) => String.fromCodePoint(0x1d552 + (i % 26))).join('')}`;
    const added = await cli(['--db', db, '--date', '2026-11-24', '--json', 'customers', 'add', '--name', name]);
    expect(added.code, added.stderr).toBe(0);
    const customer = added.json().id;
    const pbx = (
      await cli(['--db', db, '--date', '2026-11-24', '--json', 'pbx', 'add', '--customer', customer, '--name', 'HQ', '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01'])
    ).json().id;
    const before = await storeFingerprint(db);
    const quote = await cli(['--db', db, '--date', '2026-11-24', '--json', 'quote', '--pbx', pbx, '--item', 'WP480G=1', '--format', 'pdf', '--out', join(dir, 'astral.pdf')], { cwd: dir });
    if (quote.code === 0) {
      // Printable after all (cut between characters): then it is recorded, once.
      expect((await cli(['--db', db, '--json', 'quotes', 'list'])).json()).toHaveLength(1);
    } else {
      expect(errorOf(quote).code).toBe('UNPRINTABLE');
      expect(await storeFingerprint(db)).toBe(before);
    }
  });

  it('a blank --sku or --category is refused, never the default markup', async () => {
    for (const flag of ['--sku', '--category']) {
      const result = await cli(['--db', db, '--date', '2026-11-24', '--json', 'resale', 'set', '--markup', '50', flag, '']);
      expect(result.code, flag).toBe(2);
      expect(errorOf(result).message).toBe(`${flag}: it is blank; leave it out for the default markup.`);
    }
    expect((await cli(['--db', db, '--json', 'resale', 'list'])).json()).toEqual([]);
  });

  it('a product name with U+FFFF still makes a readable XLSX price list', async () => {
    await rawSql(db, "UPDATE products SET name = 'Odd \uffff phone' WHERE sku = 'WP480G'");
    await rawSql(db, "UPDATE price_book_lines SET name = 'Odd \uffff phone' WHERE sku = 'WP480G'");
    const out = join(dir, 'odd.xlsx');
    const result = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'xlsx', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(JSON.stringify(book.worksheets[0]!.getSheetValues())).toContain('Odd \ufffd phone');
  });
});
