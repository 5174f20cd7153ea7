import { lstatSync, rmSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { HwaasError, UsageError } from '../../errors.js';
import type { StoreMode } from '../../domain/kernel/model.js';
import type { Repositories, Store, StoreCheck, StoreInfo, WriteOptions } from '../../domain/kernel/port.js';
import { type SqlDriver, portable } from '../sql/driver.js';
import { ORDER_INVARIANTS, RESERVATION_MISMATCHES, sqlRepositories } from '../sql/repositories.js';
import { connect, type Db, openExisting, openOrCreate, rebuild } from './db.js';
import { APPLICATION_ID, type StoreFile, inspectStoreFile, storeCompanions } from './file.js';
import { sqliteFailure } from './failures.js';

/** Deletes a damaged store's files; refuses when one of them is not a regular file (a folder named like the -wal, say). */
function removeCompanions(path: string): void {
  for (const file of storeCompanions(path)) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) throw new UsageError(`${file} is not a regular file: hwaas deletes only the store's own files; move it away and run init again.`, 'NOT_A_STORE');
  }
  for (const file of storeCompanions(path)) rmSync(file, { force: true });
}

/** A failure of SQLite that is the environment's (full disk, damage, a lock held too long) as one sentence; else as it was. */
function translate(error: unknown, path: string): unknown {
  if (error instanceof Error && error.name === 'SqliteError') return sqliteFailure((error as { code?: string }).code ?? '', error.message, path) ?? error;
  return error;
}

/** better-sqlite3 behind the asynchronous driver of the shared repositories; statements are prepared once. */
class SqliteDriver implements SqlDriver {
  /** A write transaction (BEGIN IMMEDIATE) holds the whole file: no row needs holding. */
  readonly forUpdate = '';
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    private readonly path: string,
  ) {}

  private statement(sql: string): Statement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    return statement;
  }

  private call<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(translate(error, this.path));
    }
  }

  all<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.call(() => this.statement(sql).all(...params) as R[]);
  }

  get<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return this.call(() => this.statement(sql).get(...params) as R | undefined);
  }

  flag(value: boolean): number {
    return value ? 1 : 0;
  }

  nextNumber(counter: string, create?: boolean): Promise<number> {
    return portable.nextNumber(this, counter, create);
  }

  raiseCounter(counter: string, n: number): Promise<void> {
    return portable.raiseCounter(this, counter, n);
  }

  insertRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    return portable.insertRows(this, table, columns, rows);
  }

  adjustReserved(sku: string, qty: number): Promise<void> {
    return portable.adjustReserved(this, sku, qty);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.call(() => {
      const statement = this.statement(sql);
      // A statement with RETURNING must be read, not run.
      return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
    });
  }
}

/** The embedded store: one SQLite file (WAL), for one person; every write `BEGIN IMMEDIATE`. */
export class SqliteStore implements Store {
  readonly info: StoreInfo;
  readonly settings;
  readonly tokens;
  readonly catalog;
  readonly pricebooks;
  readonly resale;
  readonly quotes;
  readonly parties;
  readonly customers;
  readonly pbxs;
  readonly orders;
  readonly invoices;
  readonly agreements;
  readonly stock;
  readonly services;
  private writing = false;
  private readonly sqlDriver: SqliteDriver;

  private constructor(
    private readonly db: Db,
    readonly path: string,
  ) {
    this.sqlDriver = new SqliteDriver(db, path);
    const repositories = sqlRepositories(this.sqlDriver);
    ({
      settings: this.settings,
      tokens: this.tokens,
      catalog: this.catalog,
      pricebooks: this.pricebooks,
      resale: this.resale,
      quotes: this.quotes,
      parties: this.parties,
      customers: this.customers,
      pbxs: this.pbxs,
      orders: this.orders,
      invoices: this.invoices,
      agreements: this.agreements,
      stock: this.stock,
      services: this.services,
    } = repositories);
    this.info = { backend: 'sqlite', location: path, schemaVersion: Number(db.pragma('user_version', { simple: true })), defaultActor: 'setting' };
  }

  static open(path: string): SqliteStore {
    try {
      return new SqliteStore(openExisting(path), path);
    } catch (error) {
      throw translate(error, path);
    }
  }

  /** Creates (or, with `fresh`, recreates) and migrates; returns the schema versions before and after. */
  static create(path: string, fresh: boolean): { store: SqliteStore; from: number; to: number } {
    try {
      if (fresh) {
        if (SqliteStore.identify(path) !== 'store') throw new Error(`refusing to rebuild ${path}: not an hwaas store`); // init checks first
        try {
          const { db, migrated } = rebuild(path);
          return { store: new SqliteStore(db, path), ...migrated };
        } catch (error) {
          // Only a store too damaged to open is deleted and made anew, and only its own regular files.
          const failure = translate(error, path);
          if (!(failure instanceof HwaasError) || failure.code !== 'STORE_CORRUPT') throw failure;
          removeCompanions(path);
        }
      }
      const { db, migrated } = openOrCreate(path);
      return { store: new SqliteStore(db, path), ...migrated };
    } catch (error) {
      throw translate(error, path);
    }
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
    if (file.applicationId !== 0) return 'other';
    // A store of hwaas 0.1 (no application ID yet) is known by its tables; a SQLite file
    // with none at all (an init that was interrupted) is somewhere a store may be made.
    try {
      const db = connect(path, { readonly: true, fileMustExist: true });
      try {
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
        if (names.length === 0) return 'none';
        return ['settings', 'partners', 'orders', 'order_lines'].every((n) => names.includes(n)) ? 'store' : 'other';
      } finally {
        db.close();
      }
    } catch {
      return 'other';
    }
  }

  /** `BEGIN IMMEDIATE … COMMIT`: writers queue on the lock (busy_timeout) instead of failing to upgrade; every write is exclusive. */
  async write<T>(work: (tx: Repositories) => Promise<T>, _options?: WriteOptions): Promise<T> {
    if (this.writing) throw new Error('a write transaction is already open on this store');
    this.writing = true;
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.writing = false;
      throw translate(error, this.path);
    }
    try {
      const result = await work(this);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw translate(error, this.path);
    } finally {
      this.writing = false;
    }
  }

  /** A read transaction: in WAL mode it sees one snapshot while other processes write. */
  async snapshot<T>(read: (sql: SqlDriver) => Promise<T>): Promise<T> {
    this.db.exec('BEGIN');
    try {
      return await read(this.sqlDriver);
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  /** A SQLite file has no logins or sequences to set after a copy. */
  async finishCopy(): Promise<number> {
    return 0;
  }

  /** A file has no logins: who acts is named (--as) or the store's default user. */
  /** A file has no row-level security: the repositories' partner filter is the wall. */
  async confine(): Promise<void> {}

  async serverConnections(): Promise<null> {
    return null;
  }

  /** A file has no roles: a server works on it as its owner. */
  async serve(): Promise<void> {}

  async mode(): Promise<StoreMode> {
    return (await this.settings.get('mode')) === 'sandbox' ? 'sandbox' : 'live';
  }

  async check(): Promise<StoreCheck> {
    try {
      const damage = (this.db.pragma('integrity_check') as { integrity_check: string }[])
        .filter((r) => r.integrity_check !== 'ok')
        .flatMap((r) =>
          r.integrity_check
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        );
      if (damage.length > 0) return { damage, problems: [] };
      const problems: string[] = [];
      const foreign = this.db.pragma('foreign_key_check') as { table: string; rowid: bigint; parent: string }[];
      for (const row of foreign) problems.push(`foreign key: ${row.table} row ${row.rowid} points to a missing ${row.parent}`);
      const reserved = this.db.prepare(RESERVATION_MISMATCHES).all() as { sku: string; reserved: bigint; expected: bigint }[];
      for (const row of reserved) problems.push(`stock: ${row.sku} has ${row.reserved} reserved, but open orders hold ${row.expected}`);
      for (const row of this.db.prepare(ORDER_INVARIANTS).all() as { problem: string }[]) problems.push(row.problem);
      return { damage, problems };
    } catch (error) {
      throw translate(error, this.path);
    }
  }

  /**
   * An online, consistent copy (SQLite's backup API). The copy's disk filling up is a
   * file system failure of the copy, given back as one (ENOSPC) for the caller to name
   * the file the user asked for.
   */
  async backup(path: string): Promise<void> {
    try {
      await this.db.backup(path);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) throw Object.assign(new Error(`${code} while writing ${path}`), { code: 'ENOSPC', syscall: 'write', path });
      throw translate(error, this.path);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** For the copy between stores: the driver of this connection. */
  get driver(): SqlDriver {
    return this.sqlDriver;
  }

  /** For the benchmark and tests of the store itself: the open better-sqlite3 handle. */
  get handle(): Db {
    return this.db;
  }
}
