import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CatalogRepository } from './catalog.js';
import { CustomerRepository } from './customers.js';
import { type Db, openExisting, openOrCreate, writeTransaction } from './db.js';
import { APPLICATION_ID, type StoreFile, inspectStoreFile, storeCompanions } from './file.js';
import { LedgerRepository } from './ledger.js';
import { PartyRepository } from './parties.js';
import { PbxRepository } from './pbxs.js';
import { OrderRepository } from './orders.js';

/** One open store and its repositories. */
export class Store {
  readonly catalog: CatalogRepository;
  readonly parties: PartyRepository;
  readonly customers: CustomerRepository;
  readonly pbxs: PbxRepository;
  readonly ledger: LedgerRepository;
  readonly orders: OrderRepository;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.catalog = new CatalogRepository(db);
    this.parties = new PartyRepository(db);
    this.customers = new CustomerRepository(db);
    this.pbxs = new PbxRepository(db);
    this.ledger = new LedgerRepository(db);
    this.orders = new OrderRepository(db);
  }

  static open(path: string): Store {
    return new Store(openExisting(path), path);
  }

  /** Creates (or, with `fresh`, recreates) and migrates; returns the schema versions before and after. */
  static create(path: string, fresh = false): { store: Store; from: number; to: number } {
    if (fresh) {
      if (Store.identify(path) !== 'store') throw new Error(`refusing to delete ${path}: not an hwaas store`); // init checks first
      for (const file of storeCompanions(path)) rmSync(file, { force: true });
    }
    const { db, migrated } = openOrCreate(path);
    return { store: new Store(db, path), ...migrated };
  }

  static inspect(path: string): StoreFile {
    return inspectStoreFile(path);
  }

  /**
   * What is at a path: nothing (or an empty file) that a store may be made in, an
   * hwaas store, or something else that hwaas must never delete or write into.
   */
  static identify(path: string): 'none' | 'store' | 'other' {
    const file = inspectStoreFile(path);
    if (file.kind === 'missing' || file.kind === 'empty') return 'none';
    if (file.kind !== 'sqlite') return 'other';
    if (file.applicationId === APPLICATION_ID) return 'store';
    if (file.applicationId !== 0 || file.userVersion === 0) return 'other';
    // A store of hwaas 0.1 (no application ID yet): known by its tables.
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'partners', 'orders', 'order_lines')").pluck().all();
        return names.length === 4 ? 'store' : 'other';
      } finally {
        db.close();
      }
    } catch {
      return 'other';
    }
  }

  /** `BEGIN IMMEDIATE … COMMIT`: every write goes through here. */
  write<T>(fn: () => T): T {
    return writeTransaction(this.db, fn);
  }

  schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  /**
   * `damage`: the file itself is corrupt (restore a backup). `problems`: foreign keys
   * and stock reservations that do not add up. One line each; both empty when sound.
   */
  check(): { damage: string[]; problems: string[] } {
    const damage: string[] = [];
    const problems: string[] = [];
    const integrity = this.db.pragma('integrity_check') as { integrity_check: string }[];
    for (const row of integrity) if (row.integrity_check !== 'ok') damage.push(row.integrity_check);
    if (damage.length > 0) return { damage, problems };
    const foreign = this.db.pragma('foreign_key_check') as { table: string; rowid: bigint; parent: string }[];
    for (const row of foreign) problems.push(`foreign key: ${row.table} row ${row.rowid} points to a missing ${row.parent}`);
    // What each open order's lines recorded as reserved, against the stock rows (either side may lack a row).
    const reserved = this.db
      .prepare(
        `WITH held AS (
           SELECT l.sku, SUM(l.reserved_qty) AS expected FROM order_lines l
           JOIN orders o ON o.seq = l.order_seq AND o.status IN ('placed', 'approved')
           GROUP BY l.sku)
         SELECT s.sku, s.reserved, COALESCE(h.expected, 0) AS expected FROM stock s LEFT JOIN held h ON h.sku = s.sku
           WHERE s.reserved <> COALESCE(h.expected, 0)
         UNION ALL
         SELECT h.sku, 0, h.expected FROM held h WHERE h.expected <> 0 AND NOT EXISTS (SELECT 1 FROM stock s WHERE s.sku = h.sku)`,
      )
      .all() as { sku: string; reserved: bigint; expected: bigint }[];
    for (const row of reserved) problems.push(`stock: ${row.sku} has ${row.reserved} reserved, but open orders hold ${row.expected}`);
    return { damage, problems };
  }

  /** An online, consistent copy of the store (SQLite's backup API). */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
