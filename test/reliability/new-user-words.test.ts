import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, demoStore, storeFingerprint } from '../helpers.js';

// A new user's pass over 0.5: a blank ID as a filter listed every row (or added to the
// user's own partner); a field's name where a flag was meant; an order's PDF named after
// the ID as typed; the import hints missing from the JSON error.
let db: string;
let dir: string;
beforeAll(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-words-'));
});
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;
const run = (as: string, ...args: string[]) => cli(['--db', db, '--as', as, '--date', '2026-11-24', '--json', ...args], { cwd: dir });

describe('a blank ID', () => {
  it('is an input error naming its flag or argument, and writes nothing', async () => {
    const before = await storeFingerprint(db);
    const cases: [string, string[], string][] = [
      ['USR-001', ['agreements', 'list', '--customer', ''], '--customer: give an ID (it is blank); leave it out to list every one.'],
      ['USR-001', ['pbx', 'list', '--customer', ' '], '--customer: give an ID (it is blank); leave it out to list every one.'],
      ['USR-101', ['customers', 'list', '--partner', ''], '--partner: give an ID (it is blank); leave it out to list every one.'],
      ['USR-101', ['customers', 'add', '--partner', '', '--name', 'Blank Ltd'], '--partner: give an ID (it is blank).'],
      ['USR-001', ['customers', 'show', ''], 'ID: give an ID (it is blank).'],
      ['USR-001', ['pbx', 'cancel', '', '--yes'], 'ID: give an ID (it is blank).'],
      ['USR-001', ['quotes', 'show', ''], 'NUMBER: give a number (it is blank).'],
      ['USR-101', ['invoices', 'pay', ''], 'NUMBER: give a number (it is blank).'],
      ['USR-101', ['users', 'disable', ''], 'ID: give an ID (it is blank).'],
      ['USR-101', ['stock', 'set', '', '5'], 'SKU: give a SKU (it is blank).'],
      ['USR-001', ['quote', '--pbx', '', '--item', 'WP480G=1'], '--pbx: give an ID (it is blank).'],
    ];
    for (const [as, args, sentence] of cases) {
      const result = await run(as, ...args);
      expect([result.code, errorOf(result).message], args.join(' ')).toEqual([2, sentence]);
    }
    expect(await storeFingerprint(db)).toBe(before);
  });
});

describe('sentences say flags', () => {
  it('names the flags a sentence lists, and --role where a role is meant', async () => {
    expect(errorOf(await run('USR-101', 'partners', 'edit', 'PTR-001')).message).toBe(
      'nothing to change: give at least one of --name, --country, --currency, --tier, --area-manager-name, --area-manager-email.',
    );
    expect(errorOf(await run('USR-101', 'users', 'add', '--role', 'staff', '--partner', 'PTR-001', '--name', 'X', '--email', 'x@example.com')).message).toBe(
      '--partner: Wildix staff belong to no partner; leave it out, or say --role partner.',
    );
    expect(errorOf(await run('USR-001', 'pricelist', '--resale', '--type', 'capex')).message).toBe('--resale: resale prices are those of HWaaS (OpEx), not of the CapEx list; leave out --type capex.');
    const rma = await run('USR-001', 'services', 'replace', '--pbx', 'PBX-1001', '--sku', 'WP480G', '--qty', '6', '--reason', 'dead', '--deliver-to', 'partner');
    expect([rma.code, errorOf(rma).message]).toEqual([2, '--qty: 6 devices: one request per five devices of a model; make one request of 5 and another for the rest.']);
  });

  it("a customer's quote with @PRICE is one sentence naming --item and --internal, whatever is on disk", async () => {
    writeFileSync(join(dir, 'hwaas-quote-PBX-1001.pdf'), 'mine');
    const result = await run('USR-001', 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1@50', '--format', 'pdf');
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(
      /^--item: a quote sent to a customer is priced from your price book and resale prices, not from a price given with an item; set a resale price with `hwaas resale set [^`]+`, or write the internal copy with --internal\.$/,
    );
  });
});

describe('files', () => {
  it("an order's PDF is named after the order as hwaas writes its ID", async () => {
    const draft = await run('USR-001', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save');
    expect(draft.code).toBe(0);
    const seq = Number(/\d+$/.exec(draft.json().id)![0]);
    const result = await run('USR-001', 'orders', 'show', `ord-${seq}`, '--format', 'pdf', '--internal');
    expect(result.code).toBe(0);
    expect(result.json().file).toBe(join(dir, `hwaas-order-ORD-${String(seq).padStart(6, '0')}-internal.pdf`));
    const missing = await run('USR-001', 'orders', 'show', 'ord-99999');
    expect([missing.code, errorOf(missing).message]).toEqual([1, 'order ORD-099999 not found: check the ID with `hwaas orders list`.']);
  });

  it('an import refused as JSON carries the hints the text says', async () => {
    const file = join(dir, 'invoices.csv');
    writeFileSync(file, 'number,partner,amount,currency,issued on,due on\nINV-X-1,PTR-001,"1.234,50",EUR,05/01/2026,06/01/2026\n');
    const result = await run('USR-101', 'import', 'invoices', file);
    expect(result.code).toBe(2);
    expect(errorOf(result).details.hints).toEqual([
      'Dates written otherwise are read with --date-format (DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY).',
      'Amounts written 1.234,56 are read with --decimal-comma.',
    ]);
  });
});
