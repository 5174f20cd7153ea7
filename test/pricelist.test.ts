import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../src/export/csv.js';
import { cli, demoStore } from './helpers.js';
import { pdfPages } from './pdfText.js';

let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-pl-'));
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', ...args], { cwd: dir });

describe('pricelist content', () => {
  it("OpEx JSON: every HWaaS-eligible product with its price per term, in the partner's currency", async () => {
    const result = await run('pricelist', '--json');
    expect(result.code).toBe(0);
    const list = result.json();
    expect(list).toMatchObject({ type: 'opex', currency: 'EUR', date: '2026-11-24', partner: 'Alpen Telecom GmbH', samplePrices: true });
    expect(list.items).toHaveLength(31);
    const phone = list.items.find((i: { sku: string }) => i.sku === 'WP480G');
    expect(phone).toEqual({
      sku: 'WP480G',
      name: 'WorkForce WP480G desk phone',
      category: 'Desk phones',
      prices: { monthly: '6.80', yearly: '68.00', 'five-year': '306.00' },
      monthlyEquivalent: { monthly: '6.80', yearly: '5.67', 'five-year': '5.10' },
    });
    expect(list.items.some((i: { sku: string }) => i.sku === 'BELT-CLIP')).toBe(false);
    const categories = list.items.map((i: { category: string }) => i.category);
    expect(categories.indexOf('Services')).toBeGreaterThan(categories.lastIndexOf('Desk phones'));
    expect(readdirSync(dir)).toEqual([]); // --json alone writes no file
  });

  it('CapEx JSON has the purchase price and the accessories; currency follows the partner or --currency', async () => {
    const capex = (await cli(['--db', db, '--as', 'USR-002', 'pricelist', '--type', 'capex', '--json'], { cwd: dir })).json();
    expect(capex.currency).toBe('GBP');
    expect(capex.items.find((i: { sku: string }) => i.sku === 'BELT-CLIP')).toEqual({ sku: 'BELT-CLIP', name: 'Belt clip for W-AIR handsets', category: 'Accessories', price: '5.88' });
    expect(capex.items.some((i: { sku: string }) => i.sku.startsWith('CLASSOUND'))).toBe(false);
    expect((await run('pricelist', '--currency', 'usd', '--json')).json().currency).toBe('USD');
    expect((await run('pricelist', '--currency', 'JPY', '--json')).code).toBe(2); // no cents
    const chf = await run('pricelist', '--currency', 'CHF', '--json');
    expect([chf.code, JSON.parse(chf.stderr).error.code]).toEqual([1, 'NO_PRICE_BOOK']);
  });

  it('CSV and JSON are byte-identical for the same data and --date', async () => {
    for (const format of ['csv', 'json']) {
      const a = await run('pricelist', '--format', format, '--out', '-');
      const b = await run('pricelist', '--format', format, '--out', '-');
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    const csv = (await run('pricelist', '--format', 'csv', '--out', '-')).stdout;
    expect(csv.startsWith('sku,name,category,monthly,yearly,five-year,yearlyPerMonth,fiveYearPerMonth\r\n')).toBe(true);
    expect(csv).toContain('WP480G,WorkForce WP480G desk phone,Desk phones,6.80,68.00,306.00,5.67,5.10\r\n');
    const bom = (await run('pricelist', '--format', 'csv', '--out', '-', '--bom')).stdout;
    expect(bom.startsWith('\uFEFFsku,')).toBe(true);
  });
});

describe('CSV formula injection (OWASP)', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
    ['-186', '-186'],
    ['12.50', '12.50'],
    ['Müller GmbH', 'Müller GmbH'],
  ])('%j → %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('quotes per RFC 4180', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=1+1', 'line\nbreak'],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,"line\nbreak"\r\n');
  });
});

describe('pricelist files', () => {
  it('writes the default file name, refuses to overwrite without --force, never follows a symlink', async () => {
    const first = await run('pricelist', '--format', 'csv');
    expect(first.code).toBe(0);
    const name = 'hwaas-pricelist-opex-EUR-2026-11-24.csv';
    expect(readdirSync(dir)).toEqual([name]);
    const again = await run('pricelist', '--format', 'csv', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('EXISTS');
    expect((await run('pricelist', '--format', 'csv', '--force')).code).toBe(0);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'link.csv'));
    const link = await run('pricelist', '--format', 'csv', '--out', 'link.csv', '--force');
    expect(link.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('a failing write leaves no file behind', async () => {
    const result = await run('pricelist', '--format', 'csv', '--out', join(dir, 'missing-folder', 'x.csv'));
    expect(result.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--out - writes a binary PDF to stdout intact', async () => {
    const { io, stdout } = (await import('./helpers.js')).fakeIo({ cwd: dir });
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    const { main } = await import('../src/cli/main.js');
    expect(await main(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'pdf', '--out', '-'], io)).toBe(0);
    await new Promise((r) => setImmediate(r));
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    expect((await pdfPages(pdf)).join(' ')).toContain('Page 1 of');
  });
});

describe('pricelist PDF', () => {
  it("embeds a Unicode font: the partner's Polish name, currency symbols, page numbers, repeated headers", async () => {
    const result = await cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-004', 'pricelist', '--out', 'p.pdf'], { cwd: dir });
    expect(result.code).toBe(0);
    const data = readFileSync(join(dir, 'p.pdf'));
    const pages = await pdfPages(data);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain('Łączność Plus Sp. z o.o.');
    expect(pages[0]).toContain('€7.14');
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    for (const page of pages) expect(page).toContain('SKU');
    expect(data.toString('latin1')).toContain('DejaVuSans');
    const gbp = await cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-002', 'pricelist', '--out', 'g.pdf', '--paper', 'letter'], { cwd: dir });
    expect(gbp.code).toBe(0);
    expect((await pdfPages(readFileSync(join(dir, 'g.pdf')))).join(' ')).toContain('£');
    const usd = await run('pricelist', '--currency', 'USD', '--type', 'capex', '--out', 'u.pdf');
    expect(usd.code).toBe(0);
    expect((await pdfPages(readFileSync(join(dir, 'u.pdf')))).join(' ')).toContain('$129.99');
  });

  it('is reproducible: the same --date gives the same bytes', async () => {
    await run('pricelist', '--out', 'a.pdf');
    await run('pricelist', '--out', 'b.pdf');
    expect(readFileSync(join(dir, 'a.pdf')).equals(readFileSync(join(dir, 'b.pdf')))).toBe(true);
  });

  it('prints Cyrillic and Greek customer names intact', async () => {
    expect((await run('quote', '--pbx', 'PBX-1005', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'ru.pdf')).code).toBe(0);
    expect((await run('quote', '--pbx', 'PBX-1006', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'gr.pdf')).code).toBe(0);
    expect((await pdfPages(readFileSync(join(dir, 'ru.pdf')))).join(' ')).toContain('ООО «Северный ветер»');
    expect((await pdfPages(readFileSync(join(dir, 'gr.pdf')))).join(' ')).toContain('Αθηναϊκή Λογιστική Α.Ε.');
  });

  it('quote as PDF names partner, customer and PBX, and explains the proration', async () => {
    const result = await run('quote', '--pbx', 'PBX-1001', '--item', 'WP480G=5', '--format', 'pdf', '--out', 'q.pdf');
    expect(result.code).toBe(0);
    const text = (await pdfPages(readFileSync(join(dir, 'q.pdf')))).join(' ');
    for (const expected of ['Alpen Telecom GmbH', 'Müller GmbH (CUS-0001)', 'PBX-1001', '€147.18', '158/365', 'Page 1 of 1']) expect(text).toContain(expected);
  });
});

describe('pricelist XLSX', () => {
  it('has numeric amount cells with currency formats, a frozen header, an autofilter and properties', async () => {
    const result = await cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-002', 'pricelist', '--format', 'xlsx', '--out', 'p.xlsx'], { cwd: dir });
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'p.xlsx'));
    expect(workbook.title).toContain('OpEx');
    expect(workbook.creator).toBe('hwaas');
    const sheet = workbook.worksheets[0]!;
    // Title, the confidential mark, the currency line, the sample note, a blank row: then the header.
    const headerRow = 6;
    expect(sheet.name).toBe('Cost OpEx GBP CONFIDENTIAL');
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^CONFIDENTIAL: cost prices from Wildix/);
    expect(workbook.keywords).toContain('hwaas price list: cost');
    expect(sheet.getRow(headerRow).getCell(1).value).toBe('SKU');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(sheet.autoFilter).toBeTruthy();
    let found = false;
    sheet.eachRow((row, number) => {
      if (number > headerRow && row.getCell(1).value === 'WP480G') {
        found = true;
        expect(row.getCell(5).value).toBe(61.43);
        expect(typeof row.getCell(4).value).toBe('number');
        expect(row.getCell(5).numFmt).toBe('"£"#,##0.00');
      }
    });
    expect(found).toBe(true);
    expect(sheet.getColumn(2).width).toBeGreaterThan(30);
  });
});

describe('large exports', () => {
  it('show progress on stderr at a terminal, and write a complete file', async () => {
    // A price book of 2,500 products for the default partner's tier (gold, EUR), newer than the sample one.
    const rows = Array.from({ length: 2500 }, (_, i) => `GEN-${i},Generated device ${i},${i % 2 ? 'Desk phones' : 'Headsets'},yes,100.00,5.00,50.00,225.00`);
    writeFileSync(join(dir, 'big.csv'), ['sku,name,category,hwaas,capex,monthly,yearly,five-year', ...rows].join('\n'));
    const imported = await cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-101', 'pricebook', 'import', 'big.csv', '--tier', 'gold', '--currency', 'EUR', '--valid-from', '2026-01-01'], {
      cwd: dir,
    });
    expect(imported.code, imported.stderr).toBe(0);
    const result = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'xlsx', '--out', 'big.xlsx'], { cwd: dir, tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('xlsx: 2,500 of 2,500 products…');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'big.xlsx'));
    // Five rows before the header (the cost list's confidential mark among them), the header, the products.
    expect(workbook.worksheets[0]!.rowCount).toBe(6 + 2500);
    const piped = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'xlsx', '--out', 'big2.xlsx'], { cwd: dir });
    expect(piped.stderr).toBe('');
  });
});

describe('where a document goes', () => {
  it('a binary document is not written to a terminal, and a name that says another format is refused', async () => {
    const db = await demoStore();
    const tty = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'pdf', '--out', '-'], { tty: true });
    expect([tty.code, tty.stdout]).toEqual([2, '']);
    expect(tty.stderr).toContain('binary and would garble the terminal');
    const xlsx = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'xlsx', '--out', '-'], { tty: true });
    expect(xlsx.code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-ext-'));
    const mismatch = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'pdf', '--out', join(dir, 'prices.xlsx')]);
    expect([mismatch.code, mismatch.stderr]).toEqual([2, expect.stringContaining('the name says XLSX but --format is pdf')]);
    expect(existsSync(join(dir, 'prices.xlsx'))).toBe(false);
    // Without --format, the name says the format.
    const named = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--out', join(dir, 'prices.xlsx')]);
    expect(named.code, named.stderr).toBe(0);
    expect(readFileSync(join(dir, 'prices.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // JSON and CSV are text: fine on a terminal.
    expect((await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'csv', '--out', '-'], { tty: true })).code).toBe(0);
    // The default name carries the date of the version asked for.
    const on = await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'json', '--on', '2027-02-01'], { cwd: dir });
    expect(on.code, on.stderr).toBe(0);
    expect(existsSync(join(dir, 'hwaas-pricelist-opex-EUR-2027-02-01.json'))).toBe(true);
  });
});

describe('the XLSX for a spreadsheet program and a printer', () => {
  it('names every font, aligns amount heads with their amounts, prints landscape one page wide with the header row on each page', async () => {
    const db = await demoStore();
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-xlsx-'));
    expect((await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--out', join(dir, 'p.xlsx')])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'p.xlsx'));
    const sheet = book.worksheets[0]!;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
    const unnamed: string[] = [];
    sheet.eachRow((row, r) => row.eachCell((cell, c) => (cell.font === undefined || cell.font.name ? null : unnamed.push(`${r}:${c}`))));
    expect(unnamed).toEqual([]);
    // Every font of the file (the default one of unstyled cells too) names its face.
    const { execFileSync } = await import('node:child_process');
    const styles = execFileSync('unzip', ['-p', join(dir, 'p.xlsx'), 'xl/styles.xml'], { encoding: 'utf8' });
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !/<name val="[^"]+"\/>/.test(f))).toEqual([]);
    const head = sheet.getRow(6);
    expect(head.getCell(1).alignment?.horizontal).toBe('left'); // SKU
    expect(head.getCell(4).alignment?.horizontal).toBe('right'); // Monthly
  });
});

describe('the PDF price list across pages', () => {
  it('a category that goes on to the next page says so there; the per-month heads say which term', async () => {
    const db = await demoStore();
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-pages-'));
    const rows = Array.from({ length: 90 }, (_, i) => `PHONE-${String(i).padStart(3, '0')},Desk phone model ${i},Desk phones,yes,100.00,5.00,50.00,225.00`);
    writeFileSync(join(dir, 'book.csv'), ['sku,name,category,hwaas,capex,monthly,yearly,five-year', ...rows].join('\n'));
    const imported = await cli([
      '--db',
      db,
      '--date',
      '2026-11-24',
      '--as',
      'USR-101',
      'pricebook',
      'import',
      join(dir, 'book.csv'),
      '--tier',
      'gold',
      '--currency',
      'EUR',
      '--valid-from',
      '2026-11-01',
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--out', join(dir, 'p.pdf')])).code).toBe(0);
    const pages = await pdfPages(readFileSync(join(dir, 'p.pdf')));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1]).toContain('Desk phones (continued)');
    expect(pages[0]).toMatch(/\/ month on\s+yearly/);
    expect(pages[0]).toMatch(/\/ month on\s+5 years/);
  });
});

describe('names in scripts DejaVu lacks', () => {
  it('Chinese and Japanese print in an embedded Noto font; a script no font has is refused before a quote number is taken', async () => {
    const db = await demoStore();
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-cjk-'));
    const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', ...args], { cwd: dir });
    expect((await run('customers', 'add', '--name', '株式会社テスト Müller')).code).toBe(0);
    expect((await run('pbx', 'add', '--customer', 'CUS-0015', '--name', '東京本社', '--type', 'cloud', '--license', 'yearly', '--activated', '2025-01-01')).code).toBe(0);
    const ok = await run('--json', 'quote', '--pbx', 'PBX-1023', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'q.pdf');
    expect(ok.code, ok.stderr).toBe(0);
    const data = readFileSync(join(dir, 'q.pdf'));
    expect(data.toString('latin1')).toContain('NotoSansSC');
    const text = (await pdfPages(data)).join(' ');
    expect(text).toMatch(/株式会社テスト\s+Müller/); // two runs, two fonts: the extractor spaces them
    expect(text).toContain('東京本社');
    expect((await run('customers', 'add', '--name', '한국 회사')).code).toBe(0);
    expect((await run('pbx', 'add', '--customer', 'CUS-0016', '--name', 'Seoul', '--type', 'cloud', '--license', 'yearly', '--activated', '2025-01-01')).code).toBe(0);
    const refused = await run('--json', 'quote', '--pbx', 'PBX-1024', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'k.pdf');
    expect([refused.code, JSON.parse(refused.stderr).error.code]).toEqual([1, 'UNPRINTABLE']);
    expect(existsSync(join(dir, 'k.pdf'))).toBe(false);
    expect((await run('--json', 'quotes', 'list')).json().map((q: { number: string }) => q.number)).toEqual(['Q-2026-00001']);
  });
});
