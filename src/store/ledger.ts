import type { Scope } from '../domain/model.js';
import type { CalendarDate } from '../terms/dates.js';
import type { Currency } from '../terms/money.js';
import { fromDateText, fromOptionalDateText, toDateText } from './convert.js';
import type { Db } from './db.js';

export interface Invoice {
  readonly number: string;
  readonly partner: string;
  readonly amount: bigint;
  readonly currency: Currency;
  readonly issuedOn: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly paidOn: CalendarDate | null;
}

export interface Agreement {
  readonly id: string;
  readonly customer: string;
  readonly signedOn: CalendarDate;
  readonly file: string | null;
}

export interface StockLevel {
  readonly sku: string;
  readonly name: string;
  readonly onHand: number;
  readonly reserved: number;
}

interface InvoiceRow {
  number: string;
  partner_id: string;
  amount_minor: bigint;
  currency: Currency;
  issued_on: string;
  due_on: string;
  paid_on: string | null;
}

const toInvoice = (row: InvoiceRow): Invoice => ({
  number: row.number,
  partner: row.partner_id,
  amount: row.amount_minor,
  currency: row.currency,
  issuedOn: fromDateText(row.issued_on),
  dueOn: fromDateText(row.due_on),
  paidOn: fromOptionalDateText(row.paid_on),
});

const toStockLevel = (row: { sku: string; name: string; on_hand: bigint; reserved: bigint }): StockLevel => ({
  sku: row.sku,
  name: row.name,
  onHand: Number(row.on_hand),
  reserved: Number(row.reserved),
});

const agreementId = (seq: number): string => `AGR-${String(seq).padStart(4, '0')}`;

/** Invoices, agreements and stock: the facts checkout depends on. */
export class LedgerRepository {
  constructor(private readonly db: Db) {}

  invoices(scope: Scope, options: { partner?: string | null; unpaidDueBefore?: CalendarDate | null } = {}): Invoice[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.kind === 'partner') {
      where.push('partner_id = ?');
      params.push(scope.partnerId);
    }
    if (options.partner) {
      where.push('partner_id = ?');
      params.push(options.partner);
    }
    if (options.unpaidDueBefore != null) {
      where.push('paid_on IS NULL AND due_on < ?');
      params.push(toDateText(options.unpaidDueBefore));
    }
    const sql = 'SELECT * FROM invoices' + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ' ORDER BY due_on, number';
    return (this.db.prepare(sql).all(...params) as InvoiceRow[]).map(toInvoice);
  }

  invoice(scope: Scope, number: string): Invoice | null {
    const row = this.db.prepare('SELECT * FROM invoices WHERE number = ?').get(number) as InvoiceRow | undefined;
    if (!row || (scope.kind === 'partner' && row.partner_id !== scope.partnerId)) return null;
    return toInvoice(row);
  }

  insertInvoice(invoice: Invoice): void {
    this.db
      .prepare('INSERT INTO invoices (number, partner_id, amount_minor, currency, issued_on, due_on, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        invoice.number,
        invoice.partner,
        invoice.amount,
        invoice.currency,
        toDateText(invoice.issuedOn),
        toDateText(invoice.dueOn),
        invoice.paidOn === null ? null : toDateText(invoice.paidOn),
      );
  }

  markPaid(number: string, paidOn: CalendarDate): void {
    this.db.prepare('UPDATE invoices SET paid_on = ? WHERE number = ?').run(toDateText(paidOn), number);
  }

  agreements(scope: Scope, customer?: string | null): Agreement[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.kind === 'partner') {
      where.push('c.partner_id = ?');
      params.push(scope.partnerId);
    }
    if (customer) {
      where.push('a.customer_id = ?');
      params.push(customer);
    }
    const rows = this.db
      .prepare(
        'SELECT a.seq, a.customer_id, a.signed_on, a.file FROM agreements a JOIN customers c ON c.id = a.customer_id' +
          (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
          ' ORDER BY a.seq',
      )
      .all(...params) as { seq: bigint; customer_id: string; signed_on: string; file: string | null }[];
    return rows.map((row) => ({ id: agreementId(Number(row.seq)), customer: row.customer_id, signedOn: fromDateText(row.signed_on), file: row.file }));
  }

  addAgreement(customer: string, signedOn: CalendarDate, file: string | null, createdAt: string, createdBy: string): Agreement {
    const result = this.db
      .prepare('INSERT INTO agreements (customer_id, signed_on, file, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(customer, toDateText(signedOn), file, createdAt, createdBy);
    return { id: agreementId(Number(result.lastInsertRowid)), customer, signedOn, file };
  }

  stock(): StockLevel[] {
    return (
      this.db
        .prepare('SELECT s.sku, p.name, s.on_hand, s.reserved FROM stock s JOIN products p ON p.sku = s.sku ORDER BY p.position, s.sku')
        .all() as { sku: string; name: string; on_hand: bigint; reserved: bigint }[]
    ).map(toStockLevel);
  }

  stockOf(sku: string): StockLevel | null {
    const row = this.db
      .prepare('SELECT s.sku, p.name, s.on_hand, s.reserved FROM stock s JOIN products p ON p.sku = s.sku WHERE s.sku = ?')
      .get(sku) as { sku: string; name: string; on_hand: bigint; reserved: bigint } | undefined;
    return row ? toStockLevel(row) : null;
  }

  setOnHand(sku: string, onHand: number): void {
    this.db.prepare('INSERT INTO stock (sku, on_hand) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET on_hand = excluded.on_hand').run(sku, onHand);
  }

  /** Adds `qty` to the reservation (negative to release); a stock row is made if the catalog has none yet. */
  reserve(sku: string, qty: number): void {
    // An upsert would check the new row's CHECK (reserved >= 0) before resolving the conflict: update first.
    const changed = this.db.prepare('UPDATE stock SET reserved = reserved + ? WHERE sku = ?').run(qty, sku).changes;
    if (changed === 0) this.db.prepare('INSERT INTO stock (sku, reserved) VALUES (?, ?)').run(sku, qty);
  }

  /** Devices leave the warehouse: off the shelf and out of the reservation. */
  ship(sku: string, qty: number): void {
    this.db.prepare('UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ? WHERE sku = ?').run(qty, qty, sku);
  }
}
