import type { Product, StockLevel } from '../kernel/model.js';
import type { ImportKindSpec } from './run.js';

interface StockRecord {
  readonly sku: string;
  readonly onHand: number;
}

interface StockEnv {
  readonly products: ReadonlyMap<string, Product>;
  readonly levels: Map<string, StockLevel>;
}

export const stockImport: ImportKindSpec<StockRecord, StockEnv> = {
  columns: [
    { name: 'sku', required: true, synonyms: ['product', 'product code', 'item', 'item code', 'article'] },
    { name: 'on_hand', required: true, synonyms: ['on hand', 'quantity', 'qty', 'stock', 'in stock'] },
  ],
  key: 'sku',
  staffOnly: true,
  async prepare(tx) {
    return { products: new Map((await tx.catalog.products()).map((p) => [p.sku, p])), levels: new Map((await tx.stock.list()).map((l) => [l.sku, l])) };
  },
  parse(row, env) {
    const sku = row.text('sku', true, (t) => t.trim().toUpperCase());
    const onHand = row.integer('on_hand', true, 0, 9_999_999);
    if (sku) {
      const product = env.products.get(sku);
      if (!product) {
        row.say('sku', `unknown SKU "${sku}" (the price list names every SKU)`);
        return null;
      }
      if (!product.stocked && (env.levels.get(sku)?.reserved ?? 0) === 0) {
        row.say('sku', `${sku} (${product.name}) is a service: it has no stock`);
        return null;
      }
    }
    if (!sku || onHand == null) return null;
    return { sku, onHand };
  },
  keyOf: (r) => r.sku,
  async apply(tx, env, _actor, batch, counts) {
    for (const { record } of batch) {
      const level = env.levels.get(record.sku);
      if (level && level.onHand === record.onHand) {
        counts.unchanged++;
        continue;
      }
      await tx.stock.setOnHand(record.sku, record.onHand);
      if (level) counts.updated++;
      else counts.created++;
    }
  },
};
