import { existsSync, rmSync } from 'node:fs';
import { CatalogRepository } from './catalog.js';
import { CustomerRepository } from './customers.js';
import { type Db, openExisting, openOrCreate, writeTransaction } from './db.js';
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
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    }
    const { db, migrated } = openOrCreate(path);
    return { store: new Store(db, path), ...migrated };
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }

  /** `BEGIN IMMEDIATE … COMMIT`: every write goes through here. */
  write<T>(fn: () => T): T {
    return writeTransaction(this.db, fn);
  }

  /** Integrity and foreign-key problems, one line each; empty when the store is sound. */
  check(): string[] {
    const problems: string[] = [];
    const integrity = this.db.pragma('integrity_check') as { integrity_check: string }[];
    for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(`integrity: ${row.integrity_check}`);
    const foreign = this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const row of foreign) problems.push(`foreign key: ${row.table} row ${row.rowid} points to a missing ${row.parent}`);
    const reserved = this.db
      .prepare(
        `SELECT s.sku, s.reserved, COALESCE(SUM(l.qty), 0) AS expected
         FROM stock s
         LEFT JOIN order_lines l ON l.sku = s.sku
           AND l.order_seq IN (SELECT seq FROM orders WHERE status IN ('placed', 'approved'))
         GROUP BY s.sku HAVING s.reserved <> expected`,
      )
      .all() as { sku: string; reserved: number; expected: number }[];
    for (const row of reserved) problems.push(`stock: ${row.sku} has ${row.reserved} reserved, but open orders hold ${row.expected}`);
    return problems;
  }

  /** An online, consistent copy of the store (SQLite's backup API). */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
