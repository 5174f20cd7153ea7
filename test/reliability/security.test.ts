import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { cli, demoStore, fakeIo, rawSql } from '../helpers.js';

let db: string;
beforeAll(async () => {
  db = await demoStore();
  // Thames pays what it owes (its account would be locked), then saves a draft to aim at.
  for (const invoice of ['INV-2026-0201', 'INV-2026-0202']) expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', invoice])).code).toBe(0);
  // A draft of another partner (Thames, PTR-002) to aim at.
  const theirs = await cli(['--db', db, '--as', 'USR-002', 'order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=1', '--save', '--json']);
  expect(theirs.json().id).toBe('ORD-000001');
  // A token of Thames's user to aim at.
  theirToken = (await cli(['--db', db, '--as', 'USR-101', '--json', 'users', 'token', 'create', 'USR-002'])).json().id;
  // A quote Thames sent (numbered per partner: Anna has none of that number) and a cancellation of Thames's.
  const quoted = await cli([
    '--db',
    db,
    '--as',
    'USR-002',
    '--json',
    'quote',
    '--pbx',
    'PBX-1007',
    '--item',
    'WP480G=1',
    '--format',
    'pdf',
    '--out',
    join(mkdtempSync(join(tmpdir(), 'hwaas-q-')), 'q.pdf'),
  ]);
  theirQuote = quoted.json().number;
  const cancelled = await cli(['--db', db, '--as', 'USR-002', '--json', 'pbx', 'cancel', 'PBX-1007', '--yes']);
  theirCancellation = cancelled.json().id;
});
let theirToken = '';
let theirQuote = '';
let theirCancellation = '';
const asAnna = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-001', '--json', ...args]);

/**
 * Every command that takes an ID, run by partner Anna (PTR-001) with an ID of
 * Thames (PTR-002). A command added later with an ID argument or an ID flag must
 * appear here: the first test walks the command tree to make sure it does.
 */
const FOREIGN: Record<string, { args: string[]; expect: 'NOT_FOUND' | 'NOT_ALLOWED' }> = {
  'customers list': { args: ['--partner', 'PTR-002'], expect: 'NOT_FOUND' },
  'customers show': { args: ['CUS-0006'], expect: 'NOT_FOUND' },
  'customers add': { args: ['--name', 'X', '--partner', 'PTR-002'], expect: 'NOT_FOUND' },
  'pbx list': { args: ['--customer', 'CUS-0006'], expect: 'NOT_FOUND' },
  'pbx show': { args: ['PBX-1007'], expect: 'NOT_FOUND' },
  'pbx add': { args: ['--customer', 'CUS-0006', '--name', 'X', '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01'], expect: 'NOT_FOUND' },
  quote: { args: ['--pbx', 'PBX-1007', '--item', 'WP480G=1'], expect: 'NOT_FOUND' },
  order: { args: ['--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=1', '--save'], expect: 'NOT_FOUND' },
  'orders list': { args: ['--customer', 'CUS-0006'], expect: 'NOT_FOUND' },
  'orders show': { args: ['ORD-000001'], expect: 'NOT_FOUND' },
  'orders checkout': { args: ['ORD-000001', '--yes'], expect: 'NOT_FOUND' },
  'orders cancel': { args: ['ORD-000001', '--yes'], expect: 'NOT_FOUND' },
  'orders approve': { args: ['ORD-000001'], expect: 'NOT_ALLOWED' },
  'orders ship': { args: ['ORD-000001'], expect: 'NOT_ALLOWED' },
  'agreements list': { args: ['--customer', 'CUS-0006'], expect: 'NOT_FOUND' },
  'agreements add': { args: ['--customer', 'CUS-0006', '--signed-on', '2026-01-01'], expect: 'NOT_FOUND' },
  'invoices pay': { args: ['INV-2026-0201'], expect: 'NOT_ALLOWED' },
  'stock set': { args: ['WP480G', '5'], expect: 'NOT_ALLOWED' },
  'partners show': { args: ['PTR-002'], expect: 'NOT_FOUND' },
  'partners edit': { args: ['PTR-002', '--tier', 'gold'], expect: 'NOT_ALLOWED' },
  'users add': { args: ['--role', 'partner', '--partner', 'PTR-002', '--email', 'x@example.com', '--name', 'X'], expect: 'NOT_ALLOWED' },
  'users disable': { args: ['USR-002'], expect: 'NOT_ALLOWED' },
  'users enable': { args: ['USR-002'], expect: 'NOT_ALLOWED' },
  'resale set': { args: ['--markup', '10', '--partner', 'PTR-002'], expect: 'NOT_ALLOWED' },
  'resale list': { args: ['--partner', 'PTR-002'], expect: 'NOT_ALLOWED' },
  'resale clear': { args: ['--all', '--partner', 'PTR-002'], expect: 'NOT_ALLOWED' },
  'quotes list': { args: ['--customer', 'CUS-0006'], expect: 'NOT_FOUND' },
  'quotes show': { args: ['Q-2026-00001'], expect: 'NOT_FOUND' },
  'services list': { args: ['--pbx', 'PBX-1007'], expect: 'NOT_FOUND' },
  'services cancel': { args: ['--pbx', 'PBX-1007', '--item', 'WP480G=1', '--yes'], expect: 'NOT_FOUND' },
  'services replace': { args: ['--pbx', 'PBX-1007', '--sku', 'WP480G', '--qty', '1', '--reason', 'x', '--deliver-to', 'end-user'], expect: 'NOT_FOUND' },
  'pbx cancel': { args: ['PBX-1007', '--yes'], expect: 'NOT_FOUND' },
  'pbx change-term': { args: ['PBX-1007', '--to', 'monthly', '--yes'], expect: 'NOT_FOUND' },
  'returns receive': { args: ['CAN-0001'], expect: 'NOT_ALLOWED' },
  'rma ship': { args: ['RMA-0001'], expect: 'NOT_ALLOWED' },
  'rma close': { args: ['RMA-0001'], expect: 'NOT_ALLOWED' },
  'users token create': { args: ['USR-002'], expect: 'NOT_ALLOWED' },
  'users token revoke': { args: ['{token}'], expect: 'NOT_FOUND' },
  'customers edit': { args: ['CUS-0006', '--name', 'X'], expect: 'NOT_FOUND' },
  'pbx edit': { args: ['PBX-1007', '--name', 'X'], expect: 'NOT_FOUND' },
  'partners profile show': { args: ['--partner', 'PTR-002'], expect: 'NOT_FOUND' },
  'partners profile set': { args: ['--partner', 'PTR-002', '--vat', 'GB123456789'], expect: 'NOT_FOUND' },
  'quotes accept': { args: ['{quote}'], expect: 'NOT_FOUND' },
  'quotes decline': { args: ['{quote}'], expect: 'NOT_FOUND' },
  'cancellations undo': { args: ['{cancellation}', '--yes'], expect: 'NOT_FOUND' },
  'devices list': { args: ['--pbx', 'PBX-1007'], expect: 'NOT_FOUND' },
  'invoices list': { args: ['--partner', 'PTR-002'], expect: 'NOT_FOUND' },
  mrr: { args: ['--partner', 'PTR-002'], expect: 'NOT_FOUND' },
  renewals: { args: ['--partner', 'PTR-002'], expect: 'NOT_FOUND' },
};
const ID_OPTIONS = ['--customer', '--pbx', '--partner'];
const ID_ARGUMENTS = ['id', 'number', 'sku', 'user'];

function leaves(command: Command, path: string[] = []): { path: string; command: Command }[] {
  if (command.commands.length === 0) return [{ path: path.join(' '), command }];
  return command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

describe('partner isolation, table-driven', () => {
  it('the table covers every command that takes an ID', async () => {
    const program = await buildProgram(fakeIo().io, { ctx: null, exitCode: 0 });
    const takesId = leaves(program)
      .filter(({ command }) => command.options.some((o) => ID_OPTIONS.includes(o.long ?? '')) || command.registeredArguments.some((a) => ID_ARGUMENTS.includes(a.name())))
      .map(({ path }) => path)
      .sort();
    expect(takesId).toEqual(Object.keys(FOREIGN).sort());
  });

  it.each(Object.entries(FOREIGN))("%s with another partner's ID", async (path, { args, expect: code }) => {
    const result = await asAnna(...path.split(' '), ...args.map((a) => (a === '{token}' ? theirToken : a === '{quote}' ? theirQuote : a === '{cancellation}' ? theirCancellation : a)));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr).error;
    expect(error.code).toBe(code);
    // Nothing about the other partner's record leaks into the message.
    expect(error.message).not.toMatch(/Thames|SUM Accounting|PTR-002 has|draft/);
  });

  it('a foreign ID reads exactly like one that does not exist', async () => {
    const foreign = await asAnna('orders', 'show', 'ORD-000001');
    const missing = await asAnna('orders', 'show', 'ORD-000999');
    expect(JSON.parse(foreign.stderr).error.message.replace('ORD-000001', 'X')).toBe(JSON.parse(missing.stderr).error.message.replace('ORD-000999', 'X'));
  });
});

describe('formula injection', () => {
  const payloads = ['=HYPERLINK("http://evil.example","click")', '+SUM(1,2)', '-2+3', '@SUM(1)', '\tTAB', '\rCR'];

  it('no cell of any CSV the project writes can run as a formula', async () => {
    const staff = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-101', ...args]);
    for (const [i, name] of payloads.entries()) {
      const customer = await staff('customers', 'add', '--name', name, '--partner', 'PTR-001', '--json');
      let id: string;
      if (/[\t\r]/.test(name)) {
        // Control characters are refused at input now; a store written before may still hold them.
        expect(customer.code, name).toBe(2);
        id = `CUS-90${i}`;
        await rawSql(db, "INSERT INTO customers (id, partner_id, name, search_key, created_at) VALUES (?, 'PTR-001', ?, ?, '2026-11-24T10:00:00Z')", [id, name, name.toLowerCase()]);
      } else {
        expect(customer.code, name).toBe(0);
        id = customer.json().id;
      }
      expect(
        (await staff('pbx', 'add', '--customer', id, '--name', `${payloads[(i + 1) % payloads.length]!.trim() || 'x'} pbx`, '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01'))
          .code,
      ).toBe(0);
    }
    const csvs = await Promise.all(
      [
        ['customers', 'list'],
        ['pbx', 'list'],
        ['orders', 'list'],
        ['stock', 'list'],
        ['agreements', 'list'],
        ['invoices', 'list'],
        ['users', 'list'],
      ].map((args) => staff(...args, '--format', 'csv')),
    );
    csvs.push(await staff('pricelist', '--format', 'csv', '--out', '-'), await staff('pricelist', '--type', 'capex', '--format', 'csv', '--out', '-'));
    for (const result of csvs) {
      expect(result.code).toBe(0);
      for (const cell of parseCsv(result.stdout)) {
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // numbers are data
        expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(csvs[0]!.stdout).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('the XLSX price list holds text as strings, never formulas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-xlsx-'));
    const file = join(dir, 'p.xlsx');
    expect((await cli(['--db', db, '--date', '2026-11-24', 'pricelist', '--format', 'xlsx', '--out', file])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
  });
});

/** RFC 4180 cells, enough for the tests. */
function parseCsv(text: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    }
    cells.push(cell);
    if (text[i] === ',') i++;
    else if (text[i] === '\r') i += 2;
  }
  return cells;
}

describe('--out never follows a symbolic link over an existing file', () => {
  it.each([
    ['pricelist', ['pricelist', '--format', 'pdf']],
    ['quote pdf', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--format', 'pdf']],
    ['order confirmation', ['orders', 'show', 'ORD-000002', '--format', 'pdf']],
  ])('%s', async (_name, args) => {
    await cli(['--db', db, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save']);
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-link-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = join(dir, 'out.pdf');
    symlinkSync(victim, link);
    const result = await cli(['--db', db, '--date', '2026-11-24', ...args, '--out', link, '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('symbolic link');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('db backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-link-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'b.db'));
    const result = await cli(['--db', db, 'db', 'backup', join(dir, 'b.db'), '--force']);
    expect(result.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });
});
