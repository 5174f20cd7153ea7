import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT, cli, demoStore, liveStore, newStore, storeFingerprint } from './helpers.js';

const SAMPLES = join(ROOT, 'data/samples');
const STAFF = 'USR-101';

let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-import-'));
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', ...args], { cwd: dir });
const staff = (...args: string[]) => run('--as', STAFF, ...args);
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

async function workbook(name: string, sheets: Record<string, unknown[][]>, dates: number[] = []): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [title, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(title);
    for (const row of rows) sheet.addRow(row);
    for (const column of dates) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
  }
  await book.xlsx.writeFile(join(dir, name));
  return name;
}

describe('from an empty live store to a quote, with the sample files', () => {
  it('staff add a partner and its user; the user imports customers (CSV) and PBXs (XLSX) and quotes one', async () => {
    // A live store: its writes run on the machine's clock (which a PostgreSQL server checks).
    const live = (args: string[]) => cli(args, { realClock: true });
    const store = await newStore();
    expect((await live(['--db', store, 'init'])).code).toBe(0);
    await live([
      '--db',
      store,
      'partners',
      'add',
      '--name',
      'Alpen Telecom GmbH',
      '--country',
      'DE',
      '--currency',
      'EUR',
      '--tier',
      'gold',
      '--area-manager-name',
      'Luca Bianchi',
      '--area-manager-email',
      'luca.bianchi@wildix.example',
    ]);
    const user = (await live(['--db', store, 'users', 'add', '--role', 'partner', '--partner', 'PTR-001', '--email', 'anna@alpen.example', '--name', 'Anna Keller', '--json'])).json();
    const as = ['--db', store, '--as', user.id];
    const customers = await live([...as, '--json', 'import', 'customers', join(SAMPLES, 'customers.csv')]);
    expect(customers.json()).toMatchObject({ kind: 'customers', created: 10, updated: 0, unchanged: 0, errors: [] });
    const pbxs = await live([...as, 'import', 'pbxs', join(SAMPLES, 'pbxs.xlsx')]);
    expect(pbxs.stdout).toMatch(/Imported .*pbxs\.xlsx \(pbxs\): 12 created, 0 updated, 0 unchanged\./);
    // Twice: nothing changes.
    expect((await live([...as, '--json', 'import', 'customers', join(SAMPLES, 'customers.csv')])).json()).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect((await live([...as, '--json', 'import', 'pbxs', join(SAMPLES, 'pbxs.xlsx')])).json()).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect((await live([...as, '--json', 'customers', 'show', 'K-1003'])).json()).toMatchObject({ name: 'Łódzkie Centrum Medyczne Sp. z o.o.', country: 'PL', partner: 'PTR-001' });
    // A name that looks like a formula is a name.
    expect((await live([...as, '--json', 'customers', 'show', 'K-1008'])).json().name).toBe('=Ideenwerk Agentur');
    const pbx = (await live([...as, '--json', 'pbx', 'show', 'PBX-5004'])).json();
    expect(pbx).toMatchObject({ customer: 'K-1003', type: 'virtual', license: 'five-year', activated: '2022-01-31' });
    // Staff import the partner's price book (gold, EUR).
    expect(
      (await live(['--db', store, '--json', 'pricebook', 'import', join(ROOT, 'data/pricebooks/gold-EUR-2000-01-01.csv'), '--tier', 'gold', '--currency', 'EUR', '--valid-from', '2026-01-01'])).json(),
    ).toMatchObject({ created: 37 });
    const quote = await live([...as, '--json', 'quote', '--pbx', 'PBX-5001', '--item', 'WP480G=2']);
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.json()).toMatchObject({ pbx: 'PBX-5001', term: 'yearly', currency: 'EUR' });
    // Staff import the ledger and the warehouse.
    expect((await live(['--db', store, '--json', 'import', 'invoices', join(SAMPLES, 'invoices.csv')])).json()).toMatchObject({ created: 3 });
    // Every product has a stock row from init: the counts change.
    expect((await live(['--db', store, '--json', 'import', 'stock', join(SAMPLES, 'stock.csv')])).json()).toMatchObject({ created: 0, updated: 6 });
    expect((await live([...as, '--json', 'import', 'agreements', join(SAMPLES, 'agreements.csv')])).json()).toMatchObject({ created: 3 });
  });
});

describe('a file with bad rows', () => {
  it('writes nothing, exits 2, and names every problem FILE:ROW:COLUMN (the first 50, then how many more)', async () => {
    const before = await storeFingerprint(db);
    const rows = ['id,name,country,email'];
    for (let i = 0; i < 60; i++) rows.push(`NEW-${i},Company ${i},${i % 2 ? 'Germany' : 'DE'},${i % 3 ? 'x@y.example' : 'nope'}`);
    const name = file('bad.csv', `${rows.join('\n')}\n`);
    const result = await run('import', 'customers', name);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('bad.csv:2:email: "nope" is not an e-mail address');
    expect(lines[1]).toBe('bad.csv:3:country: "Germany" is not a two-letter country code (e.g. DE, PL, GB)');
    // 30 bad countries and 20 bad e-mails: exactly 50, all shown.
    expect(lines.filter((l) => /^bad\.csv:\d+:/.test(l))).toHaveLength(50);
    expect(result.stderr).not.toContain('more');
    expect(lines[lines.length - 1]).toMatch(/^hwaas: nothing was imported: 50 problems in bad\.csv/);
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('says how many more there are past the first 50', async () => {
    const rows = ['id,name,country'];
    for (let i = 0; i < 80; i++) rows.push(`NEW-${i},Company ${i},Germany`);
    const result = await run('import', 'customers', file('many.csv', rows.join('\n')));
    expect(result.stderr).toContain('… and 30 more');
  });

  it('gives the same report as JSON, inside the error', async () => {
    const name = file('bad.csv', 'id,name,country,notes\nOK-1,Fine GmbH,DE,x\nBAD-1,,DE,\nOK-1,Twice,DE,\n');
    const result = await run('--json', 'import', 'customers', name);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const error = errorOf(result);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({
      kind: 'customers',
      file: 'bad.csv',
      warnings: ['bad.csv: column "notes" is not part of an import of customers, and ignored.'],
      errors: [
        { row: 3, column: 'name', message: 'is empty' },
        { row: 4, column: 'id', message: 'OK-1 appears again (first on row 2); each id once' },
      ],
      errorCount: 2,
    });
  });

  it('a missing required column is named, with the columns found, before any row is read', async () => {
    const result = await run('--json', 'import', 'pbxs', file('pbx.csv', 'ID;Customer;Name;Type\nPBX-9;CUS-0001;x;cloud\n'));
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(/no license, activated columns for an import of pbxs; the columns found are "ID", "Customer", "Name", "Type"/);
  });

  it.each([
    ['an empty file', '', /the file is empty: it has no header row/],
    ['text that is not UTF-8', Buffer.from('id,name\nX-1,M\xfcller\n', 'latin1'), /bad\.csv:2: the file is not UTF-8 text; save it as "CSV UTF-8"/],
    ['a quote that never closes', 'id,name\nX-1,"Open\n', /the file ends inside a quoted field/],
  ])('%s is one sentence, exit 2', async (_what, content, message) => {
    const result = await run('--json', 'import', 'customers', file('bad.csv', content));
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(message);
  });

  it('a missing file, a folder, an old .xls, --sheet on a CSV, an unknown kind: one sentence each', async () => {
    mkdirSync(join(dir, 'folder'));
    file('old.xls', 'x');
    file('c.csv', 'id,name\n');
    for (const [args, message] of [
      [['customers', 'nope.csv'], /nope\.csv: no such file/],
      [['customers', 'folder'], /is a folder, not a file/],
      [['customers', 'old.xls'], /XLS files are not read; save it as \.xlsx or as CSV UTF-8/],
      [['customers', 'c.csv', '--sheet', 'x'], /^--sheet: .*a sheet is for XLSX workbooks/],
      [['widgets', 'c.csv'], /"widgets" is not something hwaas imports; choose customers, pbxs, invoices, agreements, stock/],
    ] as const) {
      const result = await run('--json', 'import', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(errorOf(result).message).toMatch(message);
    }
  });
});

describe('reading files as people write them', () => {
  it('CSV: semicolons, a BOM, CRLF, quoted delimiters, quotes and line breaks; headers by other names, accents and case', async () => {
    const text = '\uFEFFKunden-ID;Company;COUNTRY;É-Mail;Vat No\r\nQ-1;"Müller; Söhne ""Elektro""";de;m@s.example;DE 123\r\nQ-2;"Two\r\nLines AG";AT;;\r\n';
    const result = await run('--json', 'import', 'customers', file('semi.csv', text));
    // "Kunden-ID" is no name of a column: a warning, and then no id column at all.
    expect(result.code).toBe(2);
    const renamed = await run('--json', 'import', 'customers', file('semi.csv', text.replace('Kunden-ID', 'Customer_ID')));
    expect(renamed.json()).toMatchObject({ created: 2, errors: [] });
    expect((await run('--json', 'customers', 'show', 'Q-1')).json()).toMatchObject({ name: 'Müller; Söhne "Elektro"', country: 'DE', email: 'm@s.example', vat: 'DE 123' });
    expect((await run('--json', 'customers', 'show', 'Q-2')).json().name).toBe('Two Lines AG');
    // Row numbers count a quoted line break as one row, as a spreadsheet shows it.
    const bad = await run('--json', 'import', 'customers', file('rows.csv', 'id,name,country\nR-1,"A\nB",DE\nR-2,C,Germany\n'));
    expect(errorOf(bad).details.errors[0]).toMatchObject({ row: 3, column: 'country' });
  });

  it('XLSX: the first sheet or --sheet, date cells, number cells, formula results, error cells', async () => {
    const name = await workbook(
      'book.xlsx',
      {
        Invoices: [
          ['Invoice No', 'Partner', 'Total', 'Currency', 'Invoice date', 'Due date', 'Paid on'],
          [20261, 'PTR-001', 1240.5, 'eur', new Date(Date.UTC(2026, 8, 1)), new Date(Date.UTC(2026, 9, 1)), null],
          ['INV-X2', 'PTR-001', { formula: '100+0.25', result: 100.25 }, 'EUR', '2026-10-01', '2026-10-31', new Date(Date.UTC(2026, 9, 15))],
        ],
        Other: [['number'], ['ignored']],
      },
      [5, 6, 7],
    );
    const result = await staff('--json', 'import', 'invoices', name);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ created: 2 });
    const listed = (await staff('--json', 'invoices', 'list')).json();
    expect(listed.find((i: { number: string }) => i.number === '20261')).toMatchObject({ amount: '1240.50', currency: 'EUR', issuedOn: '2026-09-01', dueOn: '2026-10-01', paidOn: null });
    expect(listed.find((i: { number: string }) => i.number === 'INV-X2')).toMatchObject({ amount: '100.25', paidOn: '2026-10-15' });
    const other = await staff('--json', 'import', 'invoices', name, '--sheet', 'other');
    expect(errorOf(other).message).toMatch(/no partner, amount, currency, issued, due columns/);
    const missing = await staff('--json', 'import', 'invoices', name, '--sheet', 'Nope');
    expect(errorOf(missing).message).toMatch(/has no sheet "Nope"; its sheets are "Invoices", "Other"/);
    const errors = await workbook('errors.xlsx', {
      S: [
        ['number', 'partner', 'amount', 'currency', 'issued', 'due'],
        ['E-1', 'PTR-001', { error: '#N/A' }, 'EUR', '2026-01-01', '2026-02-01'],
        ['E-2', 'PTR-001', 19.999, 'EUR', new Date(Date.UTC(2026, 0, 1, 13, 30)), '2026-02-01'],
      ],
    });
    const problems = errorOf(await staff('--json', 'import', 'invoices', errors)).details.errors;
    expect(problems).toEqual([
      { row: 2, column: 'amount', message: 'holds the spreadsheet error #N/A, not a value' },
      { row: 3, column: 'amount', message: '19.999 has more than two decimals; amounts are exact to the cent and never rounded' },
      { row: 3, column: 'issued', message: 'holds a time of day (13:30) as well as a date; give the date alone' },
    ]);
  });

  it('amounts with a decimal comma, and text dates in another order only when told', async () => {
    const text = 'number;partner;amount;currency;issued;due\nD-1;PTR-001;1.234,56;EUR;01.09.2026;01.10.2026\n';
    const plain = await staff('--json', 'import', 'invoices', file('eu.csv', text));
    expect(errorOf(plain).details.errors.map((e: { column: string }) => e.column)).toEqual(['amount', 'issued', 'due']);
    expect(errorOf(plain).details.errors[1].message).toMatch(/not a YYYY-MM-DD date; dates written otherwise need their format said/);
    // For people, the flags that read them follow the problems.
    const said = (await staff('import', 'invoices', 'eu.csv')).stderr;
    expect(said).toContain('Dates written otherwise are read with --date-format (DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY).');
    expect(said).toContain('Amounts written 1.234,56 are read with --decimal-comma.');
    const told = await staff('--json', 'import', 'invoices', 'eu.csv', '--decimal-comma', '--date-format', 'DD.MM.YYYY');
    expect(told.json()).toMatchObject({ created: 1 });
    expect((await staff('--json', 'invoices', 'list')).json().find((i: { number: string }) => i.number === 'D-1')).toMatchObject({ amount: '1234.56', issuedOn: '2026-09-01' });
    const impossible = await staff(
      '--json',
      'import',
      'invoices',
      file('x.csv', 'number,partner,amount,currency,issued,due\nD-2,PTR-001,10,EUR,31.02.2026,2026-03-01\n'),
      '--date-format',
      'DD.MM.YYYY',
    );
    expect(errorOf(impossible).details.errors[0].message).toMatch(/not a calendar date in DD\.MM\.YYYY/);
  });

  it('standard input, CSV or XLSX by its content', async () => {
    const stdin = new PassThrough();
    stdin.end('id,name\nIN-1,From Stdin AG\n');
    const result = await cli(['--db', db, '--json', 'import', 'customers', '-'], { stdin, cwd: dir });
    expect(result.json()).toMatchObject({ file: 'standard input', created: 1 });
  });
});

describe('keyed, idempotent, never deleting', () => {
  it('a changed row is updated, a blank optional cell clears, a missing column keeps, nothing is deleted', async () => {
    await run('import', 'customers', file('a.csv', 'id,name,country,email\nK-1,Alpha AG,DE,a@alpha.example\nK-2,Beta AG,AT,b@beta.example\n'));
    const second = await run('--json', 'import', 'customers', file('b.csv', 'id,name,country\nK-1,Alpha AG,CH\nK-2,Beta AG,\n'));
    expect(second.json()).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect((await run('--json', 'customers', 'show', 'K-1')).json()).toMatchObject({ country: 'CH', email: 'a@alpha.example' });
    expect((await run('--json', 'customers', 'show', 'K-2')).json()).toMatchObject({ country: null, email: 'b@beta.example' });
    // A file without a row for an existing customer deletes nothing.
    await run('import', 'customers', file('c.csv', 'id,name\nK-1,Alpha AG\n'));
    expect((await run('--json', 'customers', 'show', 'K-2')).code).toBe(0);
  });

  it('--dry-run counts the same and writes nothing', async () => {
    const before = await storeFingerprint(db);
    const dry = await run('--json', 'import', 'customers', file('a.csv', 'id,name\nN-1,New AG\nCUS-0001,Müller GmbH & Co. KG\n'), '--dry-run');
    expect(dry.json()).toMatchObject({ dryRun: true, created: 1, updated: 1 });
    expect(await storeFingerprint(db)).toBe(before);
  });

  it('imported IDs move the counter: the next customer added by hand gets a free one', async () => {
    await run('import', 'customers', file('a.csv', 'id,name\nCUS-0100,Hundred AG\n'));
    expect((await run('--json', 'customers', 'add', '--name', 'Next AG')).json().id).toBe('CUS-0101');
  });

  it('every listing with an import kind exports its columns: exporting and importing back changes nothing', async () => {
    await staff('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes');
    for (const [listing, kind] of [
      ['customers', 'customers'],
      ['pbx', 'pbxs'],
      ['invoices', 'invoices'],
      ['agreements', 'agreements'],
      ['stock', 'stock'],
      ['services', 'services'],
    ] as const) {
      const exported = await staff(listing, 'list', '--format', 'csv');
      const again = await staff('--json', 'import', kind, file(`${kind}.csv`, exported.stdout));
      expect(again.code, `${kind}: ${again.stderr}`).toBe(0);
      expect(again.json(), kind).toMatchObject({ created: 0, updated: 0, warnings: [] });
      expect(again.json().unchanged, kind).toBeGreaterThan(0);
    }
  });
});

describe('the rules of the commands', () => {
  it("a partner imports into its own partner: another partner's ID or customer is refused without saying whose", async () => {
    const result = await run('--json', 'import', 'customers', file('c.csv', 'id,name,partner\nCUS-0006,Taken By Thames,\nZ-1,Elsewhere,PTR-002\n'));
    expect(errorOf(result).details.errors).toEqual([
      { row: 3, column: 'partner', message: 'PTR-002 is not your partner: you import for PTR-001 (leave the column out or blank)' },
      { row: 2, column: 'id', message: 'CUS-0006 is already the ID of another customer; give this one its own' },
    ]);
    const pbx = await run('--json', 'import', 'pbxs', file('p.csv', 'id,customer,name,type,license,activated\nPBX-9000,CUS-0006,Theirs,cloud,yearly,2026-01-01\n'));
    expect(errorOf(pbx).details.errors[0]).toEqual({ row: 2, column: 'customer', message: 'customer CUS-0006 not found' });
  });

  it('invoices and stock are for staff', async () => {
    for (const kind of ['invoices', 'stock']) {
      const result = await run('--json', 'import', kind, join(SAMPLES, `${kind}.csv`));
      expect(result.code).toBe(1);
      expect(errorOf(result).code).toBe('NOT_ALLOWED');
    }
  });

  it('a PBX activated after today, a licence that is none, a PBX with orders that would change its term', async () => {
    await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes');
    const result = await run(
      '--json',
      'import',
      'pbxs',
      file(
        'p.csv',
        'id,customer,name,type,license,activated\nPBX-9001,CUS-0001,Future,cloud,yearly,2027-01-01\nPBX-9002,CUS-0001,Odd,cloud,weekly,2026-01-01\nPBX-1001,CUS-0001,Zentrale,cloud,monthly,2020-05-01\n',
      ),
    );
    const errors = errorOf(result).details.errors;
    expect(errors[0]).toMatchObject({ row: 2, column: 'activated', message: expect.stringContaining('2027-01-01 is after today (2026-11-24)') });
    expect(errors[1]).toMatchObject({ row: 3, column: 'license', message: expect.stringContaining('"weekly" is not a licence') });
    expect(errors[2]).toMatchObject({ row: 4, column: 'license', message: expect.stringMatching(/PBX-1001 has orders: its licence cannot change \(it was yearly\)/) });
  });

  it('agreements: a newer signature is added beside the old one, the same one changes nothing', async () => {
    const first = await run('--json', 'import', 'agreements', file('a.csv', 'customer,signed\nCUS-0001,2020-04-20\nCUS-0002,2026-11-20\n'));
    // CUS-0001's agreement of 2020-04-20 names a file: a row without the file column keeps it.
    expect(first.json()).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    const second = await run('--json', 'import', 'agreements', file('b.csv', 'customer,signed\nCUS-0001,2026-11-01\n'));
    expect(second.json()).toMatchObject({ updated: 1 });
    expect((await run('--json', 'agreements', 'list', '--customer', 'CUS-0001')).json()).toHaveLength(2);
  });

  it('a live store imports on today only: --date is for --dry-run', async () => {
    const live = await liveStore();
    const refused = await cli(['--db', live, '--date', '2026-11-24', '--json', 'import', 'customers', join(SAMPLES, 'customers.csv')]);
    expect(errorOf(refused).code).toBe('DATE_PINNED');
    const dry = await cli(['--db', live, '--date', '2026-11-24', '--json', 'import', 'customers', join(SAMPLES, 'customers.csv'), '--dry-run']);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 10 });
    // Without --date it imports, on the clock's date (a server checks that against its own).
    const done = await cli(['--db', live, '--json', 'import', 'customers', join(SAMPLES, 'customers.csv')], { realClock: true });
    expect(done.json()).toMatchObject({ dryRun: false, created: 10 });
  });
});

describe('a large file at a terminal', () => {
  it('shows a progress bar on stderr past 10,000 rows, cleared at the end; none for a small file', async () => {
    const rows = ['id,name'];
    for (let i = 0; i < 12_000; i++) rows.push(`BIG-${i},Company ${i}`);
    const big = await cli(['--db', db, 'import', 'customers', file('big.csv', rows.join('\n'))], { cwd: dir, tty: true });
    expect(big.code, big.stderr).toBe(0);
    expect(big.stderr).toMatch(/\r\u001b\[K {2}big\.csv \[[█·]{20}\] \d+% · [\d,]+ rows/);
    expect(big.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(big.stdout).toContain('12,000 created');
    const small = await cli(['--db', db, 'import', 'customers', file('small.csv', 'id,name\nS-1,Small AG\n')], { cwd: dir, tty: true });
    expect(small.stderr).toBe('');
  });
});

describe('what an attack on import found', () => {
  it('a partner cannot back-date the cancellation of a PBX under a placed order', async () => {
    expect((await run('--as', 'USR-001', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes')).code).toBe(0);
    const before = await storeFingerprint(db);
    file('p.csv', 'id,customer,name,type,license,activated,cancelled\nPBX-1001,CUS-0001,Müller HQ,cloud,yearly,2020-05-01,2026-06-01\n');
    const result = await run('--as', 'USR-001', '--json', 'import', 'pbxs', 'p.csv');
    expect(result.code).toBe(2);
    expect(errorOf(result).details.errors[0]).toMatchObject({ row: 2, column: 'cancelled' });
    expect(await storeFingerprint(db)).toEqual(before);
  });

  it('a number cell too large for an amount is one sentence, not an internal error', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('I');
    sheet.addRow(['number', 'partner', 'amount', 'currency', 'issued', 'due', 'paid']);
    sheet.addRow(['INV-X', 'PTR-001', 1e15, 'EUR', new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 1, 1)), null]);
    await workbook.xlsx.writeFile(join(dir, 'big.xlsx'));
    const result = await staff('--json', 'import', 'invoices', 'big.xlsx', '--dry-run');
    expect(result.code).toBe(2);
    expect(errorOf(result).details.errors[0].message).toContain('more than 999,999,999,999.99');
  });

  it("a named pipe (or a shell's <(…)) is read like standard input; a device is refused", async () => {
    const fifo = join(dir, 'customers.pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf 'id,name,country\\nK-9001,Piped GmbH,DE\\n' > ${fifo}`]);
    const result = await run('--as', 'USR-001', '--json', 'import', 'customers', fifo);
    await new Promise((resolve) => (writer.exitCode !== null ? resolve(null) : writer.once('exit', resolve)));
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ created: 1 });
    const device = await run('--as', 'USR-001', '--json', 'import', 'customers', '/dev/zero');
    expect([device.code, errorOf(device).message]).toEqual([2, '/dev/zero is a device, not a file: give the CSV or XLSX file to import.']);
  });

  it("an invoice is in its partner's currency, and a paid one keeps what was paid", async () => {
    file('i.csv', 'number,partner,amount,currency,issued,due,paid\nINV-X1,PTR-001,10.00,GBP,2026-10-01,2026-11-01,\n');
    const currency = await staff('--json', 'import', 'invoices', 'i.csv');
    expect(currency.code).toBe(2);
    expect(errorOf(currency).details.errors[0]).toMatchObject({ row: 2, column: 'currency', message: 'PTR-001 is invoiced in EUR, not GBP' });
    file('p.csv', 'number,partner,amount,currency,issued,due,paid\nINV-2026-0101,PTR-001,1.00,EUR,2026-09-01,2026-10-01,2026-09-28\n');
    const paid = await staff('--json', 'import', 'invoices', 'p.csv');
    expect(paid.code).toBe(2);
    expect(errorOf(paid).details.errors[0].message).toMatch(/was paid on 2026-09-28: its amount, currency and issue date stay/);
    // Marking it unpaid again (a bounced payment) or moving its due date is still an update.
    file('u.csv', 'number,partner,amount,currency,issued,due,paid\nINV-2026-0101,PTR-001,1240.00,EUR,2026-09-01,2026-10-01,\n');
    expect((await staff('--json', 'import', 'invoices', 'u.csv')).json()).toMatchObject({ updated: 1 });
  });
});
