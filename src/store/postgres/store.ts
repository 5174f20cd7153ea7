import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RefusedError } from '../../errors.js';
import type { StoreMode, User } from '../../domain/kernel/model.js';
import type { Repositories, SessionIdentity, Store, StoreCheck, StoreInfo, WriteOptions } from '../../domain/kernel/port.js';
import type { SqlDriver } from '../sql/driver.js';
import { SqlParties } from '../sql/parties.js';
import { ORDER_INVARIANTS, RESERVATION_MISMATCHES, sqlRepositories } from '../sql/repositories.js';
import { RETRYABLE, postgresFailure } from './failures.js';
import { connectionConfig } from './location.js';
import { ALL_FUNCTIONS, MIGRATIONS, PARTNER_FUNCTIONS, PARTNER_WRITES, SCHEMA_VERSION, STAFF_FUNCTIONS, TRIGGER_FUNCTIONS } from './schema.js';
import { ADMIN_USER } from '../../domain/parties/users.js';

const { Client, escapeIdentifier: ident, escapeLiteral: literal } = pg;

/** `date` columns come back as the `YYYY-MM-DD` text they are, never as a JS Date in some time zone. */
const DATE_OID = 1082;
const TYPES = { getTypeParser: ((oid: number, format?: string) => (oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser };

/** `?` placeholders as PostgreSQL's `$1, $2…` (the shared SQL has no `?` inside quotes). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PgDriver implements SqlDriver {
  /** Rows are locked one by one: a transaction holds what it will change. */
  readonly forUpdate = ' FOR UPDATE';
  constructor(
    private readonly client: pg.Client,
    private readonly where: string,
  ) {}

  private async query<R>(sql: string, params: readonly unknown[]): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
    try {
      return await this.client.query<R & pg.QueryResultRow>(numbered(sql), params as unknown[]);
    } catch (error) {
      if (RETRYABLE.has((error as { code?: string }).code ?? '')) throw error; // write() runs the transaction again
      throw postgresFailure(error, this.where) ?? error;
    }
  }

  async all<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.query<R>(sql, params)).rows;
  }

  async get<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.query<R>(sql, params)).rows[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  flag(value: boolean): boolean {
    return value;
  }

  /** Through a function: a partner's login writes no counter. */
  async nextNumber(counter: string): Promise<number> {
    const row = await this.get<{ value: unknown }>('SELECT hwaas_next_id(?) AS value', [counter]);
    if (!row || row.value === null) throw new Error(`no counter ${counter}`);
    return Number(row.value);
  }

  /** Through a function that checks the row exists (and, for a partner's login, is its own): no one moves a counter to a number of choice. */
  async raiseCounter(counter: string, _n: number, id: string): Promise<void> {
    await this.run('SELECT hwaas_raise_counter(?, ?)', [counter, id]);
  }

  /** Recomputed from the open orders' lines, through a function: a partner's login does not write stock (the order's status changed first). */
  async adjustReserved(sku: string): Promise<void> {
    await this.run('SELECT hwaas_sync_reserved(?)', [sku]);
  }
}

/** A store's group roles are named after it, so that two stores in one cluster never share a name or a right. */
const groupRole = (storeId: string, kind: 'staff' | 'partner') => `hwaas_${storeId}_${kind}`;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Users of a PostgreSQL store are login roles: adding a user makes its role, disabling
 * it stops its login (in the same transaction). Staff logins cannot create or alter
 * roles themselves: two functions of the store's owner do it for them (schema.ts).
 * On a copy of another store's database the logins are that store's: they are not
 * touched until `init` gives the copy logins of its own.
 */
class PgParties extends SqlParties {
  constructor(
    private readonly driver: PgDriver,
    private readonly copyOf: string | null,
  ) {
    super(driver);
  }

  private refuseOnCopy(): void {
    if (this.copyOf !== null) {
      throw new RefusedError(
        'INVALID_STATE',
        `this database is a copy of the store in the database ${this.copyOf}, and its logins are that store's: run \`hwaas init\` on it as its owner to give it logins of its own, then add, disable or enable users.`,
      );
    }
  }

  override async insertUser(user: User): Promise<void> {
    this.refuseOnCopy();
    await super.insertUser(user);
    await this.createLogin(user);
  }

  override async setDisabled(id: string, disabledAt: string | null): Promise<void> {
    this.refuseOnCopy();
    await super.setDisabled(id, disabledAt);
    await this.driver.run('SELECT hwaas_set_login(?, ?)', [id, disabledAt === null]);
  }

  /** The user's login role (made if the cluster has none of that name), in its group, recorded on the user. */
  async createLogin(user: User): Promise<void> {
    await this.driver.run('SELECT hwaas_create_login(?)', [user.id]);
  }
}

/** What a database holds: nothing yet (0), another program's tables (null), or a store of a schema version, and whether it is a copy. */
interface Found {
  readonly version: number | null;
  /** The database the store was made in, when this one is a copy of it (CREATE DATABASE … TEMPLATE, a restored dump). */
  readonly copyOf: string | null;
}

/** The shared store: one PostgreSQL database, many people, each a login role; row-level security per partner. */
export class PostgresStore implements Store {
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
  private readonly sql: PgDriver;
  private writing = false;

  private constructor(
    private readonly client: pg.Client,
    readonly url: string,
    readonly where: string,
    schemaVersion: number,
    copyOf: string | null,
  ) {
    this.sql = new PgDriver(client, where);
    const repositories = sqlRepositories(this.sql);
    ({
      settings: this.settings,
      tokens: this.tokens,
      catalog: this.catalog,
      pricebooks: this.pricebooks,
      resale: this.resale,
      quotes: this.quotes,
      customers: this.customers,
      pbxs: this.pbxs,
      orders: this.orders,
      invoices: this.invoices,
      agreements: this.agreements,
      stock: this.stock,
      services: this.services,
    } = repositories);
    this.parties = new PgParties(this.sql, copyOf);
    this.info = { backend: 'postgres', location: where, schemaVersion };
  }

  /** Connects; `sslmode=prefer` (libpq's default) tries TLS, and a server without it gets a plain connection. */
  private static async connect(url: string, env: Env): Promise<{ client: pg.Client; where: string }> {
    const { config, preferTls, where } = connectionConfig(url, env);
    const attempt = async (ssl: pg.ClientConfig['ssl']) => {
      const client = new Client({ ...config, ssl, types: TYPES });
      client.on('error', () => {}); // a dropped connection fails the query in progress; no stray exception
      try {
        await client.connect();
      } catch (error) {
        // A refused or half-made connection still holds its socket: without this, a server
        // that keeps it open would keep hwaas from exiting.
        await client.end().catch(() => {});
        throw error;
      }
      return client;
    };
    try {
      try {
        return { client: await attempt(config.ssl), where };
      } catch (error) {
        if (!preferTls || !/does not support SSL/i.test((error as Error).message)) throw error;
        return { client: await attempt(false), where };
      }
    } catch (error) {
      throw postgresFailure(error, where) ?? error;
    }
  }

  private static async found(client: pg.Client): Promise<Found> {
    const row = (
      await client.query<{ settings: string | null; tables: string; database: string }>(
        "SELECT to_regclass('public.settings')::text AS settings, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')::text AS tables, current_database() AS database",
      )
    ).rows[0]!;
    if (row.settings === null) return { version: Number(row.tables) === 0 ? 0 : null, copyOf: null };
    const settings = new Map((await client.query<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key IN ('schema_version', 'database')")).rows.map((r) => [r.key, r.value]));
    const version = settings.get('schema_version');
    const made = settings.get('database');
    return { version: version === undefined ? null : Number(version), copyOf: made !== undefined && made !== row.database ? made : null };
  }

  /** Connects and reads what the database holds; a login that may not read it is refused, and the connection closed. */
  private static async connectAndFind(url: string, env: Env): Promise<{ client: pg.Client; where: string; found: Found }> {
    const { client, where } = await PostgresStore.connect(url, env);
    try {
      return { client, where, found: await PostgresStore.found(client) };
    } catch (error) {
      const refused = await PostgresStore.refusedLogin(client, error, where).catch(() => error);
      await client.end().catch(() => {});
      throw refused;
    }
  }

  static async open(url: string, env: Env): Promise<PostgresStore> {
    const { client, where, found } = await PostgresStore.connectAndFind(url, env);
    try {
      const { version } = found;
      if (version === null) throw new RefusedError('NO_STORE', `the database ${where} holds tables of another program, not an hwaas store.`);
      if (version === 0) throw new RefusedError('NO_STORE', `no store in the database ${where}.`, { hint: { kind: 'init' } });
      if (version > SCHEMA_VERSION) {
        throw new RefusedError('STORE_TOO_NEW', `the store at ${where} has schema version ${version}, newer than this hwaas knows (${SCHEMA_VERSION}): upgrade hwaas; the store was left untouched.`);
      }
      if (version < SCHEMA_VERSION) {
        throw new RefusedError('STORE_TOO_OLD', `the store at ${where} has schema version ${version}, older than this hwaas (${SCHEMA_VERSION}): its owner brings it up to date with \`hwaas init\`.`);
      }
      return new PostgresStore(client, url, where, version, found.copyOf);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** A login that may not read the store's tables is not one of its users. */
  private static async refusedLogin(client: pg.Client, error: unknown, where: string): Promise<unknown> {
    if ((error as { code?: string }).code !== '42501') return postgresFailure(error, where) ?? error;
    const login = (await client.query<{ login: string }>('SELECT current_user::text AS login')).rows[0]!.login;
    return new RefusedError('NOT_ALLOWED', `the database login ${login} is not a user of the store at ${where}: connect as your own login, or ask the store's administrator to add you.`);
  }

  /** What `init` finds in the database: nothing yet, an hwaas store, or another program's tables. */
  static async identify(url: string, env: Env): Promise<'none' | 'store' | 'other'> {
    const { client, found } = await PostgresStore.connectAndFind(url, env);
    await client.end().catch(() => {});
    return found.version === null ? 'other' : found.version === 0 ? 'none' : 'store';
  }

  /**
   * Creates or migrates the store, under an advisory lock so that two inits at once do
   * not race: schema, the store's roles and rights, and the role running it as owner
   * (it acts as the first staff user). `fresh`: drops the store first (and only it),
   * never one of a newer schema. On a copy of another store's database, init gives the
   * copy an identity and logins of its own.
   */
  static async create(url: string, env: Env, fresh: boolean): Promise<{ store: PostgresStore; from: number; to: number }> {
    const { client, where } = await PostgresStore.connect(url, env);
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('hwaas schema'))");
      let found = await PostgresStore.found(client);
      if (found.version === null) throw new RefusedError('INVALID_STATE', `the database ${where} holds tables of another program: give hwaas a database of its own.`);
      if (found.version > SCHEMA_VERSION) {
        throw new RefusedError(
          'STORE_TOO_NEW',
          `the store at ${where} has schema version ${found.version}, newer than this hwaas knows (${SCHEMA_VERSION}): upgrade hwaas; the store was left untouched.`,
        );
      }
      const keptId = fresh ? await PostgresStore.drop(client) : null;
      if (fresh) found = await PostgresStore.found(client);
      const from = found.version!;
      for (let version = from; version < SCHEMA_VERSION; version++) await client.query(MIGRATIONS[version]!);
      await client.query("INSERT INTO settings (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(SCHEMA_VERSION)]);
      const copied = found.copyOf !== null;
      const original = copied ? ((await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]?.value ?? null) : null;
      if (copied) {
        // A copy keeps its data and gets a new identity: its own group roles, logins and owner.
        await client.query("UPDATE settings SET value = $1 WHERE key = 'store_id'", [randomBytes(4).toString('hex')]);
        await client.query("UPDATE settings SET value = current_user WHERE key = 'owner_role'");
        await client.query('UPDATE users SET db_role = NULL');
      }
      await client.query(
        "INSERT INTO settings (key, value) VALUES ('store_id', $1), ('owner_role', current_user), ('database', current_database()) ON CONFLICT (key) DO UPDATE SET value = CASE WHEN settings.key = 'database' THEN excluded.value ELSE settings.value END",
        [keptId ?? randomBytes(4).toString('hex')],
      );
      const storeId = (await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]!.value;
      await PostgresStore.grant(client, storeId);
      // The role that ran init owns the store and acts as its first staff user.
      await client.query(
        'INSERT INTO users (id, email, name, role, partner_id, db_role) VALUES ($1, $2, $3, $4, NULL, current_user) ON CONFLICT (id) DO UPDATE SET db_role = CASE WHEN users.db_role IS NULL THEN current_user ELSE users.db_role END',
        [ADMIN_USER.id, ADMIN_USER.email, ADMIN_USER.name, ADMIN_USER.role],
      );
      if (copied) {
        for (const row of (await client.query<{ id: string }>('SELECT id FROM users WHERE db_role IS NULL ORDER BY id')).rows) await client.query('SELECT hwaas_create_login($1)', [row.id]);
        // The original's groups keep nothing here (the copied tables and functions carried their grants).
        const database = ident((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db);
        for (const kind of ['staff', 'partner'] as const) {
          const role = original ? groupRole(original, kind) : null;
          if (role && (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount) {
            await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident(role)}`);
            await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ident(role)}`);
            await client.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${ident(role)}`);
            await client.query(`REVOKE ALL ON DATABASE ${database} FROM ${ident(role)}`);
          }
        }
      }
      await client.query('COMMIT');
      return { store: new PostgresStore(client, url, where, SCHEMA_VERSION, null), from, to: SCHEMA_VERSION };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === '42501' && /schema public|database/i.test((error as Error).message)) {
        throw new RefusedError(
          'NOT_ALLOWED',
          `the database login may not create tables in ${where}: run \`hwaas init\` as the database's owner (createdb --owner ROLE), a role with CREATEROLE; it becomes the store's owner.`,
        );
      }
      throw postgresFailure(error, where) ?? error;
    }
  }

  /** The group roles, their rights, and who may connect. Run at every init, so new tables get their grants. */
  private static async grant(client: pg.Client, storeId: string): Promise<void> {
    const staff = ident(groupRole(storeId, 'staff'));
    const partner = ident(groupRole(storeId, 'partner'));
    for (const role of [groupRole(storeId, 'staff'), groupRole(storeId, 'partner')]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount === 0) {
        try {
          await client.query(`CREATE ROLE ${ident(role)} NOLOGIN`);
        } catch (error) {
          if ((error as { code?: string }).code === '42501') {
            throw new RefusedError('NOT_ALLOWED', "the database login cannot create roles: run `hwaas init` as a role with CREATEROLE (or a superuser); it becomes the store's owner.");
          }
          throw error;
        }
      }
    }
    const database = ident((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db);
    await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    // CONNECT only: a temporary table named like a store table would come first in a
    // session's search path (before public) for anything that does not name its schema.
    await client.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM ${staff}, ${partner}`);
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${staff}, ${partner}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${staff}, ${partner}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${partner}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${staff}`);
    // What only the owner (init, db copy) writes: the store's settings and identity, its
    // counters, a user's login (staff import price books, so they write the catalog). A staff login that could write settings could
    // point the login functions at another store of the cluster.
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON settings, counters, users FROM ${staff}`);
    await client.query(`GRANT INSERT (id, email, name, role, partner_id), UPDATE (email, name, disabled_at) ON users TO ${staff}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${staff}, ${partner}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${partner}`);
    for (const [table, rights] of PARTNER_WRITES) await client.query(`GRANT ${rights} ON ${ident(table)} TO ${partner}`);
    // db check adds up the whole store (staff run it): the same rules as SQLite's, run
    // as the owner, saying only what does not add up.
    await client.query(`CREATE OR REPLACE FUNCTION hwaas_check() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $check$
        SELECT 'stock: ' || sku || ' has ' || reserved || ' reserved, but open orders hold ' || expected FROM (${RESERVATION_MISMATCHES}) AS mismatch
        UNION ALL SELECT problem FROM (${ORDER_INVARIANTS}) AS invariant
      $check$`);
    // Functions run for PUBLIC unless told otherwise: only the store's roles call its own.
    await client.query(`REVOKE EXECUTE ON FUNCTION ${[...PARTNER_FUNCTIONS, ...STAFF_FUNCTIONS, ...TRIGGER_FUNCTIONS].join(', ')} FROM PUBLIC`);
    await client.query(`GRANT EXECUTE ON FUNCTION ${PARTNER_FUNCTIONS.join(', ')} TO ${staff}, ${partner}`);
    await client.query(`GRANT EXECUTE ON FUNCTION ${STAFF_FUNCTIONS.join(', ')} TO ${staff}`);
  }

  /**
   * Drops this store's tables and functions (`init --force`), nothing else of the
   * database or the cluster. Its identity and its login roles stay (they may carry
   * passwords; a copy of the database may use them): the rebuilt store reuses them.
   */
  private static async drop(client: pg.Client): Promise<string | null> {
    const { version } = await PostgresStore.found(client);
    if (version === null || version === 0) return null;
    const storeId = (await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]?.value ?? null;
    await client.query(
      'DROP TABLE IF EXISTS tokens, rmas, cancellation_lines, cancellations, term_changes, quotes, resale_rules, price_book_lines, price_books, order_events, order_lines, orders, agreements, invoices, stock, prices, products, pbxs, customers, users, partners, counters, settings CASCADE',
    );
    await client.query(`DROP FUNCTION IF EXISTS ${ALL_FUNCTIONS.join(', ')} CASCADE`);
    return storeId;
  }

  async session(): Promise<SessionIdentity> {
    const row = await this.sql.get<{ login: string; id: string | null; owner: boolean }>(
      "SELECT current_user::text AS login, (SELECT id FROM users WHERE db_role = current_user::text) AS id, current_user::text = (SELECT value FROM settings WHERE key = 'owner_role') AS owner",
    );
    const user = row?.id ? await this.parties.user(row.id) : null;
    return { login: row!.login, user, mayActAsAnyone: row!.owner || user?.role === 'staff' };
  }

  async write<T>(work: (tx: Repositories) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    if (this.writing) throw new Error('a write transaction is already open on this store');
    this.writing = true;
    try {
      // Checkout locks what it changes (an atomic UPDATE of the stock row; a compare-and-set
      // of the order's status); a serialization failure or a deadlock runs it again, unseen.
      for (let attempt = 1; ; attempt++) {
        await this.sql.run('BEGIN');
        // An exclusive write (init's seed) waits for any other: two inits do not both load the demo.
        if (options.exclusive) await this.sql.run("SELECT pg_advisory_xact_lock(hashtext('hwaas exclusive'))");
        try {
          const result = await work(this);
          await this.sql.run('COMMIT');
          return result;
        } catch (error) {
          await this.client.query('ROLLBACK').catch(() => {});
          if (!RETRYABLE.has((error as { code?: string }).code ?? '') || attempt >= 8) throw postgresFailure(error, this.info.location) ?? error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** One consistent snapshot (REPEATABLE READ, read only) while others write. */
  async snapshot<T>(read: (sql: SqlDriver) => Promise<T>): Promise<T> {
    await this.sql.run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await read(this.sql);
    } finally {
      await this.client.query('COMMIT').catch(() => {});
    }
  }

  /**
   * After a copy: the identities move past the copied rows, the role running the copy
   * is the store's administrator (as after init), and every other user gets its login.
   */
  async finishCopy(sql: SqlDriver): Promise<number> {
    // Order and agreement numbers come from the counters (copied); events still from a sequence.
    await sql.run("SELECT setval(pg_get_serial_sequence('order_events', 'id'), COALESCE((SELECT MAX(id) FROM order_events), 0) + 1, false)");
    let added = 0;
    if ((await sql.run('UPDATE users SET db_role = current_user WHERE id = ?', [ADMIN_USER.id])) === 0) {
      await sql.run('INSERT INTO users (id, email, name, role, partner_id, db_role) VALUES (?, ?, ?, ?, NULL, current_user)', [ADMIN_USER.id, ADMIN_USER.email, ADMIN_USER.name, ADMIN_USER.role]);
      added = 1;
    }
    for (const user of await this.parties.users()) {
      if (user.dbRole) continue;
      await this.parties.createLogin(user);
      // A user disabled in the source stays disabled here, its login too.
      if (user.disabledAt) await sql.run('SELECT hwaas_set_login(?, false)', [user.id]);
    }
    return added;
  }

  async mode(): Promise<StoreMode> {
    return (await this.settings.get('mode')) === 'sandbox' ? 'sandbox' : 'live';
  }

  async check(): Promise<StoreCheck> {
    // The server keeps the file sound and the foreign keys enforced; the rows must still add up.
    const rows = await this.sql.all<{ problem: string }>('SELECT hwaas_check() AS problem');
    return { damage: [], problems: rows.map((r) => r.problem) };
  }

  async backup(path: string): Promise<void> {
    const { copyStore } = await import('../copy.js');
    const { SqliteStore } = await import('../sqlite/store.js');
    const target = SqliteStore.create(path, false).store;
    try {
      await copyStore(this, target);
    } finally {
      await target.close();
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }

  /** For the copy: the underlying connection's driver. */
  get driver(): SqlDriver {
    return this.sql;
  }

  /** Quotes a role for SQL that the caller builds (tests, the benchmark). */
  static quote(text: string): string {
    return literal(text);
  }
}
