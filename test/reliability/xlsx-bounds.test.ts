import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, storeFingerprint, translate } from '../helpers.js';
import { inlineRow, workbookParts, writeZip } from '../support/zip.js';

// Attack: a 6 MB XLSX whose shared-strings part holds 150 M entries ran 80 s and killed
// Node (V8 fatal error, exit 133); a 1.6 MB one took 25 s and 1 GB; a row with 16,384
// columns said "Cannot read properties of undefined"; `=VLOOKUP(…)` with #REF! became a
// PBX named "=VLOOKUP(A2,X!A:B,2,0)". What a workbook unpacks to is bounded as it is read,
// and a formula gives the value it showed, or an error.
let db: string;
let dir: string;
beforeAll(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-xlsx-'));
});
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;
const header = inlineRow(1, ['id', 'name']);
const importing = (file: string) => cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'customers', file]);

/** The built CLI in its own process, with its peak memory (GNU time, where installed). */
function measured(file: string): { status: number | null; stderr: string; seconds: number; peakMb: number | null } {
  const time = existsSync('/usr/bin/time');
  const started = Date.now();
  // As a partner's user (on PostgreSQL, its login), as an import of customers is.
  const run = translate(['--db', db, '--as', 'USR-001', '--date', '2026-11-24', '--json', 'import', 'customers', file]);
  const args = [BIN, ...run.args];
  const env = { ...process.env, ...run.env };
  const result = time
    ? spawnSync('/usr/bin/time', ['-f', 'PEAK %M', process.execPath, ...args], { encoding: 'utf8', timeout: 60_000, env })
    : spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, env });
  const peak = /PEAK (\d+)\s*$/.exec(result.stderr);
  // GNU time also says "Command exited with non-zero status N".
  const stderr = result.stderr.replace(/PEAK \d+\s*$/, '').replace(/^Command exited with non-zero status \d+$/m, '').trim();
  return { status: result.status, stderr, seconds: (Date.now() - started) / 1000, peakMb: peak ? Number(peak[1]) / 1024 : null };
}

describe('an XLSX that unpacks past what hwaas reads', () => {
  it('150 million shared strings in a few megabytes: exit 2 in seconds, in little memory, nothing written', async () => {
    const file = join(dir, 'strings.xlsx');
    const bytes = writeZip(file, workbookParts({ name: 'sheet', head: header }, { name: 'xl/sharedStrings.xml', head: '<sst>', repeat: { chunk: '<si><t/></si>'.repeat(80_000), times: 1_875 }, tail: '</sst>' }));
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
    const before = await storeFingerprint(db);
    const run = measured(file);
    expect(run.status, run.stderr).toBe(2);
    expect(JSON.parse(run.stderr).error.message).toBe(`${file} holds more than 2,000,000 shared strings, more than hwaas reads from a workbook.`);
    expect(run.seconds).toBeLessThan(15);
    if (run.peakMb !== null) expect(run.peakMb).toBeLessThan(300);
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('a sheet that unpacks to gigabytes is refused at 256 MB', async () => {
    const file = join(dir, 'bytes.xlsx');
    writeZip(file, workbookParts({ name: 'sheet', head: header, repeat: { chunk: ' '.repeat(1024 * 1024), times: 2_048 } }));
    const run = measured(file);
    expect(run.status, run.stderr).toBe(2);
    expect(JSON.parse(run.stderr).error.message).toBe(`${file} unpacks to more than 256 MB, more than hwaas reads from a workbook.`);
    expect(run.seconds).toBeLessThan(15);
    if (run.peakMb !== null) expect(run.peakMb).toBeLessThan(300);
  });

  it('more than 3 million cells is refused', async () => {
    const file = join(dir, 'cells.xlsx');
    writeZip(file, workbookParts({ name: 'sheet', head: `${header}<row r="2">`, repeat: { chunk: '<c><v>1</v></c>'.repeat(1_000), times: 3_001 }, tail: '</row>' }));
    const result = await importing(file);
    expect(result.code).toBe(2);
    // The columns of that one row run out first: each limit says which it is.
    expect(errorOf(result).message).toBe(`${file} row 2 has a cell in column 1,001; hwaas reads at most 1,000 columns per row.`);
    const rows = join(dir, 'rows.xlsx');
    writeZip(rows, workbookParts({ name: 'sheet', head: header, repeat: { chunk: '<row><c><v>1</v></c><c><v>2</v></c></row>'.repeat(1_000), times: 50_000 } }));
    const many = measured(rows);
    expect(many.status, many.stderr).toBe(2);
    expect(JSON.parse(many.stderr).error.message).toBe(`${rows} holds more than 3,000,000 cells, more than hwaas reads from a workbook; split it.`);
    expect(many.seconds).toBeLessThan(15);
  });

  it('a row with a cell in column 16,384 says which limit it hit', async () => {
    const file = join(dir, 'wide.xlsx');
    writeZip(file, workbookParts({ name: 'sheet', head: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>W-1</t></is></c><c r="XFD2" t="inlineStr"><is><t>far</t></is></c></row>` }));
    const result = await importing(file);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toBe(`${file} row 2 has a cell in column 16,384 (XFD); hwaas reads at most 1,000 columns per row.`);
  });

  it('a document type declaration (entities that expand) is not read', async () => {
    const file = join(dir, 'doctype.xlsx');
    const parts = workbookParts({ name: 'sheet', head: header });
    parts[5] = { name: 'xl/sharedStrings.xml', head: '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>' };
    writeZip(file, parts);
    const result = await importing(file);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(/is not a readable XLSX workbook \(it declares a document type, which a workbook never does\)/);
  });

  it('a file that is not a zip at all, or a damaged one, is one sentence', async () => {
    const file = join(dir, 'half.xlsx');
    const whole = join(dir, 'whole.xlsx');
    writeZip(whole, workbookParts({ name: 'sheet', head: `${header}${inlineRow(2, ['H-1', 'Half GmbH'])}` }));
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(whole).subarray(0, 300));
    const result = await importing(file);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(/^\S+half\.xlsx is not a readable XLSX workbook \(no zip directory at its end\)/);
    expect((await importing(whole)).json()).toMatchObject({ created: 1 });
  });
});

describe('formula cells', () => {
  async function formulas(name: string, rows: unknown[][], dateColumns: number[] = []): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('PBXs');
    for (const row of rows) sheet.addRow(row);
    for (const column of dateColumns) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
    const path = join(dir, name);
    await book.xlsx.writeFile(path);
    return path;
  }
  const head = ['id', 'customer', 'name', 'type', 'license', 'activated'];

  it('gives the value the sheet showed: text, a number, a date made by =DATE() in a date cell', async () => {
    const file = await formulas(
      'values.xlsx',
      [head, ['PBX-7001', 'CUS-0001', { formula: 'UPPER("zentrale")', result: 'ZENTRALE' }, 'cloud', 'yearly', { formula: 'DATE(2024,1,1)', result: 45292 }]],
      [6],
    );
    const result = await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'pbxs', file]);
    expect(result.code, result.stderr).toBe(0);
    expect((await cli(['--db', db, '--json', 'pbx', 'show', 'PBX-7001'])).json()).toMatchObject({ name: 'ZENTRALE', activated: '2024-01-01' });
  });

  it('an error value (#REF!, #N/A, #VALUE!) is an error at FILE:ROW:COLUMN, never a name', async () => {
    const file = await formulas('errors.xlsx', [
      head,
      ['PBX-7002', 'CUS-0001', { formula: 'VLOOKUP(A2,X!A:B,2,0)', result: { error: '#REF!' } }, 'cloud', 'yearly', '2024-01-01'],
      ['PBX-7003', 'CUS-0001', { formula: 'NA()', result: { error: '#N/A' } }, 'cloud', 'yearly', '2024-01-01'],
      ['PBX-7004', 'CUS-0001', 'Lager', 'cloud', 'yearly', { formula: 'A1+1', result: { error: '#VALUE!' } }],
    ]);
    const result = await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'pbxs', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).details.errors).toEqual([
      { row: 2, column: 'name', message: 'holds the spreadsheet error #REF! (from =VLOOKUP(A2,X!A:B,2,0)), not a value' },
      { row: 3, column: 'name', message: 'holds the spreadsheet error #N/A (from =NA()), not a value' },
      { row: 4, column: 'activated', message: 'holds the spreadsheet error #VALUE! (from =A1+1), not a value' },
    ]);
    const said = await cli(['--db', db, '--date', '2026-11-24', 'import', 'pbxs', file]);
    expect(said.stderr).toContain(`${file}:2:name: holds the spreadsheet error #REF! (from =VLOOKUP(A2,X!A:B,2,0)), not a value`);
  });

  it('a formula saved without its value is an error that names its cell', async () => {
    const file = await formulas('novalue.xlsx', [head, ['PBX-7005', 'CUS-0001', { formula: 'UPPER("x")' }, 'cloud', 'yearly', '2024-01-01']]);
    const result = await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'pbxs', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).details.errors).toEqual([
      { row: 2, column: 'name', message: 'holds the formula =UPPER("x") (cell C2) but no value saved with it: open the file in a spreadsheet so that it calculates, save it, and import it again' },
    ]);
  });
});
