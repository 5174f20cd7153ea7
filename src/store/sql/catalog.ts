import type { CatalogProduct, PriceKind, Product } from '../../domain/model.js';
import type { CatalogRepository } from '../../domain/port.js';
import type { Currency } from '../../terms/money.js';
import { type SqlDriver, flag, int, money } from './driver.js';

interface ProductRow {
  sku: string;
  name: string;
  category: string;
  hwaas: unknown;
  stocked: unknown;
  position: unknown;
}

const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  name: row.name,
  category: row.category,
  hwaas: flag(row.hwaas),
  stocked: flag(row.stocked),
  position: int(row.position),
});

const PRODUCT = 'SELECT sku, name, category, hwaas, stocked, position FROM products';

export class SqlCatalog implements CatalogRepository {
  constructor(
    private readonly sql: SqlDriver,
    /** How a boolean is written: 1/0 in SQLite, true/false in PostgreSQL. */
    private readonly bool: (value: boolean) => unknown,
  ) {}

  async replace(products: readonly CatalogProduct[]): Promise<void> {
    const keep = new Set(products.map((p) => p.sku));
    const existing = await this.sql.all<{ sku: string }>('SELECT sku FROM products');
    const referenced = new Set((await this.sql.all<{ sku: string }>('SELECT DISTINCT sku FROM order_lines')).map((r) => r.sku));
    for (const { sku } of existing) {
      if (!keep.has(sku) && !referenced.has(sku)) await this.sql.run('DELETE FROM products WHERE sku = ?', [sku]);
    }
    await this.sql.run('DELETE FROM prices');
    for (const product of products) {
      await this.sql.run(
        `INSERT INTO products (sku, name, category, hwaas, stocked, position) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
           hwaas = excluded.hwaas, stocked = excluded.stocked, position = excluded.position`,
        [product.sku, product.name, product.category, this.bool(product.hwaas), this.bool(product.stocked), product.position],
      );
      // A stocked product has a stock row; a service loses its row unless open orders still reserve it.
      if (product.stocked) await this.sql.run('INSERT INTO stock (sku) VALUES (?) ON CONFLICT (sku) DO NOTHING', [product.sku]);
      else await this.sql.run('DELETE FROM stock WHERE sku = ? AND reserved = 0', [product.sku]);
      for (const [currency, table] of Object.entries(product.prices)) {
        for (const [kind, amount] of Object.entries(table ?? {})) {
          if (amount !== undefined) await this.sql.run('INSERT INTO prices (sku, currency, kind, amount_minor) VALUES (?, ?, ?, ?)', [product.sku, currency, kind, amount]);
        }
      }
    }
  }

  async products(): Promise<Product[]> {
    return (await this.sql.all<ProductRow>(`${PRODUCT} ORDER BY position, sku`)).map(toProduct);
  }

  async product(sku: string): Promise<Product | null> {
    const row = await this.sql.get<ProductRow>(`${PRODUCT} WHERE sku = ?`, [sku]);
    return row ? toProduct(row) : null;
  }

  async prices(currency: Currency): Promise<Map<string, Partial<Record<PriceKind, bigint>>>> {
    const rows = await this.sql.all<{ sku: string; kind: PriceKind; amount_minor: unknown }>('SELECT sku, kind, amount_minor FROM prices WHERE currency = ?', [currency]);
    const out = new Map<string, Partial<Record<PriceKind, bigint>>>();
    for (const row of rows) {
      let table = out.get(row.sku);
      if (!table) out.set(row.sku, (table = {}));
      table[row.kind] = money(row.amount_minor);
    }
    return out;
  }
}
