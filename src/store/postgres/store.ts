import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { RefusedError } from '../../errors.js';
import { type Scope, type StoreMode, scopedPartner } from '../../domain/kernel/model.js';
import type { Repositories, Store, StoreCheck, StoreInfo, WriteOptions } from '../../domain/kernel/port.js';
import { type SqlDriver, portable } from '../sql/driver.js';
import { SqlParties } from '../sql/parties.js';
import { ORDER_INVARIANTS, RESERVATION_MISMATCHES, sqlRepositories } from '../sql/repositories.js';
import { RETRYABLE, postgresFailure } from './failures.js';
import { connectionConfig } from './location.js';
import { EARLIER_FUNCTIONS, LOGINS_UNTIL, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { TABLES } from '../schema.js';
import { ADMIN_USER } from '../../domain/parties/users.js';

const { Client, escapeIdentifier: ident, escapeLiteral: literal } = pg;

/** `date` columns come back as the `YYYY-MM-DD` text they are, never as a JS Date in some time zone. */
const DATE_OID = 1082;
const TYPES = { getTypeParser: ((oid: number, format?: string) => (oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser };

/** A value in COPY's text format: \\N for null, t/f for a flag, the rest as text with its backslashes, tabs and line ends escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

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

  /** The counter's row is locked by its UPDATE until the transaction ends: numbers are handed out once, and never skip. */
  nextNumber(counter: string, create?: boolean): Promise<number> {
    return portable.nextNumber(this, counter, create);
  }

  raiseCounter(counter: string, n: number): Promise<void> {
    return portable.raiseCounter(this, counter, n);
  }

  /** An atomic add to the stock row; a SKU's first reservation makes its row, once, however many transactions try at the same moment. */
  async adjustReserved(sku: string, qty: number): Promise<void> {
    if ((await this.run('UPDATE stock SET reserved = reserved + ? WHERE sku = ?', [qty, sku])) === 0) {
      await this.run('INSERT INTO stock (sku, reserved) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET reserved = stock.reserved + excluded.reserved', [sku, qty]);
    }
  }

  /** COPY … FROM STDIN in text format: the rows as one stream, no statement per batch to parse. */
  async insertRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    if (rows.length === 0) return;
    const { from } = await import('pg-copy-streams');
    const text = `${rows.map((row) => row.map(copyText).join('\t')).join('\n')}\n`;
    try {
      // COPY FROM takes no row-level security: the owner, who sees every row ('*'), lifts it
      // from itself for the copy, in the copy's transaction, and forces it again after.
      await this.run(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      const stream = this.client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([text]), stream);
      await this.run(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    } catch (error) {
      throw postgresFailure(error, this.where) ?? error;
    }
  }

  /** Which rows the connection sees (row-level security): '*' all, a partner's ID its own, '' none; `local`: for the transaction open now (SET LOCAL). */
  async scope(value: string, local: boolean): Promise<void> {
    await this.run('SELECT set_config(?, ?, ?)', ['hwaas.scope', value, local]);
  }
}

/** How a server's connections log in: as the store's application role, which owns nothing. */
export interface ServerLogin {
  readonly user: string;
  readonly password: string;
}

/** A store's roles are named after it, so that two stores in one cluster never share a name or a right. */
const storeRole = (storeId: string, kind: 'staff' | 'partner' | 'app') => `hwaas_${storeId}_${kind}`;

/** The value of hwaas.scope for a scope: what row-level security lets through. */
const scopeSetting = (scope: Scope | null): string => (scope === null ? '' : (scopedPartner(scope) ?? '*'));

type Env = Readonly<Record<string, string | undefined>>;

/** What a database holds: nothing yet (0), another program's tables (null), or a store of a schema version, and whether it is a copy. */
interface Found {
  readonly version: number | null;
  /** The database the store was made in, when this one is a copy of it (CREATE DATABASE … TEMPLATE, a restored dump). */
  readonly copyOf: string | null;
}

/**
 * The shared store: one PostgreSQL database. Its owner connects (init, migrations, db
 * copy, db backup, and hwaas serve); the server works as the store's application role,
 * which owns nothing, and row-level security keeps each request to its partner's rows.
 */
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
  /** hwaas.scope of this connection: every transaction sets it again, for itself. */
  private scopeValue = '*';
  /** What the connection's own setting holds now (set at connect, and by confine). */
  private appliedScope = '*';
  /** The store's application role, once the connection works as it (a server's). */
  private appRole: string | null = null;

  private constructor(
    private readonly client: pg.Client,
    readonly url: string,
    readonly where: string,
    schemaVersion: number,
    private readonly env: Env,
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
    this.parties = new SqlParties(this.sql);
    this.info = { backend: 'postgres', location: where, schemaVersion, defaultActor: 'administrator' };
  }

  /** Connects; `sslmode=prefer` (libpq's default) tries TLS, and a server without it gets a plain connection. */
  private static async connect(url: string, env: Env, login: ServerLogin | null = null): Promise<{ client: pg.Client; where: string }> {
    const { config, preferTls, where } = connectionConfig(url, env);
    const attempt = async (ssl: pg.ClientConfig['ssl']) => {
      const client = new Client({ ...config, ...(login ? { user: login.user, password: login.password } : {}), ssl, types: TYPES });
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
  private static async connectAndFind(url: string, env: Env, login: ServerLogin | null = null): Promise<{ client: pg.Client; where: string; found: Found }> {
    const { client, where } = await PostgresStore.connect(url, env, login);
    try {
      // The owner sees every row (row-level security is forced on it too); a server narrows it per request.
      await client.query("SELECT set_config('hwaas.scope', '*', false)");
      return { client, where, found: await PostgresStore.found(client) };
    } catch (error) {
      const refused = await PostgresStore.refusedLogin(client, error, where).catch(() => error);
      await client.end().catch(() => {});
      throw refused;
    }
  }

  /** `login`: a server's connection, as the store's application role (`serverLogin`). */
  static async open(url: string, env: Env, login: ServerLogin | null = null): Promise<PostgresStore> {
    const { client, where, found } = await PostgresStore.connectAndFind(url, env, login);
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
      return new PostgresStore(client, url, where, version, env);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** A login that may not read the store's tables is not one of its users. */
  private static async refusedLogin(client: pg.Client, error: unknown, where: string): Promise<unknown> {
    if ((error as { code?: string }).code !== '42501') return postgresFailure(error, where) ?? error;
    const login = (await client.query<{ login: string }>('SELECT current_user::text AS login')).rows[0]!.login;
    return new RefusedError(
      'NOT_ALLOWED',
      `the database login ${login} may not read the store at ${where}: a PostgreSQL URL is for the store's owner; users reach a shared store through its server (\`hwaas auth login --server URL\`).`,
    );
  }

  /** What `init` finds in the database: nothing yet, an hwaas store, or another program's tables. */
  static async identify(url: string, env: Env): Promise<'none' | 'store' | 'other'> {
    const { client, found } = await PostgresStore.connectAndFind(url, env);
    await client.end().catch(() => {});
    return found.version === null ? 'other' : found.version === 0 ? 'none' : 'store';
  }

  /**
   * Creates or migrates the store, under an advisory lock so that two inits at once do
   * not race: schema, the store's application role and its rights, and the role running
   * it as owner (it acts as the store's administrator). `fresh`: drops the store first
   * (and only it), never one of a newer schema. A copy of another store's database gets
   * an identity (and an application role) of its own. A store of hwaas 0.4 loses its
   * users' database logins: `formerLogins` names the users who now need a token.
   */
  static async create(url: string, env: Env, fresh: boolean): Promise<{ store: PostgresStore; from: number; to: number; formerLogins: string[] }> {
    const { client, where } = await PostgresStore.connect(url, env);
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('hwaas schema'))");
      await client.query("SELECT set_config('hwaas.scope', '*', false)");
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
      const copied = found.copyOf !== null;
      const idBefore = from === 0 ? null : ((await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]?.value ?? null);
      // Users who reached the store with a login of their own (hwaas 0.4), before the migration forgets them.
      const logins =
        from > 0 && from <= LOGINS_UNTIL
          ? (await client.query<{ id: string; db_role: string }>('SELECT id, db_role FROM users WHERE db_role IS NOT NULL AND db_role <> current_user::text ORDER BY id')).rows
          : [];
      for (let version = from; version < SCHEMA_VERSION; version++) await client.query(MIGRATIONS[version]!);
      await client.query("INSERT INTO settings (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(SCHEMA_VERSION)]);
      if (copied) {
        // A copy keeps its data and gets an identity of its own: its own application role and owner.
        await client.query("UPDATE settings SET value = $1 WHERE key = 'store_id'", [randomBytes(4).toString('hex')]);
        await client.query("UPDATE settings SET value = current_user WHERE key = 'owner_role'");
      }
      await client.query(
        "INSERT INTO settings (key, value) VALUES ('store_id', $1), ('owner_role', current_user), ('database', current_database()) ON CONFLICT (key) DO UPDATE SET value = CASE WHEN settings.key = 'database' THEN excluded.value ELSE settings.value END",
        [keptId ?? randomBytes(4).toString('hex')],
      );
      const storeId = (await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]!.value;
      // No user but the owner's administrator reaches the store with a login.
      await client.query('UPDATE users SET db_role = NULL WHERE db_role IS NOT NULL AND id <> $1', [ADMIN_USER.id]);
      if (idBefore !== null)
        await PostgresStore.retireLogins(
          client,
          idBefore,
          copied,
          logins.map((l) => l.db_role),
        );
      await PostgresStore.grant(client, storeId);
      // The role that ran init owns the store and acts as its administrator.
      await client.query('INSERT INTO users (id, email, name, role, partner_id, db_role) VALUES ($1, $2, $3, $4, NULL, current_user) ON CONFLICT (id) DO UPDATE SET db_role = current_user', [
        ADMIN_USER.id,
        ADMIN_USER.email,
        ADMIN_USER.name,
        ADMIN_USER.role,
      ]);
      await client.query('COMMIT');
      return { store: new PostgresStore(client, url, where, SCHEMA_VERSION, env), from, to: SCHEMA_VERSION, formerLogins: logins.map((l) => l.id) };
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

  /**
   * hwaas 0.4's logins lose every right on this database: its staff and partner group
   * roles, and each user's login. Those named after this store are dropped where nothing
   * else in the cluster still holds them (a copy of the database may); a copy's are the
   * original store's, and keep their rights there.
   */
  private static async retireLogins(client: pg.Client, storeId: string, copied: boolean, logins: readonly string[]): Promise<void> {
    const database = ident((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db);
    const groups = [storeRole(storeId, 'staff'), storeRole(storeId, 'partner')];
    const existing = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])', [[...groups, ...logins]])).rows.map((r) => r.rolname));
    for (const role of [...groups, ...logins]) {
      if (!existing.has(role)) continue;
      const name = ident(role);
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${name}`);
      await client.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${name}`);
      await client.query(`REVOKE ALL ON SCHEMA public FROM ${name}`);
      await client.query(`REVOKE ALL ON DATABASE ${database} FROM ${name}`);
      if (copied || !role.startsWith(`hwaas_${storeId}_`)) continue;
      await client.query('SAVEPOINT retire');
      try {
        await client.query(`DROP ROLE ${name}`);
        await client.query('RELEASE SAVEPOINT retire');
      } catch {
        // Still granted something elsewhere in the cluster (another database made from this one): it keeps nothing here.
        await client.query('ROLLBACK TO SAVEPOINT retire');
      }
    }
  }

  /**
   * The store's application role and its rights; who may connect. Run at every init, so
   * new tables get their grants. The role logs in as no one: the owner's server takes it
   * on (SET ROLE), so that what it does is held by row-level security and owns nothing.
   */
  private static async grant(client: pg.Client, storeId: string): Promise<void> {
    const role = storeRole(storeId, 'app');
    const app = ident(role);
    if ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${app} NOLOGIN NOINHERIT`);
      } catch (error) {
        if ((error as { code?: string }).code === '42501') {
          throw new RefusedError('NOT_ALLOWED', "the database login cannot create roles: run `hwaas init` as a role with CREATEROLE (or a superuser); it becomes the store's owner.");
        }
        throw error;
      }
    }
    // The owner may take the role on; the role takes on nothing of the owner's.
    await client.query(`GRANT ${app} TO current_user`);
    const database = ident((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db);
    // A server's connections log in as it (so that no statement of theirs can become the owner's
    // again): its password is the store's, made once, readable by the owner and by the role.
    let password = (await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'app_password'")).rows[0]?.value;
    if (!password) {
      password = randomBytes(24).toString('base64url');
      await client.query("INSERT INTO settings (key, value) VALUES ('app_password', $1)", [password]);
    }
    await client.query(`ALTER ROLE ${app} LOGIN PASSWORD ${literal(password)}`);
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${app}`);
    await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    // The store's settings and identity are the owner's (init).
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON settings FROM ${app}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  }

  /**
   * Drops this store's tables (and the functions of earlier schemas) for `init --force`,
   * nothing else of the database or the cluster. Its identity and its application role
   * stay (a copy of the database may use them): the rebuilt store reuses them.
   */
  private static async drop(client: pg.Client): Promise<string | null> {
    const { version } = await PostgresStore.found(client);
    if (version === null || version === 0) return null;
    const storeId = (await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'store_id'")).rows[0]?.value ?? null;
    // Every table of the schema (and `prices`, an earlier schema's), newest first.
    const tables = [...TABLES.map((t) => t.name).reverse(), 'prices'];
    await client.query(`DROP TABLE IF EXISTS ${tables.join(', ')} CASCADE`);
    await client.query(`DROP FUNCTION IF EXISTS ${EARLIER_FUNCTIONS.join(', ')} CASCADE`);
    return storeId;
  }

  /** From now on the connection sees the rows of this scope (null: none), in every transaction. */
  async confine(scope: Scope | null): Promise<void> {
    this.scopeValue = scopeSetting(scope);
    if (this.appliedScope === this.scopeValue) return;
    await this.sql.scope(this.scopeValue, false);
    this.appliedScope = this.scopeValue;
  }

  /** How a server's connections log in: the application role and its password (the owner reads them). */
  async serverLogin(): Promise<ServerLogin | null> {
    const id = await this.settings.get('store_id');
    const password = await this.settings.get('app_password');
    return id && password ? { user: storeRole(id, 'app'), password } : null;
  }

  async serverConnections(): Promise<(() => Promise<PostgresStore>) | null> {
    const login = await this.serverLogin();
    return login ? () => PostgresStore.open(this.url, this.env, login) : null;
  }

  /** The connection works as the store's application role from now on (a server's), seeing nothing until a request confines it. */
  async serve(): Promise<void> {
    if (this.appRole !== null) return;
    const id = await this.settings.get('store_id');
    if (!id) throw new RefusedError('INVALID_STATE', `the store at ${this.info.location} has no identity: its owner runs \`hwaas init\` on it.`);
    try {
      // A connection that logged in as the role is it already; the owner's takes it on.
      const me = await this.sql.get<{ me: string }>('SELECT session_user::text AS me');
      if (me?.me !== storeRole(id, 'app')) await this.sql.run(`SET ROLE ${ident(storeRole(id, 'app'))}`);
    } catch (error) {
      throw new RefusedError('NOT_ALLOWED', `the store's application role cannot be taken on here (${(error as Error).message}): its owner runs \`hwaas init\`, then serves it with the owner's URL.`);
    }
    this.appRole = storeRole(id, 'app');
    await this.confine(null);
  }

  async write<T>(work: (tx: Repositories) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    if (this.writing) throw new Error('a write transaction is already open on this store');
    this.writing = true;
    try {
      // Checkout locks what it changes (an atomic UPDATE of the stock row; a compare-and-set
      // of the order's status); a serialization failure or a deadlock runs it again, unseen.
      for (let attempt = 1; ; attempt++) {
        await this.sql.run('BEGIN');
        // Row-level security for this transaction, whatever the connection was left with.
        await this.sql.scope(this.scopeValue, true);
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
      await this.sql.scope(this.scopeValue, true);
      return await read(this.sql);
    } finally {
      await this.client.query('COMMIT').catch(() => {});
    }
  }

  /**
   * After a copy: the identities move past the copied rows, and the role running the copy
   * is the store's administrator (as after init); no other user has a login.
   */
  async finishCopy(sql: SqlDriver): Promise<number> {
    // Order and agreement numbers come from the counters (copied); events still from a sequence.
    await sql.run("SELECT setval(pg_get_serial_sequence('order_events', 'id'), COALESCE((SELECT MAX(id) FROM order_events), 0) + 1, false)");
    await sql.run('UPDATE users SET db_role = NULL WHERE id <> ?', [ADMIN_USER.id]);
    if ((await sql.run('UPDATE users SET db_role = current_user WHERE id = ?', [ADMIN_USER.id])) > 0) return 0;
    await sql.run('INSERT INTO users (id, email, name, role, partner_id, db_role) VALUES (?, ?, ?, ?, NULL, current_user)', [ADMIN_USER.id, ADMIN_USER.email, ADMIN_USER.name, ADMIN_USER.role]);
    return 1;
  }

  async mode(): Promise<StoreMode> {
    return (await this.settings.get('mode')) === 'sandbox' ? 'sandbox' : 'live';
  }

  async check(): Promise<StoreCheck> {
    // The server keeps the file sound and the foreign keys enforced; the rows must still add up.
    return this.snapshot(async (sql) => {
      const reserved = await sql.all<{ sku: string; reserved: unknown; expected: unknown }>(RESERVATION_MISMATCHES);
      const invariants = await sql.all<{ problem: string }>(ORDER_INVARIANTS);
      return { damage: [], problems: [...reserved.map((r) => `stock: ${r.sku} has ${r.reserved} reserved, but open orders hold ${r.expected}`), ...invariants.map((r) => r.problem)] };
    });
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
