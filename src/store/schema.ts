/**
 * The schema of a store, declared once: every table with its columns (type and whether
 * it may be null), key, references and indexes, in an order that satisfies the
 * references. Each backend's migrations are written by hand in its own dialect (and a
 * shipped one is never edited); `test/schema.test.ts` reads the schema a migrated store
 * really has, on SQLite and on PostgreSQL, and holds it against this declaration. `db
 * copy` reads and writes the tables in this order, by these columns.
 */

/**
 * A column's type: `text`; `int` (a count, a position); `bigint` (an identity, a
 * counter, stock); `money` (minor units, bigint); `bool`; `date` (`YYYY-MM-DD`);
 * `timestamp` (ISO 8601 text). A `?` after it: the column may be null.
 */
export type ColumnType = 'text' | 'int' | 'bigint' | 'money' | 'bool' | 'date' | 'timestamp';
type Declared = ColumnType | `${ColumnType}?`;

export interface IndexSpec {
  /** Named where the name is part of the schema (an index made by CREATE INDEX); unnamed for a UNIQUE constraint. */
  readonly name?: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** Unique ignoring case (an e-mail): a collation in SQLite, an index on lower() in PostgreSQL. */
  readonly caseInsensitive?: boolean;
}

export interface TableSpec {
  readonly name: string;
  /** What one row is, for people ("price book"). */
  readonly noun: string;
  readonly key: readonly string[];
  /** An identity column, whose sequence a backend moves past the copied rows. */
  readonly identity?: string;
  readonly columns: Readonly<Record<string, Declared>>;
  /** `column` (or `a,b`) → `table(column)`. */
  readonly references?: Readonly<Record<string, string>>;
  readonly indexes?: readonly IndexSpec[];
}

export const TABLES: readonly TableSpec[] = [
  {
    name: 'settings',
    noun: 'setting',
    key: ['key'],
    columns: { key: 'text', value: 'text' },
  },
  {
    name: 'partners',
    noun: 'partner',
    key: ['id'],
    columns: {
      id: 'text',
      name: 'text',
      country: 'text',
      currency: 'text',
      area_manager_name: 'text',
      area_manager_email: 'text',
      tier: 'text',
      legal_name: 'text?',
      address: 'text?',
      vat: 'text?',
      email: 'text?',
      phone: 'text?',
      logo: 'text?',
      payment_terms: 'text?',
      footer: 'text?',
    },
  },
  {
    name: 'users',
    noun: 'user',
    key: ['id'],
    columns: { id: 'text', email: 'text', name: 'text', role: 'text', partner_id: 'text?', db_role: 'text?', disabled_at: 'timestamp?' },
    references: { partner_id: 'partners(id)' },
    indexes: [
      { columns: ['db_role'], unique: true },
      { columns: ['email'], unique: true, caseInsensitive: true },
    ],
  },
  {
    name: 'products',
    noun: 'product',
    key: ['sku'],
    columns: { sku: 'text', name: 'text', category: 'text', hwaas: 'bool', stocked: 'bool', position: 'int' },
  },
  {
    name: 'price_books',
    noun: 'price book',
    key: ['id'],
    columns: { id: 'bigint', tier: 'text', currency: 'text', valid_from: 'date', imported_at: 'timestamp?', imported_by: 'text?', source: 'text?' },
    references: { imported_by: 'users(id)' },
    indexes: [{ columns: ['tier', 'currency', 'valid_from'], unique: true }],
  },
  {
    name: 'price_book_lines',
    noun: 'price book line',
    key: ['book_id', 'sku'],
    columns: {
      book_id: 'bigint',
      sku: 'text',
      name: 'text',
      category: 'text',
      hwaas: 'bool',
      stocked: 'bool',
      position: 'int',
      capex_minor: 'money?',
      monthly_minor: 'money?',
      yearly_minor: 'money?',
      five_year_minor: 'money?',
    },
    references: { book_id: 'price_books(id)', sku: 'products(sku)' },
  },
  {
    name: 'stock',
    noun: 'stock level',
    key: ['sku'],
    columns: { sku: 'text', on_hand: 'bigint', reserved: 'bigint' },
    references: { sku: 'products(sku)' },
  },
  {
    name: 'counters',
    noun: 'counter',
    key: ['name'],
    columns: { name: 'text', value: 'bigint' },
  },
  {
    name: 'customers',
    noun: 'customer',
    key: ['id'],
    columns: {
      id: 'text',
      partner_id: 'text',
      name: 'text',
      search_key: 'text',
      country: 'text?',
      vat: 'text?',
      email: 'text?',
      created_at: 'timestamp',
      search_text: 'text',
      address: 'text?',
      contact: 'text?',
    },
    references: { partner_id: 'partners(id)' },
    indexes: [{ name: 'customers_by_partner', columns: ['partner_id', 'search_key', 'id'] }],
  },
  {
    name: 'pbxs',
    noun: 'PBX',
    key: ['id'],
    columns: { id: 'text', customer_id: 'text', name: 'text', type: 'text', license: 'text', activated_on: 'date', cancelled_on: 'date?' },
    references: { customer_id: 'customers(id)' },
    indexes: [{ name: 'pbxs_by_customer', columns: ['customer_id', 'id'] }],
  },
  {
    name: 'orders',
    noun: 'order',
    key: ['seq'],
    identity: 'seq',
    columns: {
      seq: 'bigint',
      partner_id: 'text',
      customer_id: 'text',
      pbx_id: 'text',
      term: 'text',
      status: 'text',
      currency: 'text',
      start_on: 'date?',
      end_on: 'date?',
      period_start: 'date?',
      days: 'int?',
      period_days: 'int?',
      total_minor: 'money?',
      renewal_total_minor: 'money?',
      created_at: 'timestamp',
      created_by: 'text',
      placed_at: 'timestamp?',
      warnings: 'text',
      saved_total_minor: 'money?',
      source: 'text?',
      quote_number: 'text?',
    },
    references: { partner_id: 'partners(id)', customer_id: 'customers(id)', pbx_id: 'pbxs(id)', created_by: 'users(id)' },
    indexes: [
      { name: 'orders_by_partner', columns: ['partner_id', 'seq'] },
      { name: 'orders_by_pbx', columns: ['pbx_id', 'status'] },
    ],
  },
  {
    name: 'order_lines',
    noun: 'order line',
    key: ['order_seq', 'line_no'],
    columns: {
      order_seq: 'bigint',
      line_no: 'int',
      sku: 'text',
      name: 'text',
      qty: 'int',
      price_override: 'money?',
      unit_price_minor: 'money?',
      amount_minor: 'money?',
      renewal_minor: 'money?',
      reserved_qty: 'int',
      list_price_minor: 'money?',
      resale_unit_minor: 'money?',
      resale_renewal_minor: 'money?',
      serials: 'text?',
    },
    references: { order_seq: 'orders(seq)', sku: 'products(sku)' },
  },
  {
    name: 'order_events',
    noun: 'order event',
    key: ['id'],
    identity: 'id',
    columns: { id: 'bigint', order_seq: 'bigint', at: 'timestamp', by_user: 'text', from_status: 'text?', to_status: 'text', acted_by: 'text?' },
    references: { order_seq: 'orders(seq)', by_user: 'users(id)', acted_by: 'users(id)' },
    indexes: [{ name: 'order_events_by_order', columns: ['order_seq', 'id'] }],
  },
  {
    name: 'agreements',
    noun: 'agreement',
    key: ['seq'],
    identity: 'seq',
    columns: { seq: 'bigint', customer_id: 'text', signed_on: 'date', file: 'text?', created_at: 'timestamp', created_by: 'text' },
    references: { customer_id: 'customers(id)', created_by: 'users(id)' },
    indexes: [{ name: 'agreements_by_customer', columns: ['customer_id'] }],
  },
  {
    name: 'invoices',
    noun: 'invoice',
    key: ['number'],
    columns: { number: 'text', partner_id: 'text', amount_minor: 'money', currency: 'text', issued_on: 'date', due_on: 'date', paid_on: 'date?' },
    references: { partner_id: 'partners(id)' },
    indexes: [{ name: 'invoices_by_partner', columns: ['partner_id', 'due_on'] }],
  },
  {
    name: 'resale_rules',
    noun: 'resale rule',
    key: ['partner_id', 'kind', 'target', 'term'],
    columns: { partner_id: 'text', kind: 'text', target: 'text', term: 'text', markup_bp: 'bigint?', price_minor: 'money?', currency: 'text?' },
    references: { partner_id: 'partners(id)' },
  },
  {
    name: 'quotes',
    noun: 'quote',
    key: ['partner_id', 'number'],
    columns: {
      partner_id: 'text',
      number: 'text',
      year: 'int',
      seq: 'bigint',
      customer_id: 'text?',
      pbx_id: 'text?',
      issued_on: 'date',
      valid_until: 'date',
      currency: 'text',
      total_minor: 'money',
      resale_total_minor: 'money',
      created_at: 'timestamp',
      created_by: 'text',
      document: 'text',
      status: 'text',
      decided_at: 'timestamp?',
      decided_by: 'text?',
      order_seq: 'bigint?',
    },
    references: { partner_id: 'partners(id)', customer_id: 'customers(id)', pbx_id: 'pbxs(id)', created_by: 'users(id)', decided_by: 'users(id)', order_seq: 'orders(seq)' },
  },
  {
    name: 'term_changes',
    noun: 'term change',
    key: ['pbx_id', 'from_on'],
    columns: { pbx_id: 'text', from_on: 'date', term: 'text', requested_at: 'timestamp', requested_by: 'text' },
    references: { pbx_id: 'pbxs(id)', requested_by: 'users(id)' },
  },
  {
    name: 'cancellations',
    noun: 'cancellation',
    key: ['seq'],
    columns: {
      seq: 'bigint',
      partner_id: 'text',
      pbx_id: 'text',
      whole_pbx: 'bool',
      requested_on: 'date',
      effective_on: 'date',
      currency: 'text',
      final_charge_minor: 'money',
      mrr_decrease_minor: 'money',
      pickup: 'text?',
      return_status: 'text',
      received_at: 'timestamp?',
      received_by: 'text?',
      created_at: 'timestamp',
      created_by: 'text',
      undone_at: 'timestamp?',
      undone_by: 'text?',
      received_serials: 'text?',
    },
    references: { partner_id: 'partners(id)', pbx_id: 'pbxs(id)', received_by: 'users(id)', created_by: 'users(id)', undone_by: 'users(id)' },
    indexes: [{ name: 'cancellations_by_pbx', columns: ['pbx_id'] }],
  },
  {
    name: 'cancellation_lines',
    noun: 'cancellation line',
    key: ['cancellation_seq', 'order_seq', 'line_no'],
    columns: {
      cancellation_seq: 'bigint',
      order_seq: 'bigint',
      line_no: 'int',
      sku: 'text',
      qty: 'int',
      returned_qty: 'int',
      since: 'date',
      minimum_until: 'date',
      final_charge_minor: 'money',
      serials: 'text?',
    },
    references: { cancellation_seq: 'cancellations(seq)', 'order_seq,line_no': 'order_lines(order_seq,line_no)' },
  },
  {
    name: 'rmas',
    noun: 'RMA',
    key: ['seq'],
    columns: {
      seq: 'bigint',
      partner_id: 'text',
      pbx_id: 'text',
      sku: 'text',
      qty: 'int',
      reason: 'text',
      deliver_to: 'text',
      status: 'text',
      created_at: 'timestamp',
      created_by: 'text',
      shipped_at: 'timestamp?',
      shipped_by: 'text?',
      closed_at: 'timestamp?',
      closed_by: 'text?',
      serials: 'text?',
    },
    references: { partner_id: 'partners(id)', pbx_id: 'pbxs(id)', sku: 'products(sku)', created_by: 'users(id)', shipped_by: 'users(id)', closed_by: 'users(id)' },
  },
  {
    name: 'tokens',
    noun: 'token',
    key: ['id'],
    columns: {
      id: 'text',
      user_id: 'text',
      name: 'text',
      hash: 'text',
      created_at: 'timestamp',
      created_by: 'text',
      expires_at: 'timestamp?',
      revoked_at: 'timestamp?',
      last_used_at: 'timestamp?',
    },
    references: { user_id: 'users(id)', created_by: 'users(id)' },
    indexes: [{ name: 'tokens_by_user', columns: ['user_id'] }],
  },
  {
    name: 'events',
    noun: 'event',
    key: ['id'],
    identity: 'id',
    columns: { id: 'bigint', partner_id: 'text', at: 'timestamp', by_user: 'text', acted_by: 'text?', subject: 'text', action: 'text', detail: 'text' },
    references: { partner_id: 'partners(id)', by_user: 'users(id)', acted_by: 'users(id)' },
    indexes: [{ name: 'events_by_subject', columns: ['subject', 'id'] }],
  },
];

/** A column's type without its nullability. */
export const typeOf = (declared: Declared): ColumnType => declared.replace('?', '') as ColumnType;
export const isNullable = (declared: Declared): boolean => declared.endsWith('?');

/** How `db copy` carries a value across backends: integers as bigint, flags as boolean, dates and text as text. */
export type ColumnKind = 'text' | 'int' | 'bool' | 'date';
export function kindOf(declared: Declared): ColumnKind {
  const type = typeOf(declared);
  return type === 'int' || type === 'bigint' || type === 'money' ? 'int' : type === 'bool' ? 'bool' : type === 'date' ? 'date' : 'text';
}

/** Columns of money (minor units), whose sums `db copy` checks. */
export const moneyColumns = (table: TableSpec): string[] =>
  Object.entries(table.columns)
    .filter(([, t]) => typeOf(t) === 'money')
    .map(([c]) => c);

/** Settings that belong to one store and never travel with a copy: its identity on its backend (a copy is not the same store). */
/** A store's own settings, never copied: its identity, owner, schema, database, and its server role's password. */
export const LOCAL_SETTINGS = new Set(['store_id', 'owner_role', 'schema_version', 'database', 'app_password']);

/** Tables that `init` fills and a copy replaces: what they hold is no one's work. */
export const INIT_TABLES = new Set(['settings', 'counters']);
