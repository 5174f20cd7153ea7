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
  const stderr = result.stderr
    .replace(/PEAK \d+\s*$/, '')
    .replace(/^Command exited with non-zero status \d+$/m, '')
    .trim();
  return { status: result.status, stderr, seconds: (Date.now() - started) / 1000, peakMb: peak ? Number(peak[1]) / 1024 : null };
}

describe('an XLSX that unpacks past what hwaas reads', () => {
  it('150 million shared strings in a few megabytes: exit 2 in seconds, in little memory, nothing written', async () => {
    const file = join(dir, 'strings.xlsx');
    const bytes = writeZip(
      file,
      workbookParts({ name: 'sheet', head: header }, { name: 'xl/sharedStrings.xml', head: '<sst>', repeat: { chunk: '<si><t/></si>'.repeat(80_000), times: 1_875 }, tail: '</sst>' }),
    );
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

// Attack (second round): attributes in single quotes or with spaces around = were not
// read (a shared string's index became the customer's name); a lowercase cell reference
// dropped the cell and cleared a stored e-mail; `<v>0x1F</v>` was 31; a date cell holding
// 1e20 exited 70, one holding -700000 stored "0-17-06-19" and broke `pbx list` for
// everyone. A few hundred kilobytes of styles, sheets or relationships took a gigabyte,
// and 300 long tags took 24 s.
describe('XML as a spreadsheet may write it, and values none writes', () => {
  /** The workbook parts with a styles part whose style 1 shows dates. */
  function withDateStyle(sheet: Parameters<typeof workbookParts>[0]) {
    const parts = workbookParts(sheet);
    const rels = parts.findIndex((p) => p.name === 'xl/_rels/workbook.xml.rels');
    parts[rels] = {
      name: 'xl/_rels/workbook.xml.rels',
      head: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    };
    parts.push({ name: 'xl/styles.xml', head: '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' });
    return parts;
  }
  const pbxHead = inlineRow(1, ['id', 'customer', 'name', 'type', 'license', 'activated']);
  const pbxRow = (activated: string) =>
    `<row r="2">${['PBX-7101', 'CUS-0001', 'Serial', 'cloud', 'yearly'].map((v, i) => `<c r="${'ABCDE'[i]}2" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}<c r="F2" s="1"><v>${activated}</v></c></row>`;

  it('reads attributes in single quotes, with spaces around =, and cell references in lower case', async () => {
    const file = join(dir, 'quotes.xlsx');
    const parts = workbookParts({ name: 'sheet', head: `${header}<row r='2'><c r='A2' t='inlineStr'><is><t>Q-1</t></is></c><c r = "b2" t = "s"><v>1</v></c></row>` });
    parts[5] = { name: 'xl/sharedStrings.xml', head: '<sst><si><t>first</t></si><si><t>Quote GmbH</t></si></sst>' };
    writeZip(file, parts);
    const result = await importing(file);
    expect(result.code, result.stderr).toBe(0);
    expect((await cli(['--db', db, '--json', 'customers', 'show', 'Q-1'])).json()).toMatchObject({ name: 'Quote GmbH' });
  });

  it('an empty shared-string cell is blank, a hexadecimal number is text, a row or cell with a wrong name is one sentence', async () => {
    const blank = join(dir, 'blank.xlsx');
    writeZip(
      blank,
      workbookParts(
        { name: 'sheet', head: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>B-1</t></is></c><c r="B2" t="s"><v/></c></row>` },
        { name: 'xl/sharedStrings.xml', head: '<sst><si><t>string zero</t></si></sst>' },
      ),
    );
    const said = await importing(blank);
    expect(said.code, said.stderr).toBe(2);
    expect(errorOf(said).details.errors).toEqual([{ row: 2, column: 'name', message: expect.stringMatching(/required|empty|blank/) }]);
    const invoices = join(dir, 'hex.xlsx');
    writeZip(
      invoices,
      workbookParts({
        name: 'sheet',
        head: `${inlineRow(1, ['number', 'partner', 'amount', 'currency', 'issued', 'due'])}<row r="2">${['INV-X-1', 'PTR-001'].map((v, i) => `<c r="${'AB'[i]}2" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}<c r="C2"><v>0x1F</v></c>${['EUR', '2026-11-01', '2026-11-30'].map((v, i) => `<c r="${'DEF'[i]}2" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`,
      }),
    );
    const hex = await cli(['--db', db, '--as', 'giulia.rossi@wildix.example', '--date', '2026-11-24', '--json', 'import', 'invoices', invoices]);
    expect(hex.code, hex.stderr).toBe(2);
    expect(errorOf(hex).details.errors[0]).toMatchObject({ row: 2, column: 'amount' });
    const rows = join(dir, 'rownan.xlsx');
    writeZip(rows, workbookParts({ name: 'sheet', head: `${header}<row r="abc"><c r="A2"><v>1</v></c></row>` }));
    expect(errorOf(await importing(rows)).message).toMatch(/a row is numbered "abc", which is not a row number/);
    const cells = join(dir, 'cellname.xlsx');
    writeZip(cells, workbookParts({ name: 'sheet', head: `${header}<row r="2"><c r="2A"><v>1</v></c></row>` }));
    expect(errorOf(await importing(cells)).message).toMatch(/a cell of row 2 is named "2A", which is not a cell reference/);
  });

  it('a date cell outside the dates a spreadsheet shows is an error at FILE:ROW:COLUMN; nothing is stored, every listing still works', async () => {
    const before = await storeFingerprint(db);
    for (const serial of ['1e20', '-700000', '-400000', '99999999']) {
      const file = join(dir, `serial${serial}.xlsx`);
      writeZip(file, withDateStyle({ name: 'sheet', head: `${pbxHead}${pbxRow(serial)}` }));
      const result = await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'pbxs', file]);
      expect(result.code, `${serial}: ${result.stderr}`).toBe(2);
      expect(errorOf(result).details.errors).toEqual([{ row: 2, column: 'activated', message: `is a date cell holding ${serial}, which is no date a spreadsheet shows (1900 to 9999)` }]);
    }
    expect(await storeFingerprint(db)).toBe(before);
    const ok = join(dir, 'serial-ok.xlsx');
    writeZip(ok, withDateStyle({ name: 'sheet', head: `${pbxHead}${pbxRow('45292')}` }));
    expect((await cli(['--db', db, '--date', '2026-11-24', '--json', 'import', 'pbxs', ok])).code).toBe(0);
    expect((await cli(['--db', db, '--json', 'pbx', 'show', 'PBX-7101'])).json()).toMatchObject({ activated: '2024-01-01' });
    expect((await cli(['--db', db, 'pbx', 'list'])).code).toBe(0);
  });

  it('styles, sheets and relationships by the million in a small file are refused before they fill memory', async () => {
    const bombs: [string, (parts: ReturnType<typeof workbookParts>) => void, RegExp][] = [
      [
        'styles',
        (parts) => parts.push({ name: 'xl/styles.xml', head: '<styleSheet><cellXfs>', repeat: { chunk: '<xf/>'.repeat(100_000), times: 520 }, tail: '</cellXfs></styleSheet>' }),
        /declares more than 65,536 cell styles/,
      ],
      [
        'formats',
        (parts) =>
          parts.push({
            name: 'xl/styles.xml',
            head: '<styleSheet><numFmts>',
            repeat: { chunk: Array.from({ length: 1_000 }, (_, i) => `<numFmt numFmtId="${i}" formatCode="0"/>`).join(''), times: 6_000 },
            tail: '</numFmts></styleSheet>',
          }),
        /declares more than 65,536 number formats/,
      ],
      [
        'sheets',
        (parts) =>
          (parts[2] = { name: 'xl/workbook.xml', head: '<workbook><sheets>', repeat: { chunk: '<sheet name="S" sheetId="1" r:id="rId1"/>'.repeat(10_000), times: 900 }, tail: '</sheets></workbook>' }),
        /declares more than 10,000 sheets/,
      ],
      [
        'relationships',
        (parts) =>
          (parts[3] = {
            name: 'xl/_rels/workbook.xml.rels',
            head: '<Relationships>',
            repeat: { chunk: Array.from({ length: 1_000 }, (_, i) => `<Relationship Id="r${i}" Type="t/worksheet" Target="worksheets/sheet1.xml"/>`).join(''), times: 3_500 },
            tail: '</Relationships>',
          }),
        /declares more than 10,000 relationships/,
      ],
    ];
    for (const [name, bomb, message] of bombs) {
      const file = join(dir, `${name}-bomb.xlsx`);
      const parts = workbookParts({ name: 'sheet', head: header });
      bomb(parts);
      if (name === 'styles' || name === 'formats') {
        parts[3] = {
          ...parts[3]!,
          head: parts[3]!.head!.replace(
            '</Relationships>',
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
          ),
        };
      }
      writeZip(file, parts);
      const run = measured(file);
      expect(run.status, `${name}: ${run.stderr}`).toBe(2);
      expect(JSON.parse(run.stderr).error.message, name).toMatch(message);
      expect(run.seconds, name).toBeLessThan(15);
      if (run.peakMb !== null) expect(run.peakMb, name).toBeLessThan(300);
    }
  });

  it('two million short shared strings (within the bound) are held in little memory', async () => {
    const file = join(dir, 'sst-many.xlsx');
    const strings = Array.from({ length: 1_000 }, (_, i) => `<si><t>name ${i}</t></si>`).join('');
    writeZip(
      file,
      workbookParts(
        { name: 'sheet', head: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>S-1</t></is></c><c r="B2" t="s"><v>7</v></c></row>` },
        { name: 'xl/sharedStrings.xml', head: '<sst>', repeat: { chunk: strings, times: 1_999 }, tail: '</sst>' },
      ),
    );
    const run = measured(file);
    expect(run.status, run.stderr).toBe(0);
    if (run.peakMb !== null) expect(run.peakMb).toBeLessThan(300);
  });

  it('a zip that claims a huge directory, long tags, comments and CDATA end in seconds', async () => {
    const sparse = join(dir, 'sparse.xlsx');
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(3, 8);
    end.writeUInt16LE(3, 10);
    end.writeUInt32LE(100_000_000, 12);
    end.writeUInt32LE(0, 16);
    const fd = openSync(sparse, 'w');
    writeSync(fd, end, 0, 22, 100_000_000);
    closeSync(fd);
    const claimed = measured(sparse);
    expect(claimed.status, claimed.stderr).toBe(2);
    expect(JSON.parse(claimed.stderr).error.message).toMatch(/its zip directory claims 100,000,000 bytes for 3 parts/);
    if (claimed.peakMb !== null) expect(claimed.peakMb).toBeLessThan(300);
    for (const [name, chunk] of [
      ['tags', `<c r="A2" x="${'a'.repeat(790_000)}"/>`],
      ['comments', `<!--${'a'.repeat(790_000)}-->`],
      ['cdata', `<![CDATA[${'a'.repeat(790_000)}]]>`],
      ['amp', `&${'a'.repeat(790_000)}`],
    ] as const) {
      const file = join(dir, `long-${name}.xlsx`);
      writeZip(file, workbookParts({ name: 'sheet', head: `${header}<row r="2">`, repeat: { chunk, times: 300 }, tail: '</row>' }));
      const run = measured(file);
      // A long tag, comment or CDATA section is refused; text between cells is no cell's, and ignored.
      expect(run.status, `${name}: ${run.stderr}`).toBe(name === 'amp' ? 0 : 2);
      expect(run.seconds, name).toBeLessThan(10);
    }
  });
});
