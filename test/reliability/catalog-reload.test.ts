import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/domain/data.js';
import { seedStore } from '../../src/domain/seed.js';
import { parseJsonText } from '../../src/domain/validate.js';
import { dataFile } from '../../src/paths.js';
import { cli, demoStore, openTestStore } from '../helpers.js';

// Attack: reload a catalog that flips products between stocked and not stocked (and
// renames and drops some) while orders are open. `orders cancel` said it released a
// reservation and did not, `db check` failed, and another cancel exited 70.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', '--json', ...args]);
const staff = (...args: string[]) => run('--as', 'USR-101', ...args);
const stock = async (sku: string) => (await run('stock', 'list')).json().find((s: { sku: string }) => s.sku === sku);

interface CatalogJson {
  products: { sku: string; name: string; stocked?: boolean }[];
}

/** What `hwaas init` does with data/catalog.json, with a catalog changed by `edit`. */
async function reloadCatalog(edit: (catalog: CatalogJson) => void): Promise<void> {
  const json = JSON.parse(readFileSync(dataFile('catalog.json'), 'utf8')) as CatalogJson;
  edit(json);
  const store = await openTestStore(db);
  try {
    await seedStore(store, readCatalog(parseJsonText('catalog.json', JSON.stringify(json))), null, '2026-11-24T10:00:00.000Z', 'sandbox', 'Europe/Rome');
  } finally {
    await store.close();
  }
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
