import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dataFile } from '../../src/paths.js';
import { cli, demoStore } from '../helpers.js';

// Attack: reload a price book that flips products between stocked and not stocked (and
// renames and drops some) while orders are open. `orders cancel` said it released a
// reservation and did not, `db check` failed, and another cancel exited 70.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--json', ...args]);
const staff = (...args: string[]) => run('--as', 'USR-101', ...args);
const stock = async (sku: string) => (await run('stock', 'list')).json().find((s: { sku: string }) => s.sku === sku);

interface Row {
  sku: string;
  name: string;
  stocked: boolean;
  rest: string[];
}

/** Staff re-import the default partner's book (gold, EUR) from the sample file, changed by `edit`. */
async function reloadCatalog(edit: (catalog: { products: Row[] }) => void): Promise<void> {
  const [header, ...lines] = readFileSync(dataFile('pricebooks/gold-EUR-2000-01-01.csv'), 'utf8').trim().split('\n');
  // The lines this test edits have no quoted fields; the others are written back as they were.
  const products = lines.map((line) => {
    const [sku, name, category, hwaas, stocked, ...prices] = line.split(',');
    return { sku: sku!, name: name!, stocked: stocked === 'yes', rest: [category!, hwaas!], prices, line };
  });
  const before = new Map(products.map((p) => [p.sku, { name: p.name, stocked: p.stocked }]));
  const catalog = { products: products as (Row & { prices: string[]; line: string })[] };
  edit(catalog);
  const out = catalog.products.map((p) => {
    const was = before.get(p.sku)!;
    return was.name === p.name && was.stocked === p.stocked ? p.line : [p.sku, p.name, ...p.rest, p.stocked ? 'yes' : 'no', ...p.prices].join(',');
  });
  const file = join(mkdtempSync(join(tmpdir(), 'hwaas-reload-')), 'gold-EUR.csv');
  writeFileSync(file, [header, ...out].join('\n'));
  const result = await staff('pricebook', 'import', file, '--tier', 'gold', '--currency', 'EUR', '--valid-from', '2000-01-01');
  expect(result.code, result.stderr).toBe(0);
}

async function place(items: string[]): Promise<string> {
  const result = await run('order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', ...items.flatMap((i) => ['--item', i]), '--checkout', '--yes');
  expect(result.code, result.stderr).toBe(0);
  return result.json().id;
}

describe('a catalog reload under open orders', () => {
  it('flipping stocked and not stocked breaks neither cancel, ship nor db check', async () => {
    const first = await place(['WP480G=4', 'CLASSOUND-FLAT-S=1']);
    const second = await place(['WP480G=3', 'CLASSOUND-FLAT-S=2']);
    expect((await stock('WP480G')).reserved).toBe(7);

    await reloadCatalog((catalog) => {
      for (const product of catalog.products) {
        if (product.sku === 'WP480G') product.stocked = false; // a device becomes a "service"
        if (product.sku === 'CLASSOUND-FLAT-S') product.stocked = true; // a service becomes stocked
      }
    });
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);

    // Each order gives back exactly what it reserved at checkout.
    const cancelled = await run('orders', 'cancel', first, '--yes');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect((await stock('WP480G')).reserved).toBe(3);
    expect((await stock('CLASSOUND-FLAT-S'))?.reserved ?? 0).toBe(0);
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);

    expect((await staff('orders', 'approve', second)).code).toBe(0);
    const shipped = await staff('orders', 'ship', second);
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(await stock('WP480G')).toMatchObject({ reserved: 0, onHand: 82 });
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);
    expect((await run('orders', 'cancel', second, '--yes')).code).toBe(1); // shipped: INVALID_STATE, not 70
  });

  it('an order placed after the flip reserves by the new catalog; one placed before still releases', async () => {
    const before = await place(['CLASSOUND-FLAT-S=2']);
    await reloadCatalog((catalog) => {
      for (const product of catalog.products) if (product.sku === 'CLASSOUND-FLAT-S') product.stocked = true;
    });
    const after = await place(['CLASSOUND-FLAT-S=5']);
    expect((await stock('CLASSOUND-FLAT-S')).reserved).toBe(5);
    expect((await run('orders', 'cancel', before, '--yes')).code).toBe(0);
    expect((await stock('CLASSOUND-FLAT-S')).reserved).toBe(5);
    expect((await run('orders', 'cancel', after, '--yes')).code).toBe(0);
    expect((await stock('CLASSOUND-FLAT-S')).reserved).toBe(0);
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);
  });

  it('renaming and dropping ordered products keeps the orders and their names', async () => {
    const id = await place(['DUOLED=2', 'MONOLED=3']);
    await reloadCatalog((catalog) => {
      catalog.products = catalog.products.filter((p) => p.sku !== 'MONOLED');
      for (const product of catalog.products) if (product.sku === 'DUOLED') product.name = 'DuoLED Headset (2027 model)';
    });
    const shown = (await run('orders', 'show', id)).json();
    expect(shown.lines.map((l: { name: string }) => l.name)).toEqual(['DuoLED Headset', 'MonoLED Headset']);
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);
    expect((await run('orders', 'cancel', id, '--yes')).code).toBe(0);
    expect((await stock('MONOLED'))?.reserved ?? 0).toBe(0);
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);
  });
});

describe('an order waiting for stock when its product stops being stocked', () => {
  it('can still be shipped: the devices it reserved can be recorded as delivered', async () => {
    const id = await place(['MONOLED=5']); // 0 on hand: a backorder
    expect((await staff('orders', 'approve', id)).code).toBe(0);
    await reloadCatalog((catalog) => {
      for (const product of catalog.products) if (product.sku === 'MONOLED') product.stocked = false;
    });
    expect((await staff('stock', 'set', 'MONOLED', '5')).code).toBe(0);
    expect((await staff('orders', 'ship', id)).code).toBe(0);
    expect((await staff('stock', 'set', 'MONOLED', '7')).code).toBe(1); // nothing reserved any more: a service now
    expect((await run('--as', 'USR-101', 'db', 'check')).json().ok).toBe(true);
  });
});
