import type { Customer, Scope } from '../domain/model.js';
import { searchKey } from '../domain/search.js';
import { containsPattern } from './convert.js';
import type { Db } from './db.js';

interface CustomerRow {
  id: string;
  partner_id: string;
  name: string;
  country: string | null;
  vat: string | null;
  email: string | null;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  partner: row.partner_id,
  name: row.name,
  country: row.country,
  vat: row.vat,
  email: row.email,
});

export interface CustomerFilter {
  readonly partner?: string | null;
  readonly search?: string | null;
  readonly limit?: number | null;
}

export interface NewCustomer {
  readonly partner: string;
  readonly name: string;
  readonly country: string | null;
  readonly vat: string | null;
  readonly email: string | null;
}

export class CustomerRepository {
  constructor(private readonly db: Db) {}

  list(scope: Scope, filter: CustomerFilter = {}): Customer[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.kind === 'partner') {
      where.push('partner_id = ?');
      params.push(scope.partnerId);
    }
    if (filter.partner) {
      where.push('partner_id = ?');
      params.push(filter.partner);
    }
    if (filter.search) {
      where.push("search_key LIKE ? ESCAPE '\\'");
      params.push(containsPattern(searchKey(filter.search)));
    }
    const sql =
      'SELECT id, partner_id, name, country, vat, email FROM customers' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY search_key, id' +
      (filter.limit ? ' LIMIT ?' : '');
    if (filter.limit) params.push(filter.limit);
    return (this.db.prepare(sql).all(...params) as CustomerRow[]).map(toCustomer);
  }

  /** null for an unknown ID and for another partner's customer alike. */
  get(scope: Scope, id: string): Customer | null {
    const row = this.db.prepare('SELECT id, partner_id, name, country, vat, email FROM customers WHERE id = ?').get(id) as
      | CustomerRow
      | undefined;
    if (!row || (scope.kind === 'partner' && row.partner_id !== scope.partnerId)) return null;
    return toCustomer(row);
  }

  /** Inserts with the next free CUS-nnnn ID. Call inside a write transaction. */
  add(customer: NewCustomer, createdAt: string, id?: string): Customer {
    const newId = id ?? this.nextId();
    this.db
      .prepare(
        `INSERT INTO customers (id, partner_id, name, search_key, country, vat, email, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId, customer.partner, customer.name, searchKey(customer.name), customer.country, customer.vat, customer.email, createdAt);
    return { id: newId, ...customer };
  }

  private nextId(): string {
    const max = this.db
      .prepare("SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM customers WHERE id GLOB 'CUS-[0-9]*'")
      .pluck()
      .get() as bigint | null;
    return `CUS-${String(Number(max ?? 0n) + 1).padStart(4, '0')}`;
  }
}
