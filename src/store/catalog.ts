import type { CatalogProduct, PriceKind, Product } from '../domain/model.js';
import type { Currency } from '../terms/money.js';
import type { Db } from './db.js';

interface ProductRow {
  sku: string;
  name: string;
  category: string;
  hwaas: bigint;
  stocked: bigint;
  position: bigint;
}

const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  name: row.name,
  category: row.category,
  hwaas: row.hwaas === 1n,
  stocked: row.stocked === 1n,
  position: Number(row.position),
});

export class CatalogRepository {
  constructor(private readonly db: Db) {}

  /** Replaces products and prices (stock rows of products that stay are kept). Call inside a write transaction. */
  replace(products: readonly CatalogProduct[]): void {
    const keep = new Set(products.map((p) => p.sku));
    const existing = this.db.prepare('SELECT sku FROM products').pluck().all() as string[];
    const referenced = new Set(this.db.prepare('SELECT DISTINCT sku FROM order_lines').pluck().all() as string[]);
    const removeProduct = this.db.prepare('DELETE FROM products WHERE sku = ?');
    for (const sku of existing) {
      if (!keep.has(sku) && !referenced.has(sku)) removeProduct.run(sku);
    }
    this.db.prepare('DELETE FROM prices').run();
    const upsert = this.db.prepare(
      `INSERT INTO products (sku, name, category, hwaas, stocked, position) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
         hwaas = excluded.hwaas, stocked = excluded.stocked, position = excluded.position`,
    );
    const price = this.db.prepare('INSERT INTO prices (sku, currency, kind, amount_minor) VALUES (?, ?, ?, ?)');
    const stock = this.db.prepare('INSERT INTO stock (sku) VALUES (?) ON CONFLICT (sku) DO NOTHING');
    const unstock = this.db.prepare('DELETE FROM stock WHERE sku = ? AND reserved = 0');
    for (const product of products) {
      upsert.run(product.sku, product.name, product.category, product.hwaas ? 1 : 0, product.stocked ? 1 : 0, product.position);
      if (product.stocked) stock.run(product.sku);
      else unstock.run(product.sku);
      for (const [currency, table] of Object.entries(product.prices)) {
        for (const [kind, amount] of Object.entries(table ?? {})) {
          if (amount !== undefined) price.run(product.sku, currency, kind, amount);
        }
      }
    }
  }

  products(): Product[] {
    return (this.db.prepare('SELECT sku, name, category, hwaas, stocked, position FROM products ORDER BY position, sku').all() as ProductRow[]).map(
      toProduct,
    );
  }

  product(sku: string): Product | null {
    const row = this.db.prepare('SELECT sku, name, category, hwaas, stocked, position FROM products WHERE sku = ?').get(sku) as
      | ProductRow
      | undefined;
    return row ? toProduct(row) : null;
  }

  /** Every price of one currency: sku → kind → minor units. */
  prices(currency: Currency): Map<string, Partial<Record<PriceKind, bigint>>> {
    const rows = this.db.prepare('SELECT sku, kind, amount_minor FROM prices WHERE currency = ?').all(currency) as {
      sku: string;
      kind: PriceKind;
      amount_minor: bigint;
    }[];
    const out = new Map<string, Partial<Record<PriceKind, bigint>>>();
    for (const row of rows) {
      let table = out.get(row.sku);
      if (!table) out.set(row.sku, (table = {}));
      table[row.kind] = row.amount_minor;
    }
    return out;
  }
}
