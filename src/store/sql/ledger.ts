import { type Agreement, type Invoice, type Scope, type StockLevel, agreementId, scopedPartner } from '../../domain/kernel/model.js';
import type { AgreementRepository, InvoiceFilter, InvoiceRepository, StockRepository } from '../../domain/kernel/port.js';
import type { CalendarDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import { type SqlDriver, clause, dateText, insertWithNextId, int, money, optionalDate, partnerClause, placeholders, toDate, where } from './driver.js';

interface InvoiceRow {
  number: string;
  partner_id: string;
  amount_minor: unknown;
  currency: Currency;
  issued_on: unknown;
  due_on: unknown;
  paid_on: unknown;
}

const toInvoice = (row: InvoiceRow): Invoice => ({
  number: row.number,
  partner: row.partner_id,
  amount: money(row.amount_minor),
  currency: row.currency,
  issuedOn: toDate(row.issued_on),
  dueOn: toDate(row.due_on),
  paidOn: optionalDate(row.paid_on),
});

const INVOICE = 'SELECT number, partner_id, amount_minor, currency, issued_on, due_on, paid_on FROM invoices';

/** Invoices: what the overdue rule reads. */
/** An invoice's columns after its number, as both the insert and the update write them. */
const invoiceValues = (i: Invoice): unknown[] => [i.partner, i.amount, i.currency, dateText(i.issuedOn), dateText(i.dueOn), i.paidOn === null ? null : dateText(i.paidOn)];

export class SqlInvoices implements InvoiceRepository {
  constructor(private readonly sql: SqlDriver) {}

  async list(scope: Scope, filter: InvoiceFilter = {}): Promise<Invoice[]> {
    const w = where(
      partnerClause(scope, 'partner_id'),
      filter.partner ? clause('partner_id = ?', filter.partner) : null,
      filter.unpaidDueBefore != null ? clause('paid_on IS NULL AND due_on < ?', dateText(filter.unpaidDueBefore)) : null,
    );
    return (await this.sql.all<InvoiceRow>(`${INVOICE}${w.sql} ORDER BY due_on, number`, w.params)).map(toInvoice);
  }

  async get(scope: Scope, number: string): Promise<Invoice | null> {
    const w = where(clause('number = ?', number), partnerClause(scope, 'partner_id'));
    const row = await this.sql.get<InvoiceRow>(`${INVOICE}${w.sql}`, w.params);
    return row ? toInvoice(row) : null;
  }

  async getMany(scope: Scope, numbers: readonly string[]): Promise<Invoice[]> {
    if (numbers.length === 0) return [];
    // By key alone, the scope checked on the rows (see customers' getMany).
    const partner = scopedPartner(scope);
    const rows = (await this.sql.all<InvoiceRow>(`${INVOICE} WHERE number IN ${placeholders(numbers.length)}`, [...numbers])).map(toInvoice);
    return partner === null ? rows : rows.filter((i) => i.partner === partner);
  }

  async update(i: Invoice): Promise<void> {
    await this.sql.run('UPDATE invoices SET partner_id = ?, amount_minor = ?, currency = ?, issued_on = ?, due_on = ?, paid_on = ? WHERE number = ?', [...invoiceValues(i), i.number]);
  }

  async insert(i: Invoice): Promise<void> {
    await this.sql.run('INSERT INTO invoices (partner_id, amount_minor, currency, issued_on, due_on, paid_on, number) VALUES (?, ?, ?, ?, ?, ?, ?)', [...invoiceValues(i), i.number]);
  }

  async markPaid(number: string, paidOn: CalendarDate): Promise<void> {
    await this.sql.run('UPDATE invoices SET paid_on = ? WHERE number = ?', [dateText(paidOn), number]);
  }
}

/** Signed HWaaS agreements: what checkout needs per customer. */
export class SqlAgreements implements AgreementRepository {
  constructor(private readonly sql: SqlDriver) {}

  async list(scope: Scope, customer?: string | null): Promise<Agreement[]> {
    const w = where(partnerClause(scope, 'c.partner_id'), customer ? clause('a.customer_id = ?', customer) : null);
    const rows = await this.sql.all<{ seq: unknown; customer_id: string; signed_on: unknown; file: string | null }>(
      `SELECT a.seq, a.customer_id, a.signed_on, a.file FROM agreements a JOIN customers c ON c.id = a.customer_id${w.sql} ORDER BY a.seq`,
      w.params,
    );
    return rows.map((row) => ({ id: agreementId(int(row.seq)), customer: row.customer_id, signedOn: toDate(row.signed_on), file: row.file }));
  }

  async latest(scope: Scope, customers: readonly string[]): Promise<Map<string, Agreement>> {
    if (customers.length === 0) return new Map();
    const w = where(clause(`a.customer_id IN ${placeholders(customers.length)}`, ...customers), partnerClause(scope, 'c.partner_id'));
    const rows = await this.sql.all<{ seq: unknown; customer_id: string; signed_on: unknown; file: string | null }>(
      `SELECT a.seq, a.customer_id, a.signed_on, a.file FROM agreements a JOIN customers c ON c.id = a.customer_id${w.sql} ORDER BY a.seq`,
      w.params,
    );
    // In order of seq: the last one of each customer stays.
    return new Map(rows.map((row) => [row.customer_id, { id: agreementId(int(row.seq)), customer: row.customer_id, signedOn: toDate(row.signed_on), file: row.file }]));
  }

  async add(customer: string, signedOn: CalendarDate, file: string | null, createdAt: string, createdBy: string): Promise<Agreement> {
    const seq = await insertWithNextId(
      this.sql,
      'agreement',
      (n) => n,
      async (candidate) =>
        (await this.sql.run('INSERT INTO agreements (seq, customer_id, signed_on, file, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING', [
          candidate,
          customer,
          dateText(signedOn),
          file,
          createdAt,
          createdBy,
        ])) === 1,
    );
    return { id: agreementId(seq), customer, signedOn, file };
  }
}

const toStockLevel = (row: { sku: string; name: string; on_hand: unknown; reserved: unknown }): StockLevel => ({
  sku: row.sku,
  name: row.name,
  onHand: int(row.on_hand),
  reserved: int(row.reserved),
});

const STOCK = 'SELECT s.sku, p.name, s.on_hand, s.reserved FROM stock s JOIN products p ON p.sku = s.sku';

/** Devices on hand and reserved; available may be negative (backorder). */
export class SqlStock implements StockRepository {
  constructor(private readonly sql: SqlDriver) {}

  async list(): Promise<StockLevel[]> {
    return (await this.sql.all<{ sku: string; name: string; on_hand: unknown; reserved: unknown }>(`${STOCK} ORDER BY p.position, s.sku`)).map(toStockLevel);
  }

  async get(sku: string): Promise<StockLevel | null> {
    const row = await this.sql.get<{ sku: string; name: string; on_hand: unknown; reserved: unknown }>(`${STOCK} WHERE s.sku = ?`, [sku]);
    return row ? toStockLevel(row) : null;
  }

  async setOnHand(sku: string, onHand: number): Promise<void> {
    await this.sql.run('INSERT INTO stock (sku, on_hand) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET on_hand = excluded.on_hand', [sku, onHand]);
  }

  async reserve(sku: string, qty: number): Promise<void> {
    await this.sql.adjustReserved(sku, qty);
  }

  async adjustOnHand(sku: string, delta: number): Promise<void> {
    if ((await this.sql.run('UPDATE stock SET on_hand = on_hand + ? WHERE sku = ?', [delta, sku])) === 0) {
      await this.sql.run('INSERT INTO stock (sku, on_hand) VALUES (?, ?)', [sku, delta]);
    }
  }

  async ship(sku: string, qty: number): Promise<void> {
    await this.sql.run('UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ? WHERE sku = ?', [qty, qty, sku]);
  }
}
