/**
 * Every table of a store, with its columns by kind and its key, in an order that
 * satisfies the foreign keys: what `db copy` reads from one backend and writes to the
 * other. Both schemas have these columns by design.
 */
export type ColumnKind = 'text' | 'int' | 'bool' | 'date';

export interface TableSpec {
  readonly name: string;
  /** What one row is, for people ("price book"). */
  readonly noun: string;
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ColumnKind>>;
  /** Columns of money (minor units) whose sums `db copy` checks. */
  readonly money?: readonly string[];
  /** An identity column, whose sequence a backend moves past the copied rows. */
  readonly identity?: string;
}

export const TABLES: readonly TableSpec[] = [
  { name: 'settings', noun: 'setting', key: ['key'], columns: { key: 'text', value: 'text' } },
  { name: 'partners', noun: 'partner', key: ['id'], columns: { id: 'text', name: 'text', country: 'text', currency: 'text', area_manager_name: 'text', area_manager_email: 'text', tier: 'text' } },
  { name: 'users', noun: 'user', key: ['id'], columns: { id: 'text', email: 'text', name: 'text', role: 'text', partner_id: 'text', db_role: 'text', disabled_at: 'text' } },
  { name: 'products', noun: 'product', key: ['sku'], columns: { sku: 'text', name: 'text', category: 'text', hwaas: 'bool', stocked: 'bool', position: 'int' } },
  { name: 'price_books', noun: 'price book', key: ['id'], columns: { id: 'int', tier: 'text', currency: 'text', valid_from: 'date', imported_at: 'text', imported_by: 'text', source: 'text' } },
  {
    name: 'price_book_lines',
    noun: 'price book line',
    key: ['book_id', 'sku'],
    columns: {
      book_id: 'int',
      sku: 'text',
      name: 'text',
      category: 'text',
      hwaas: 'bool',
      stocked: 'bool',
      position: 'int',
      capex_minor: 'int',
      monthly_minor: 'int',
      yearly_minor: 'int',
      five_year_minor: 'int',
    },
    money: ['capex_minor', 'monthly_minor', 'yearly_minor', 'five_year_minor'],
  },
  { name: 'stock', noun: 'stock level', key: ['sku'], columns: { sku: 'text', on_hand: 'int', reserved: 'int' } },
  { name: 'counters', noun: 'counter', key: ['name'], columns: { name: 'text', value: 'int' } },
  { name: 'customers', noun: 'customer', key: ['id'], columns: { id: 'text', partner_id: 'text', name: 'text', search_key: 'text', search_text: 'text', country: 'text', vat: 'text', email: 'text', created_at: 'text' } },
  { name: 'pbxs', noun: 'PBX', key: ['id'], columns: { id: 'text', customer_id: 'text', name: 'text', type: 'text', license: 'text', activated_on: 'date', cancelled_on: 'date' } },
  {
    name: 'orders',
    noun: 'order',
    key: ['seq'],
    identity: 'seq',
    columns: {
      seq: 'int',
      partner_id: 'text',
      customer_id: 'text',
      pbx_id: 'text',
      term: 'text',
      status: 'text',
      currency: 'text',
      start_on: 'date',
      end_on: 'date',
      period_start: 'date',
      days: 'int',
      period_days: 'int',
      total_minor: 'int',
      renewal_total_minor: 'int',
      created_at: 'text',
      created_by: 'text',
      placed_at: 'text',
      warnings: 'text',
      saved_total_minor: 'int',
    },
    money: ['total_minor', 'renewal_total_minor', 'saved_total_minor'],
  },
  {
    name: 'order_lines',
    noun: 'order line',
    key: ['order_seq', 'line_no'],
    columns: {
      order_seq: 'int',
      line_no: 'int',
      sku: 'text',
      name: 'text',
      qty: 'int',
      price_override: 'int',
      unit_price_minor: 'int',
      amount_minor: 'int',
      renewal_minor: 'int',
      reserved_qty: 'int',
      list_price_minor: 'int',
      resale_unit_minor: 'int',
      resale_renewal_minor: 'int',
    },
    money: ['price_override', 'unit_price_minor', 'amount_minor', 'renewal_minor', 'list_price_minor', 'resale_unit_minor', 'resale_renewal_minor'],
  },
  { name: 'order_events', noun: 'order event', key: ['id'], identity: 'id', columns: { id: 'int', order_seq: 'int', at: 'text', by_user: 'text', from_status: 'text', to_status: 'text' } },
  { name: 'agreements', noun: 'agreement', key: ['seq'], identity: 'seq', columns: { seq: 'int', customer_id: 'text', signed_on: 'date', file: 'text', created_at: 'text', created_by: 'text' } },
  {
    name: 'invoices',
    noun: 'invoice',
    key: ['number'],
    columns: { number: 'text', partner_id: 'text', amount_minor: 'int', currency: 'text', issued_on: 'date', due_on: 'date', paid_on: 'date' },
    money: ['amount_minor'],
  },
  {
    name: 'resale_rules',
    noun: 'resale rule',
    key: ['partner_id', 'kind', 'target', 'term'],
    columns: { partner_id: 'text', kind: 'text', target: 'text', term: 'text', markup_bp: 'int', price_minor: 'int', currency: 'text' },
    money: ['price_minor'],
  },
  {
    name: 'quotes',
    noun: 'quote',
    key: ['partner_id', 'number'],
    columns: {
      partner_id: 'text',
      number: 'text',
      year: 'int',
      seq: 'int',
      customer_id: 'text',
      pbx_id: 'text',
      issued_on: 'date',
      valid_until: 'date',
      currency: 'text',
      total_minor: 'int',
      resale_total_minor: 'int',
      created_at: 'text',
      created_by: 'text',
      document: 'text',
    },
    money: ['total_minor', 'resale_total_minor'],
  },
  { name: 'term_changes', noun: 'term change', key: ['pbx_id', 'from_on'], columns: { pbx_id: 'text', from_on: 'date', term: 'text', requested_at: 'text', requested_by: 'text' } },
  {
    name: 'cancellations',
    noun: 'cancellation',
    key: ['seq'],
    columns: {
      seq: 'int',
      partner_id: 'text',
      pbx_id: 'text',
      whole_pbx: 'bool',
      requested_on: 'date',
      effective_on: 'date',
      currency: 'text',
      final_charge_minor: 'int',
      mrr_decrease_minor: 'int',
      pickup: 'text',
      return_status: 'text',
      received_at: 'text',
      received_by: 'text',
      created_at: 'text',
      created_by: 'text',
    },
    money: ['final_charge_minor', 'mrr_decrease_minor'],
  },
  {
    name: 'cancellation_lines',
    noun: 'cancellation line',
    key: ['cancellation_seq', 'order_seq', 'line_no'],
    columns: { cancellation_seq: 'int', order_seq: 'int', line_no: 'int', sku: 'text', qty: 'int', returned_qty: 'int', since: 'date', minimum_until: 'date', final_charge_minor: 'int' },
    money: ['final_charge_minor'],
  },
  {
    name: 'rmas',
    noun: 'RMA',
    key: ['seq'],
    columns: {
      seq: 'int',
      partner_id: 'text',
      pbx_id: 'text',
      sku: 'text',
      qty: 'int',
      reason: 'text',
      deliver_to: 'text',
      status: 'text',
      created_at: 'text',
      created_by: 'text',
      shipped_at: 'text',
      shipped_by: 'text',
      closed_at: 'text',
      closed_by: 'text',
    },
  },
];

/** Settings that belong to one store and never travel with a copy: its identity on its backend (a copy is not the same store). */
export const LOCAL_SETTINGS = new Set(['store_id', 'owner_role', 'schema_version', 'database']);

/** Tables that `init` fills and a copy replaces: what they hold is no one's work. */
export const INIT_TABLES = new Set(['settings', 'counters']);
