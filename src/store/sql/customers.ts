import { type Customer, type Scope, scopedPartner } from '../../domain/kernel/model.js';
import type { CustomerFilter, CustomerRepository, NewCustomer } from '../../domain/kernel/port.js';
import { customerSearchText, searchKey } from '../../domain/kernel/search.js';
import { type SqlDriver, clause, containsPattern, highestNumbered, insertWithNextId, partnerClause, placeholders, raiseCounter, where } from './driver.js';

interface CustomerRow {
  id: string;
  partner_id: string;
  name: string;
  country: string | null;
  vat: string | null;
  email: string | null;
  address: string | null;
  contact: string | null;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  partner: row.partner_id,
  name: row.name,
  country: row.country,
  vat: row.vat,
  email: row.email,
  address: row.address,
  contact: row.contact,
});

const CUSTOMER = 'SELECT id, partner_id, name, country, vat, email, address, contact FROM customers';

export class SqlCustomers implements CustomerRepository {
  constructor(private readonly sql: SqlDriver) {}

  /**
   * The filter as SQL: a search matches the customer's search text (its name's search key,
   * ID, VAT number without spaces and e-mail: customerSearchText), as typed, with umlauts
   * spelt out folded back, or without spaces: one column, so 200,000 customers answer a keystroke quickly.
   */
  private filter(scope: Scope, filter: CustomerFilter) {
    const search = filter.search;
    const patterns = search && search.key !== '' ? [...new Set([search.key, search.alt, search.compact])].map(containsPattern) : [];
    return where(
      partnerClause(scope, 'partner_id'),
      filter.partner ? clause('partner_id = ?', filter.partner) : null,
      patterns.length > 0 ? clause(`(${patterns.map(() => `search_text LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...patterns) : null,
    );
  }

  async list(scope: Scope, filter: CustomerFilter = {}): Promise<Customer[]> {
    const w = this.filter(scope, filter);
    const limit = filter.limit ? ' LIMIT ?' : '';
    return (await this.sql.all<CustomerRow>(`${CUSTOMER}${w.sql} ORDER BY search_key, id${limit}`, filter.limit ? [...w.params, filter.limit] : w.params)).map(toCustomer);
  }

  async count(scope: Scope, filter: CustomerFilter = {}): Promise<number> {
    const w = this.filter(scope, filter);
    return Number((await this.sql.get<{ n: unknown }>(`SELECT count(*) AS n FROM customers${w.sql}`, w.params))?.n ?? 0);
  }

  async get(scope: Scope, id: string): Promise<Customer | null> {
    const w = where(clause('id = ?', id), partnerClause(scope, 'partner_id'));
    const row = await this.sql.get<CustomerRow>(`${CUSTOMER}${w.sql}`, w.params);
    return row ? toCustomer(row) : null;
  }

  async getMany(scope: Scope, ids: readonly string[]): Promise<Customer[]> {
    if (ids.length === 0) return [];
    // By key alone, the scope checked on the rows: with the partner in the WHERE, SQLite walks the partner's index (every customer of the partner, for each batch).
    const partner = scopedPartner(scope);
    const rows = (await this.sql.all<CustomerRow>(`${CUSTOMER} WHERE id IN ${placeholders(ids.length)}`, [...ids])).map(toCustomer);
    return partner === null ? rows : rows.filter((c) => c.partner === partner);
  }

  async insertMany(customers: readonly Customer[], createdAt: string): Promise<Set<string>> {
    if (customers.length === 0) return new Set();
    const rows = await this.sql.all<{ id: string }>(
      `INSERT INTO customers (id, partner_id, name, search_key, search_text, country, vat, email, created_at, address, contact) VALUES ${customers.map(() => placeholders(11)).join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      customers.flatMap((c) => [c.id, c.partner, c.name, searchKey(c.name), customerSearchText(c), c.country, c.vat, c.email, createdAt, c.address ?? null, c.contact ?? null]),
    );
    const inserted = new Set(rows.map((r) => r.id));
    const highest = highestNumbered(inserted, /^CUS-(\d{1,15})$/);
    if (highest) await raiseCounter(this.sql, 'customer', highest, /^CUS-(\d{1,15})$/);
    return inserted;
  }

  async update(c: Customer): Promise<void> {
    await this.sql.run('UPDATE customers SET name = ?, search_key = ?, search_text = ?, country = ?, vat = ?, email = ? WHERE id = ?', [
      c.name,
      searchKey(c.name),
      customerSearchText(c),
      c.country,
      c.vat,
      c.email,
      c.id,
    ]);
    // Address and contact are written when given (an import without those columns keeps them).
    if (c.address !== undefined || c.contact !== undefined) {
      await this.sql.run('UPDATE customers SET address = ?, contact = ? WHERE id = ?', [c.address ?? null, c.contact ?? null, c.id]);
    }
  }

  async add(customer: NewCustomer, createdAt: string, id?: string): Promise<Customer> {
    const insert = async (candidate: string) =>
      (await this.sql.run(
        `INSERT INTO customers (id, partner_id, name, search_key, search_text, country, vat, email, created_at, address, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [
          candidate,
          customer.partner,
          customer.name,
          searchKey(customer.name),
          customerSearchText({ id: candidate, ...customer }),
          customer.country,
          customer.vat,
          customer.email,
          createdAt,
          customer.address ?? null,
          customer.contact ?? null,
        ],
      )) === 1;
    let newId = id;
    if (newId === undefined) newId = await insertWithNextId(this.sql, 'customer', (n) => `CUS-${String(n).padStart(4, '0')}`, insert);
    else {
      if (!(await insert(newId))) throw new Error(`customer ${newId} exists`);
      await raiseCounter(this.sql, 'customer', newId, /^CUS-(\d{1,15})$/);
    }
    return { id: newId, ...customer };
  }
}
