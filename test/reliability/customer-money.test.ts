import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore } from '../helpers.js';
import { pdfPages } from '../pdfText.js';

// Attack: an independent check of about 200,000 quotes and 1,500 lifecycle steps found the
// buy side exact everywhere and three faults on the side a customer sees: an order placed
// while a change of term waited renewed on the old term on the resale side ("Then €170.00
// per month" where the quote said €17.00); an explicit resale price was skipped for the
// markup when no price book was in force on the start date; the internal PDFs cut
// quantities of 1,000 or more, amounts of 100,000.00 or more and long SKUs.
let db: string;
let dir: string;
beforeEach(async () => {
  db = await demoStore();
  dir = mkdtempSync(join(tmpdir(), 'hwaas-money-'));
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--json', ...args]);

describe('the resale side of an order placed while a change of term waits', () => {
  it('renews on the new term at the resale price of the new term, in JSON and on the confirmation', async () => {
    expect((await run('resale', 'set', '--markup', '25')).code).toBe(0);
    expect((await run('pbx', 'change-term', 'PBX-1001', '--to', 'monthly', '--yes')).code).toBe(0);
    const quote = (await run('quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2')).json();
    expect(quote).toMatchObject({ renewalTerm: 'monthly', renewalTotal: '13.60', resaleRenewalTotal: '17.00' });
    const placed = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    const order = placed.json();
    expect(order.lines[0]).toMatchObject({ renewal: '13.60', resaleRenewal: '17.00' });
    expect(order).toMatchObject({ renewalTotal: '13.60', resaleRenewalTotal: quote.resaleRenewalTotal });
    const shown = (await run('orders', 'show', order.id)).json();
    expect(shown.lines[0]).toMatchObject({ renewal: '13.60', resaleRenewal: '17.00' });
    const out = join(dir, 'confirmation.pdf');
    expect((await run('orders', 'show', order.id, '--format', 'pdf', '--out', out)).code).toBe(0);
    const text = (await pdfPages(readFileSync(out))).join(' ');
    expect(text).toContain('Then €17.00 per month');
    expect(text).not.toContain('€170.00');
  });
});

describe('an explicit resale price', () => {
  it('applies to a line with its own buy price when no price book is in force on the start date', async () => {
    expect((await run('resale', 'set', '--markup', '25')).code).toBe(0);
    expect((await run('resale', 'set', '--sku', 'WP480G', '--term', 'yearly', '--price', '89.00')).code).toBe(0);
    // The books are valid from 2000-01-01: on 1999-12-31 none is in force.
    const quote = await run('quote', '--term', 'yearly', '--activated', '1999-01-01', '--start', '1999-12-31', '--item', 'WP480G=1@50.00');
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.json().lines[0]).toMatchObject({ unitPrice: '50.00', resaleUnitPrice: '89.00' });
    // And the markup where there is no explicit price.
    const other = await run('quote', '--term', 'yearly', '--activated', '1999-01-01', '--start', '1999-12-31', '--item', 'WP490G=1@50.00');
    expect(other.json().lines[0]).toMatchObject({ unitPrice: '50.00', resaleUnitPrice: '62.50' });
  });
});

describe('documents never shorten a number or an identifier', () => {
  it('the internal quote shows quantities of 10,000, amounts of billions and long SKUs whole', async () => {
    expect((await run('resale', 'set', '--markup', '25')).code).toBe(0);
    const out = join(dir, 'internal.pdf');
    const made = await run('quote', '--pbx', 'PBX-1001', '--item', 'CLASSOUND-FLAT-S=1000', '--item', 'WP480G=10000@1000000.00', '--format', 'pdf', '--internal', '--out', out);
    expect(made.code, made.stderr).toBe(0);
    const quote = (await run('quote', '--pbx', 'PBX-1001', '--item', 'CLASSOUND-FLAT-S=1000', '--item', 'WP480G=10000@1000000.00')).json();
    const text = (await pdfPages(readFileSync(out))).join(' ');
    const money = (amount: string) => `€${amount.replace(/\B(?=(\d{3})+(?!\d))/, ',').replace(/(\d)(?=(\d{3})+\.)/g, '$1,')}`;
    for (const line of quote.lines) {
      expect(text).toContain(line.sku);
      for (const amount of [line.unitPrice, line.amount, line.resaleUnitPrice, line.resaleAmount, line.margin]) expect(text).toContain(money(amount));
    }
    const table = text.slice(text.indexOf('SKU'), text.indexOf('First charge,'));
    expect(table).toContain(' 10000 ');
    expect(table).toContain(' 1000 ');
    expect(table).not.toContain('…');
  });

  it('the customer quote and the order confirmation alike', async () => {
    const out = join(dir, 'order.pdf');
    const placed = (
      await cli([
        '--db',
        db,
        '--date',
        '2026-11-24',
        '--as',
        'USR-101',
        '--json',
        'order',
        '--customer',
        'CUS-0001',
        '--pbx',
        'PBX-1001',
        '--item',
        'CLASSOUND-FLAT-S=9999@999999.99',
        '--checkout',
        '--yes',
      ])
    ).json();
    expect((await cli(['--db', db, '--date', '2026-11-24', '--as', 'USR-101', 'orders', 'show', placed.id, '--format', 'pdf', '--internal', '--out', out])).code).toBe(0);
    const text = (await pdfPages(readFileSync(out))).join(' ');
    const table = text.slice(text.indexOf('SKU'), text.indexOf('First charge,'));
    expect(table).toContain(' 9999 ');
    expect(table).toContain('€999,999.99');
    expect(table).toContain('CLASSOUND-FLAT-S');
    expect(table).not.toContain('…');
  });
});
