import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore } from './helpers.js';
import { pdfPages } from './pdfText.js';

// Issue 24, "Done when": a partner's whole book. Every expected figure is computed here
// again from the sample gold EUR book (WP480G: 6.80 a month, 68.00 a year, 306.00 for five
// years), money in cents with half-up rounding, independently of hwaas.

const D = '2026-11-24';
let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-book-'));
});
const on = (date: string, as: string, ...args: string[]) => cli(['--db', db, '--date', date, '--as', as, '--json', ...args], { cwd: dir });
/** For people: a table, a sentence. */
const shown = (as: string, ...args: string[]) => cli(['--db', db, '--date', D, '--as', as, ...args], { cwd: dir });
const anna = (...args: string[]) => on(D, 'USR-001', ...args);
const staff = (...args: string[]) => on(D, 'USR-101', ...args);
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

const text = (minor: bigint) => `${minor < 0n ? '-' : ''}${(minor < 0n ? -minor : minor) / 100n}.${String((minor < 0n ? -minor : minor) % 100n).padStart(2, '0')}`;
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
const markup = (unit: bigint, percent: bigint) => halfUp(unit * (100n + percent), 100n);
const MONTHS = { monthly: 1n, yearly: 12n, 'five-year': 60n } as const;
const mrrOf = (unit: bigint, qty: number, term: keyof typeof MONTHS) => halfUp(unit * BigInt(qty), MONTHS[term]);

interface Service {
  pbx: string;
  order: string;
  sku: string;
  qty: number;
  since: string;
  renewsOn: string | null;
  unitPrice: string;
  resaleUnitPrice: string;
  mrr: string;
  resaleMrr: string;
  marginMrr: string;
  renewal: string | null;
  resaleRenewal: string | null;
  status: string;
  source: string | null;
  serials: string[];
}
const services = async (run: (...args: string[]) => ReturnType<typeof cli>, ...args: string[]): Promise<Service[]> => {
  const result = await run('services', 'list', ...args);
  expect(result.code, result.stderr).toBe(0);
  return result.json();
};

const BASE = ['pbx,sku,qty,since,unit price,resale price,serials', 'PBX-1001,WP480G,3,2025-06-01,,,SN-1 SN-2', 'PBX-1004,WP480G,2,2024-04-01,,400.00,', 'pbx-1006,wp480g,1,2026-10-10,,,'].join('\n');

describe('the installed base: import services', () => {
  it('brings running lines in at the book price on their start (or the price given), resold by the rules (or the price given); both sides listed', async () => {
    expect((await anna('resale', 'set', '--markup', '25')).code).toBe(0);
    const imported = await anna('import', 'services', file('base.csv', BASE));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ kind: 'services', rows: 3, created: 3, updated: 0, unchanged: 0, errorCount: 0 });

    const rows = await services(anna);
    const of = (pbx: string) => rows.find((r) => r.pbx === pbx)!;
    // PBX-1001 (yearly): 68.00 from the book, resold at +25 %; three units.
    const yearly = { unit: 6800n, sell: markup(6800n, 25n) };
    expect(of('PBX-1001')).toMatchObject({
      sku: 'WP480G',
      qty: 3,
      since: '2025-06-01',
      renewsOn: '2027-05-01',
      unitPrice: text(yearly.unit),
      resaleUnitPrice: text(yearly.sell),
      mrr: text(mrrOf(yearly.unit, 3, 'yearly')),
      resaleMrr: text(mrrOf(yearly.sell, 3, 'yearly')),
      marginMrr: text(mrrOf(yearly.sell, 3, 'yearly') - mrrOf(yearly.unit, 3, 'yearly')),
      renewal: text(yearly.unit * 3n),
      resaleRenewal: text(yearly.sell * 3n),
      status: 'active',
      source: 'import',
      serials: ['SN-1', 'SN-2'],
    });
    // PBX-1004 (five years): the book's 306.00, resold at the price given.
    expect(of('PBX-1004')).toMatchObject({ unitPrice: '306.00', resaleUnitPrice: '400.00', mrr: text(mrrOf(30600n, 2, 'five-year')), resaleMrr: text(mrrOf(40000n, 2, 'five-year')) });
    // PBX-1006 (monthly), written in lower case.
    expect(of('PBX-1006')).toMatchObject({ sku: 'WP480G', unitPrice: '6.80', resaleUnitPrice: text(markup(680n, 25n)) });

    // MRR and renewals on both sides.
    const buy = mrrOf(6800n, 3, 'yearly') + mrrOf(30600n, 2, 'five-year') + mrrOf(680n, 1, 'monthly');
    const sell = mrrOf(yearly.sell, 3, 'yearly') + mrrOf(40000n, 2, 'five-year') + mrrOf(markup(680n, 25n), 1, 'monthly');
    const mrr = await anna('mrr');
    expect(mrr.json()).toEqual([{ key: 'PTR-001', currency: 'EUR', mrr: text(buy), devices: text(buy), services: '0.00', lines: 3, resaleMrr: text(sell), marginMrr: text(sell - buy) }]);
    const renewals = (await anna('renewals', '--within', '200')).json() as { pbx: string; total: string; resaleTotal: string; marginTotal: string }[];
    expect(renewals.find((r) => r.pbx === 'PBX-1001')).toMatchObject({ total: '204.00', resaleTotal: text(yearly.sell * 3n), marginTotal: text(yearly.sell * 3n - 20400n) });

    // Tables take --side as quotes do.
    const both = await shown('USR-001', 'services', 'list', '--side', 'both', '--wide');
    expect(both.stdout).toContain('Margin');
    expect(both.stdout).toContain('MRR (sell)');
    const sellOnly = await shown('USR-001', 'mrr', '--side', 'sell');
    expect(sellOnly.stdout).not.toContain('Devices');
    expect(sellOnly.stdout).toContain(`€${text(sell)}`);
    // Staff see each partner's sides.
    expect((await services(staff, '--partner', 'PTR-001')).map((r) => r.resaleUnitPrice).sort()).toEqual([text(markup(680n, 25n)), text(yearly.sell), '400.00'].sort());
    expect(await services(staff, '--partner', 'PTR-002')).toEqual([]);

    // Not orders of the partner's history: listed when asked.
    expect((await anna('orders', 'list')).json()).toEqual([]);
    expect((await anna('orders', 'list', '--imported')).json().map((o: { source: string }) => o.source)).toEqual(['import', 'import', 'import']);
  });

  it('importing again, or importing services list --format csv, changes nothing', async () => {
    const first = await anna('import', 'services', file('base.csv', BASE));
    expect(first.json().created).toBe(3);
    // Without resale rules a blank resale price is the buy price, fixed from now on: the import says so.
    expect(first.json().warnings).toEqual([expect.stringContaining('2 lines took the resale price from your resale rules, which set none')]);
    expect((await anna('import', 'services', 'base.csv')).json()).toMatchObject({ created: 0, unchanged: 3 });
    const exported = await cli(['--db', db, '--date', D, '--as', 'USR-001', 'services', 'list', '--format', 'csv'], { cwd: dir });
    const again = await anna('import', 'services', file('back.csv', exported.stdout));
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, warnings: [] });
    // Another unit of the same line is another row: the second such row is a new line.
    const more = await anna('import', 'services', file('more.csv', `${BASE}\nPBX-1001,WP480G,3,2025-06-01,,,`));
    expect(more.json()).toMatchObject({ created: 1, unchanged: 3 });
    // A row that names a running line with another quantity is refused: an import never changes a line.
    // A device has one serial number: one recorded already, or named twice in the file, is refused.
    const taken = await anna(
      'import',
      'services',
      file('taken.csv', 'pbx,sku,qty,since,serials\nPBX-1006,WP480G,1,2026-10-01,SN-1\nPBX-1006,WP480G,2,2026-10-02,X-1 X-1\nPBX-1006,WP480G,1,2026-10-03,X-2\nPBX-1006,WP480G,1,2026-10-04,X-2'),
    );
    expect(taken.code).toBe(2);
    expect(errorOf(taken).details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'serials'],
      [5, 'serials'],
      [2, 'serials'],
    ]);
    const changed = await anna('import', 'services', file('changed.csv', 'pbx,sku,qty,since\nPBX-1004,WP480G,5,2024-04-01'));
    expect(errorOf(changed).details.errors[0]).toMatchObject({ row: 2, column: 'qty' });
    expect(changed.code).toBe(2);
    expect(errorOf(changed).details.errors[0]).toMatchObject({ row: 2, column: 'qty', message: expect.stringContaining('already runs 2 × WP480G since 2024-04-01') });
  });

  it('refuses with a reason, by row and column, and keeps nothing: another partner’s PBX, a perpetual or ended PBX, a start outside the PBX’s life, an unknown SKU', async () => {
    const bad = [
      'pbx,sku,qty,since',
      'PBX-1001,WP480G,1,2026-01-01',
      'PBX-1007,WP480G,1,2026-01-01',
      'PBX-1002,WP480G,1,2026-01-01',
      'PBX-1021,WP480G,1,2022-01-01',
      'PBX-1001,WP480G,1,2019-01-01',
      'PBX-1001,WP480G,1,2026-12-01',
      'PBX-1001,NOPE,1,2026-01-01',
    ].join('\n');
    const result = await anna('import', 'services', file('bad.csv', bad));
    expect(result.code).toBe(2);
    const errors = errorOf(result).details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [3, 'pbx'],
        [4, 'pbx'],
        [5, 'pbx'],
        [6, 'since'],
        [7, 'since'],
        [8, 'sku'],
      ]),
    );
    expect(errors.find((e) => e.row === 3)!.message).toBe('PBX PBX-1007 not found among your customers’ PBXs');
    expect(errors.find((e) => e.row === 4)!.message).toContain('perpetual');
    expect(errors.find((e) => e.row === 5)!.message).toContain('ended on 2023-01-01');
    expect(errors.find((e) => e.row === 6)!.message).toContain('before PBX-1001 was activated');
    expect(errors.find((e) => e.row === 7)!.message).toContain('after today');
    // All or nothing: the good row is not kept either.
    expect(await services(anna)).toEqual([]);
    // A dry run says what would happen and keeps nothing.
    const dry = await anna('import', 'services', file('ok.csv', BASE), '--dry-run');
    expect(dry.json()).toMatchObject({ dryRun: true, created: 3 });
    expect(await services(anna)).toEqual([]);
  });

  it('a partner brings lines in under the rules of checkout and at the price book’s buy price; staff record a negotiated one', async () => {
    // What Wildix bills is the book's: a partner's own figure is refused, staff's is kept.
    const own = await anna('import', 'services', file('own.csv', 'pbx,sku,qty,since,unit price\nPBX-1004,WP480G,2,2024-04-01,60.00'));
    expect(own.code).toBe(2);
    expect(errorOf(own).details.errors[0]).toMatchObject({ column: 'unit price', message: expect.stringContaining('a negotiated price is recorded by Wildix staff') });
    const bookPrice = await anna('import', 'services', file('book.csv', 'pbx,sku,qty,since,unit price\nPBX-1004,WP480G,2,2024-04-01,306.00'));
    expect(bookPrice.code, bookPrice.stderr).toBe(0);
    const negotiated = await staff('import', 'services', file('staff.csv', 'pbx,sku,qty,since,unit price\nPBX-1001,WP480G,4,2025-01-10,60.00'));
    expect(negotiated.code, negotiated.stderr).toBe(0);
    expect((await services(anna, '--pbx', 'PBX-1001'))[0]).toMatchObject({ unitPrice: '60.00', qty: 4 });
    // No signed agreement (CUS-0014), or an account blocked by an overdue invoice: refused as checkout is.
    const unsigned = await anna('import', 'services', file('unsigned.csv', 'pbx,sku,qty,since\nPBX-1019,WP480G,1,2026-04-01'));
    expect(errorOf(unsigned).details.errors[0]).toMatchObject({ column: 'pbx', message: expect.stringContaining('no signed HWaaS agreement') });
    const blocked = await on('2026-12-10', 'USR-001', 'import', 'services', file('late.csv', 'pbx,sku,qty,since\nPBX-1001,WP480G,1,2026-04-01'));
    expect(errorOf(blocked).details.errors[0]).toMatchObject({ column: 'pbx', message: expect.stringContaining('INV-2026-0102') });
    // Bounded amounts.
    const huge = await anna('import', 'services', file('huge.csv', 'pbx,sku,qty,since,resale price\nPBX-1001,WP480G,1,2026-04-01,999999999.99'));
    expect(errorOf(huge).details.errors[0]).toMatchObject({ column: 'resale price', message: expect.stringContaining('above the limit') });
  });

  it('an imported line is cancelled with the six-month minimum counted from its start, and its devices are replaced by serial number', async () => {
    expect((await anna('import', 'services', file('m.csv', 'pbx,sku,qty,since,serials\nPBX-1006,WP480G,2,2026-10-10,M-1 M-2'))).code).toBe(0);
    const cancel = await anna('services', 'cancel', '--pbx', 'PBX-1006', '--item', 'WP480G=2', '--serial', 'M-2', '--yes');
    expect(cancel.code, cancel.stderr).toBe(0);
    // PBX-1006 is monthly from 2021-08-25: the units stop on 2026-11-25; the minimum runs to 2027-04-10:
    // four whole months of 2 × 6.80, then 16 of the 31 days from 2027-03-25.
    const expected = 4n * 680n * 2n + halfUp(680n * 2n * 16n, 31n);
    expect(cancel.json()).toMatchObject({ effectiveOn: '2026-11-25', finalChargeTotal: text(expected) });
    expect(cancel.json().lines[0]).toMatchObject({ since: '2026-10-10', minimumUntil: '2027-04-10', serials: ['M-2'] });
    // The device named is the one that stops.
    const devices = (await anna('devices', 'list', '--pbx', 'PBX-1006')).json() as { serial: string; status: string; endsOn: string | null }[];
    expect(devices.map((d) => [d.serial, d.status, d.endsOn])).toEqual([
      ['M-2', 'ending', '2026-11-25'],
      ['M-1', 'ending', '2026-11-25'],
    ]);
    const rma = await anna('services', 'replace', '--pbx', 'PBX-1006', '--sku', 'WP480G', '--qty', '1', '--reason', 'display dead', '--deliver-to', 'partner', '--serial', 'M-1');
    expect(rma.code, rma.stderr).toBe(0);
    expect(rma.json().serials).toEqual(['M-1']);
    const unknown = await anna('services', 'replace', '--pbx', 'PBX-1006', '--sku', 'WP480G', '--qty', '1', '--reason', 'x', '--deliver-to', 'partner', '--serial', 'M-9');
    expect([unknown.code, errorOf(unknown).code]).toEqual([1, 'NOT_FOUND']);
  });
});

describe('both sides after checkout', () => {
  it('a line keeps the resale price fixed at checkout; staff filter by partner and by date', async () => {
    expect((await staff('invoices', 'pay', 'INV-2026-0102')).code).toBe(0);
    expect((await anna('resale', 'set', '--markup', '20')).code).toBe(0);
    const order = await anna('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=5', '--checkout', '--yes');
    expect(order.code, order.stderr).toBe(0);
    // The rules change after checkout: the line does not.
    expect((await anna('resale', 'set', '--markup', '50')).code).toBe(0);
    const [line] = await services(anna);
    const sell = markup(6800n, 20n);
    expect(line).toMatchObject({ unitPrice: '68.00', resaleUnitPrice: text(sell), mrr: text(mrrOf(6800n, 5, 'yearly')), resaleMrr: text(mrrOf(sell, 5, 'yearly')), source: null });

    const id = order.json().id;
    expect((await staff('orders', 'list', '--partner', 'PTR-001')).json().map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await staff('orders', 'list', '--partner', 'PTR-002')).json()).toEqual([]);
    // The day it was placed is read in the store's zone: a day either side of the UTC one holds it.
    const placed = Date.parse((await staff('orders', 'show', id)).json().placedAt as string);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect((await staff('orders', 'list', '--from', day(placed - 86_400_000), '--to', day(placed + 86_400_000))).json().map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await staff('orders', 'list', '--to', '2000-01-01')).json()).toEqual([]);
    expect((await staff('orders', 'list', '--from', '2100-01-01')).json()).toEqual([]);
    const backwards = await staff('orders', 'list', '--from', '2026-12-01', '--to', '2026-11-01');
    expect([backwards.code, errorOf(backwards).message]).toEqual([2, expect.stringContaining('--to: 2026-11-01 is before from')]);
    const invoices = (await staff('invoices', 'list', '--partner', 'PTR-002', '--from', '2026-09-01')).json().map((i: { number: string }) => i.number);
    expect(invoices).toEqual(['INV-2026-0202']);
    expect((await staff('renewals', '--within', '200', '--partner', 'PTR-002')).json().every((r: { partner: string }) => r.partner === 'PTR-002')).toBe(true);
    expect((await staff('mrr', '--partner', 'PTR-001')).json()).toEqual([expect.objectContaining({ key: 'PTR-001', mrr: text(mrrOf(6800n, 5, 'yearly')), resaleMrr: text(mrrOf(sell, 5, 'yearly')) })]);
  });
});

describe('quote to order', () => {
  const quote = async (date = D) => {
    const made = await on(date, 'USR-001', 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--format', 'pdf', '--out', `q-${Math.random().toString(36).slice(2)}.pdf`);
    expect(made.code, made.stderr).toBe(0);
    return made.json().number as string;
  };
  beforeEach(async () => {
    expect((await staff('invoices', 'pay', 'INV-2026-0102')).code).toBe(0);
    expect((await anna('resale', 'set', '--markup', '20')).code).toBe(0);
  });

  it('an accepted quote becomes an order at its customer prices; the buy side is the book at checkout', async () => {
    const number = await quote();
    expect((await anna('quotes', 'list')).json()[0]).toMatchObject({ number, status: 'sent', order: null });
    const accepted = await anna('quotes', 'accept', number);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedBy: 'USR-001' });
    expect((await anna('quotes', 'accept', number)).code).toBe(1);
    // The partner's rules move after the quote was sent: the customer keeps the quote's prices.
    expect((await anna('resale', 'set', '--markup', '50')).code).toBe(0);
    const order = await anna('order', '--from-quote', number, '--checkout', '--yes');
    expect(order.code, order.stderr).toBe(0);
    const sell = markup(6800n, 20n);
    expect(order.json()).toMatchObject({ status: 'placed', source: 'quote', quote: number, customer: 'CUS-0001', pbx: 'PBX-1001' });
    expect(order.json().lines[0]).toMatchObject({ sku: 'WP480G', qty: 2, unitPrice: '68.00', resaleUnitPrice: text(sell), resaleRenewal: text(sell * 2n) });
    expect((await anna('quotes', 'list')).json()[0]).toMatchObject({ status: 'ordered', order: order.json().id });
    // Once ordered it is not ordered again, nor declined.
    const twice = await anna('order', '--from-quote', number, '--save');
    expect([twice.code, errorOf(twice).code]).toEqual([1, 'INVALID_STATE']);
    expect((await anna('quotes', 'decline', number)).code).toBe(1);
  });

  it('an expired quote is QUOTE_EXPIRED unless repriced; a declined one cannot become an order; a draft of a quote that expires is not checked out', async () => {
    const number = await quote();
    const validUntil = (await anna('quotes', 'show', number)).json().validUntil as string;
    const after = new Date(Date.parse(`${validUntil}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const late = await on(after, 'USR-001', 'order', '--from-quote', number, '--save');
    expect([late.code, errorOf(late).code]).toEqual([1, 'QUOTE_EXPIRED']);
    expect(errorOf(late).message).toContain('--reprice');
    expect(errorOf(await on(after, 'USR-001', 'quotes', 'accept', number)).code).toBe('QUOTE_EXPIRED');
    expect((await on(after, 'USR-001', 'quotes', 'list')).json()[0].status).toBe('expired');
    expect((await anna('resale', 'set', '--markup', '50')).code).toBe(0);
    const repriced = await on(after, 'USR-001', 'order', '--from-quote', number, '--reprice', '--save');
    expect(repriced.code, repriced.stderr).toBe(0);
    expect(repriced.json().lines[0].resaleUnitPrice).toBe(text(markup(6800n, 50n)));

    const declined = await quote();
    expect((await anna('quotes', 'decline', declined)).json().status).toBe('declined');
    const refused = await anna('order', '--from-quote', declined, '--save');
    expect([refused.code, errorOf(refused).code]).toEqual([1, 'INVALID_STATE']);

    const drafted = await quote();
    const draft = await anna('order', '--from-quote', drafted, '--save');
    expect(draft.code, draft.stderr).toBe(0);
    const checkout = await on(after, 'USR-001', 'orders', 'checkout', draft.json().id, '--yes');
    expect([checkout.code, errorOf(checkout).code]).toEqual([1, 'QUOTE_EXPIRED']);
    // Flags that do not go together are said, not ignored.
    expect((await anna('order', '--from-quote', drafted, '--pbx', 'PBX-1001', '--save')).code).toBe(2);
    expect((await anna('order', '--from-quote', drafted)).code).toBe(2);
  });
});

/** A PNG of w × h pixels of one colour, made here. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x40)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('documents with the partner’s identity', () => {
  it('the customer’s quote and order confirmation carry the letterhead, the customer’s address and the terms that bind the customer', async () => {
    writeFileSync(join(dir, 'logo.png'), png(120, 40));
    const profile = await anna('partners', 'profile', 'set', '--logo', 'logo.png', '--phone', '+49 89 1234567');
    expect(profile.code, profile.stderr).toBe(0);
    expect(profile.json()).toMatchObject({ legalName: 'Alpen Telecom GmbH', vat: 'DE811234567', logo: { mediaType: 'image/png' }, missing: [], changed: ['logo'] });
    const made = await anna('quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--format', 'pdf', '--out', 'q.pdf');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toBe('');
    const [page] = await pdfPages(readFileSync(join(dir, 'q.pdf')));
    for (const expected of [
      'Alpen Telecom GmbH',
      'Leopoldstraße 12',
      'VAT DE811234567',
      'office@alpentelecom.example',
      'Hauptstraße 1',
      '10115 Berlin',
      'Attn. Jana Müller, IT',
      'VAT DE123456789',
      'ends with it on its expiration, 2027-05-01',
      'at least six months',
      'Prices exclude VAT',
      'Payment: 30 days net from the invoice date',
      'HRB 123456',
    ])
      expect(page).toContain(expected);

    expect((await staff('invoices', 'pay', 'INV-2026-0102')).code).toBe(0);
    const order = await anna('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes');
    expect((await anna('orders', 'show', order.json().id, '--format', 'pdf', '--out', 'o.pdf')).code).toBe(0);
    const [confirmation] = await pdfPages(readFileSync(join(dir, 'o.pdf')));
    for (const expected of ['Order confirmation', 'Alpen Telecom GmbH', 'Hauptstraße 1', 'at least six months']) expect(confirmation).toContain(expected);
    // Cancelled, it confirms nothing to the customer.
    expect((await anna('orders', 'cancel', order.json().id, '--yes')).code).toBe(0);
    const cancelled = await anna('orders', 'show', order.json().id, '--format', 'pdf', '--out', 'c.pdf');
    expect([cancelled.code, errorOf(cancelled).code]).toEqual([1, 'INVALID_STATE']);
    expect(errorOf(cancelled).message).toContain('was cancelled');
    // The partner's own copy says it was cancelled.
    const own = await anna('orders', 'show', order.json().id, '--format', 'pdf', '--internal', '--out', 'ci.pdf');
    expect(own.json().title).toBe(`Cancelled order ${order.json().id} (internal copy)`);
  });

  it('a document issued without a profile says which fields are missing; a logo that is not an image is refused; staff set any partner’s', async () => {
    const piotr = (...args: string[]) => on(D, 'USR-004', ...args);
    const made = await piotr('quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'p.pdf');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain("warning: the document's letterhead lacks");
    expect(made.stderr).toContain('--legal-name, --address, --vat, --email, --payment-terms');
    writeFileSync(join(dir, 'fake.png'), 'not an image');
    const fake = await piotr('partners', 'profile', 'set', '--logo', 'fake.png');
    expect([fake.code, errorOf(fake).message]).toEqual([2, expect.stringContaining('not a PNG or JPEG')]);
    const set = await staff(
      'partners',
      'profile',
      'set',
      '--partner',
      'PTR-004',
      '--legal-name',
      'Łączność Sp. z o.o.',
      '--address',
      'ul. Długa 5|00-238 Warszawa',
      '--vat',
      'PL5250001009',
      '--email',
      'biuro@lacznosc.example',
      '--payment-terms',
      '14 dni',
    );
    expect(set.json()).toMatchObject({ partner: 'PTR-004', missing: [], address: 'ul. Długa 5\n00-238 Warszawa' });
    const again = await piotr('quote', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--format', 'pdf', '--out', 'p2.pdf');
    expect(again.stderr).not.toContain('letterhead lacks');
    // The customer's address is said missing too, with the command that adds it.
    expect(again.stderr).toContain('CUS-0011 has no address on file: `hwaas customers edit CUS-0011 --address …`');
    expect((await piotr('partners', 'profile', 'set', '--clear', 'vat')).json().missing).toEqual(['vat']);
  });
});

describe('buy and sell price lists cannot be confused', () => {
  it('the resale list is the partner’s document under its own name; the buy list says confidential on every page; --force never replaces the other kind', async () => {
    const resale = await anna('pricelist', '--resale', '--format', 'pdf');
    expect(resale.code, resale.stderr).toBe(0);
    expect(resale.json().file).toBe(join(dir, `hwaas-pricelist-resale-opex-EUR-${D}.pdf`));
    const resalePages = await pdfPages(readFileSync(resale.json().file));
    expect(resalePages[0]).toContain('Price list');
    expect(resalePages[0]).toContain('Alpen Telecom GmbH');
    expect(resalePages.join(' ')).not.toMatch(/CONFIDENTIAL|Your partner/);
    const buy = await anna('pricelist', '--format', 'pdf');
    expect(buy.json().file).toBe(join(dir, `hwaas-pricelist-opex-EUR-${D}.pdf`));
    const buyPages = await pdfPages(readFileSync(buy.json().file));
    expect(buyPages.length).toBeGreaterThan(1);
    for (const page of buyPages) expect(page).toContain('CONFIDENTIAL: cost prices from Wildix');
    // --force over the other kind is refused, whatever the name.
    const over = await anna('pricelist', '--resale', '--format', 'pdf', '--out', buy.json().file, '--force');
    expect([over.code, errorOf(over).code]).toEqual([1, 'EXISTS']);
    expect(errorOf(over).message).toContain('confidential cost price list');
    const under = await anna('pricelist', '--format', 'pdf', '--out', resale.json().file, '--force');
    expect([under.code, errorOf(under).code]).toEqual([1, 'EXISTS']);
    expect((await anna('pricelist', '--format', 'pdf', '--out', buy.json().file, '--force')).code).toBe(0);
    // The sheets say so too.
    expect((await anna('pricelist', '--resale', '--format', 'xlsx')).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, `hwaas-pricelist-resale-opex-EUR-${D}.xlsx`));
    expect(book.worksheets[0]!.name).toBe('Price list EUR');
    expect(String(book.worksheets[0]!.getRow(1).getCell(1).value)).toContain('Alpen Telecom GmbH');
  });
});

describe('corrections', () => {
  it('customers edit and pbx edit record who and when; the licence and activation change only while nothing was ordered', async () => {
    const edited = await anna('customers', 'edit', 'CUS-0002', '--name', 'Bäckerei Schröder GmbH', '--address', 'Marktplatz 3|20095 Hamburg', '--contact', 'Herr Schröder');
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.json()).toMatchObject({ changed: ['name', 'address', 'contact'], before: { name: 'Bäckerei Schröder KG', address: null }, after: { address: 'Marktplatz 3\n20095 Hamburg' } });
    const history = (await anna('customers', 'show', 'CUS-0002')).json().history;
    expect(history).toEqual([
      expect.objectContaining({ by: 'USR-001', actedBy: null, action: 'edited', changes: expect.objectContaining({ name: ['Bäckerei Schröder KG', 'Bäckerei Schröder GmbH'] }) }),
    ]);
    expect((await anna('customers', 'edit', 'CUS-0002')).code).toBe(2);
    expect((await anna('customers', 'edit', 'CUS-0002', '--email', 'nope')).code).toBe(2);

    const fixed = await anna('pbx', 'edit', 'PBX-1019', '--license', 'yearly', '--activated', '2026-03-30');
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.json()).toMatchObject({ changed: ['license', 'activated'], after: { license: 'yearly', activated: '2026-03-30' } });
    expect((await anna('pbx', 'show', 'PBX-1019')).json().history[0]).toMatchObject({ action: 'edited', changes: { license: ['monthly', 'yearly'] } });
    expect((await staff('import', 'services', file('one.csv', 'pbx,sku,qty,since\nPBX-1019,WP480G,1,2026-04-01'))).code).toBe(0);
    const refused = await anna('pbx', 'edit', 'PBX-1019', '--license', 'monthly');
    expect([refused.code, errorOf(refused).code]).toEqual([1, 'INVALID_STATE']);
    expect((await anna('pbx', 'edit', 'PBX-1019', '--name', 'Café Zürich (Bar)')).code).toBe(0);
  });

  it('a cancellation and a change of term are undone before they take effect: the services run on, the return is void', async () => {
    expect((await anna('import', 'services', file('b.csv', BASE))).code).toBe(0);
    const cancelled = await anna('pbx', 'cancel', 'PBX-1004', '--yes');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    const id = cancelled.json().id;
    expect((await anna('pbx', 'show', 'PBX-1004')).json().cancelledOn).toBe('2029-03-15');
    const undone = await anna('cancellations', 'undo', id, '--yes');
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.json().undoneAt).not.toBeNull();
    expect((await anna('pbx', 'show', 'PBX-1004')).json().cancelledOn).toBeNull();
    expect((await services(anna, '--pbx', 'PBX-1004'))[0]).toMatchObject({ status: 'active', qty: 2 });
    expect((await anna('returns', 'list', '--all')).json()).toEqual([]);
    expect((await anna('cancellations', 'undo', id, '--yes')).code).toBe(1);
    // Once it took effect, it stays.
    const late = await anna('services', 'cancel', '--pbx', 'PBX-1006', '--item', 'WP480G=1', '--yes');
    expect((await on('2026-11-25', 'USR-001', 'cancellations', 'undo', late.json().id, '--yes')).code).toBe(1);

    expect((await anna('pbx', 'change-term', 'PBX-1003', '--to', 'yearly', '--yes')).code).toBe(0);
    const term = await anna('pbx', 'change-term', 'PBX-1003', '--undo', '--yes');
    expect(term.json()).toMatchObject({ pbx: 'PBX-1003', term: 'monthly', undone: { term: 'yearly' } });
    const shown = (await anna('pbx', 'show', 'PBX-1003')).json();
    expect(shown.termChanges).toEqual([]);
    expect(shown.history.at(-1)).toMatchObject({ by: 'USR-001', action: 'term change undone' });
    expect((await anna('pbx', 'change-term', 'PBX-1003', '--undo', '--yes')).code).toBe(1);
  });
});

describe('serial numbers', () => {
  it('staff record them when shipping; devices are found by serial; a return that named them is received against them', async () => {
    expect((await staff('invoices', 'pay', 'INV-2026-0102')).code).toBe(0);
    const order = await anna('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes');
    const id = order.json().id;
    expect((await staff('orders', 'approve', id)).code).toBe(0);
    const over = await staff('orders', 'ship', id, '--serial', 'WP480G=A-1', '--serial', 'WP480G=A-2', '--serial', 'WP480G=A-3');
    expect([over.code, errorOf(over).message]).toEqual([2, expect.stringContaining('ships 2 × WP480G; 3 serial numbers')]);
    const shipped = await staff('orders', 'ship', id, '--serials', file('sn.csv', 'sku,serial\nWP480G,A-1\nWP480G;A-2\n'));
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(shipped.json().lines[0].serials).toEqual(['A-1', 'A-2']);
    const found = (await anna('devices', 'list', '--serial', 'A-2')).json();
    expect(found).toEqual([expect.objectContaining({ pbx: 'PBX-1001', sku: 'WP480G', serial: 'A-2', order: id })]);
    expect((await anna('devices', 'list', '--pbx', 'PBX-1001')).json()).toHaveLength(2);
    // Units without a recorded serial are one row with their count (a line may hold 10,000).
    expect((await staff('import', 'services', file('many.csv', 'pbx,sku,qty,since\nPBX-1004,WP480G,9000,2024-04-01'))).code).toBe(0);
    expect((await anna('devices', 'list', '--pbx', 'PBX-1004')).json()).toEqual([expect.objectContaining({ serial: null, units: 9000, sku: 'WP480G' })]);
    // A device has one serial number: another order cannot record it again.
    const other = await anna('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes');
    expect((await staff('orders', 'approve', other.json().id)).code).toBe(0);
    const dup = await staff('orders', 'ship', other.json().id, '--serial', 'WP480G=A-1');
    expect([dup.code, errorOf(dup).code]).toEqual([1, 'EXISTS']);

    const cancel = await anna('services', 'cancel', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--serial', 'A-2', '--yes');
    expect(cancel.code, cancel.stderr).toBe(0);
    const effective = cancel.json().effectiveOn as string;
    // A device that already stops is not cancelled again (another one would stop in its place).
    const twice = await anna('services', 'cancel', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--serial', 'a-2', '--yes');
    expect([twice.code, errorOf(twice).code, errorOf(twice).message]).toEqual([1, 'INVALID_STATE', expect.stringContaining('A-2 already stops on')]);
    // A-2 stops; A-1 runs on (the one named, whatever order the units were shipped in).
    const both = (await anna('devices', 'list', '--pbx', 'PBX-1001')).json() as { serial: string; status: string }[];
    expect(both.map((d) => [d.serial, d.status]).sort()).toEqual([
      ['A-1', 'active'],
      ['A-2', 'ending'],
    ]);
    const blind = await on(effective, 'USR-101', 'returns', 'receive', cancel.json().id);
    expect([blind.code, errorOf(blind).message]).toEqual([1, expect.stringContaining('receive it against them')]);
    const wrong = await on(effective, 'USR-101', 'returns', 'receive', cancel.json().id, '--serial', 'A-1');
    expect(wrong.code).toBe(1);
    const received = await on(effective, 'USR-101', 'returns', 'receive', cancel.json().id, '--serial', 'A-2');
    expect(received.code, received.stderr).toBe(0);
    expect(received.json()).toMatchObject({ status: 'received', serials: ['A-2'], receivedSerials: ['A-2'] });
    // Once it took effect, A-2 is no longer at the customer's.
    expect(((await on(effective, 'USR-001', 'devices', 'list', '--pbx', 'PBX-1001')).json() as { serial: string }[]).map((d) => d.serial)).toEqual(['A-1']);
  });
});
