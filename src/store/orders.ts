import type { Scope } from '../domain/model.js';
import type { CalendarDate } from '../terms/dates.js';
import type { Currency } from '../terms/money.js';
import type { Term } from '../terms/term.js';
import { fromOptionalDateText, toDateText } from './convert.js';
import type { Db } from './db.js';

export const ORDER_STATUSES = ['draft', 'placed', 'approved', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLineRecord {
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  /** A negotiated price per term that staff set on the draft, kept from the draft. */
  readonly priceOverride: bigint | null;
  /** Fixed at checkout; null on a draft. */
  readonly unitPrice: bigint | null;
  readonly amount: bigint | null;
  readonly renewal: bigint | null;
  /** The catalog's price at checkout, beside a negotiated one; null on a draft or when the catalog had none. */
  readonly listPrice: bigint | null;
  /** Devices this line reserved at checkout: what cancel releases and shipping takes, whatever the catalog says later. */
  readonly reservedQty: number;
}

export interface OrderEvent {
  readonly at: string;
  readonly by: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
}

export interface OrderRecord {
  readonly id: string;
  readonly seq: number;
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly status: OrderStatus;
  readonly currency: Currency;
  readonly start: CalendarDate | null;
  readonly end: CalendarDate | null;
  readonly periodStart: CalendarDate | null;
  readonly days: number | null;
  readonly periodDays: number | null;
  readonly total: bigint | null;
  readonly renewalTotal: bigint | null;
  /** A draft's first charge when it was saved, to say at checkout that the price moved. */
  readonly savedTotal: bigint | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly placedAt: string | null;
  readonly warnings: readonly string[];
  readonly lines: readonly OrderLineRecord[];
  readonly events: readonly OrderEvent[];
}

export interface OrderSummary {
  readonly id: string;
  readonly partner: string;
  readonly status: OrderStatus;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly currency: Currency;
  readonly total: bigint | null;
  readonly createdAt: string;
  readonly placedAt: string | null;
}

export const orderId = (seq: number): string => `ORD-${String(seq).padStart(6, '0')}`;

/** ORD-000042, ord-42 or 42 → 42; null when it is no order ID at all. */
export function orderSeq(id: string): number | null {
  const match = /^(?:ORD-?)?0*(\d{1,12})$/i.exec(id.trim());
  return match ? Number(match[1]) : null;
}

interface OrderRow {
  seq: bigint;
  partner_id: string;
  customer_id: string;
  pbx_id: string;
  term: Term;
  status: OrderStatus;
  currency: Currency;
  start_on: string | null;
  end_on: string | null;
  period_start: string | null;
  days: bigint | null;
  period_days: bigint | null;
  total_minor: bigint | null;
  renewal_total_minor: bigint | null;
  saved_total_minor: bigint | null;
  created_at: string;
  created_by: string;
  placed_at: string | null;
  warnings: string;
}

const small = (value: bigint | null): number | null => (value === null ? null : Number(value));

export interface NewOrder {
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly currency: Currency;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly savedTotal: bigint;
  readonly lines: readonly { sku: string; name: string; qty: number; priceOverride: bigint | null }[];
}

export interface PricedOrder {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly periodStart: CalendarDate;
  readonly days: number;
  readonly periodDays: number;
  readonly total: bigint;
  readonly renewalTotal: bigint | null;
  readonly lines: readonly { sku: string; unitPrice: bigint; amount: bigint; renewal: bigint; listPrice: bigint | null; reservedQty: number }[];
  readonly warnings: readonly string[];
}

export class OrderRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a draft with its lines and its first event. Call inside a write transaction. */
  insertDraft(order: NewOrder): number {
    const result = this.db
      .prepare(
        `INSERT INTO orders (partner_id, customer_id, pbx_id, term, status, currency, created_at, created_by, saved_total_minor)
         VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
      )
      .run(order.partner, order.customer, order.pbx, order.term, order.currency, order.createdAt, order.createdBy, order.savedTotal);
    const seq = Number(result.lastInsertRowid);
    const line = this.db.prepare('INSERT INTO order_lines (order_seq, line_no, sku, name, qty, price_override) VALUES (?, ?, ?, ?, ?, ?)');
    order.lines.forEach((l, index) => line.run(seq, index + 1, l.sku, l.name, l.qty, l.priceOverride));
    this.addEvent(seq, order.createdAt, order.createdBy, null, 'draft');
    return seq;
  }


  /** Fixes the amounts and places the order, only if it is still a draft. Returns false when it was not. */
  place(seq: number, priced: PricedOrder, at: string, by: string): boolean {
    const changed = this.db
      .prepare(
        `UPDATE orders SET status = 'placed', start_on = ?, end_on = ?, period_start = ?, days = ?, period_days = ?,
           total_minor = ?, renewal_total_minor = ?, placed_at = ?, warnings = ?
         WHERE seq = ? AND status = 'draft'`,
      )
      .run(
        toDateText(priced.start),
        toDateText(priced.end),
        toDateText(priced.periodStart),
        priced.days,
        priced.periodDays,
        priced.total,
        priced.renewalTotal,
        at,
        JSON.stringify(priced.warnings),
        seq,
      ).changes;
    if (changed === 0) return false;
    const line = this.db.prepare(
      'UPDATE order_lines SET unit_price_minor = ?, amount_minor = ?, renewal_minor = ?, list_price_minor = ?, reserved_qty = ? WHERE order_seq = ? AND sku = ?',
    );
    for (const l of priced.lines) line.run(l.unitPrice, l.amount, l.renewal, l.listPrice, l.reservedQty, seq, l.sku);
    this.addEvent(seq, at, by, 'draft', 'placed');
    return true;
  }

  /** Moves `from` → `to` only if the order is still in `from`. Returns false when it was not. */
  transition(seq: number, from: OrderStatus, to: OrderStatus, at: string, by: string): boolean {
    const changed = this.db.prepare('UPDATE orders SET status = ? WHERE seq = ? AND status = ?').run(to, seq, from).changes;
    if (changed === 0) return false;
    this.addEvent(seq, at, by, from, to);
    return true;
  }

  private addEvent(seq: number, at: string, by: string, from: OrderStatus | null, to: OrderStatus): void {
    this.db.prepare('INSERT INTO order_events (order_seq, at, by_user, from_status, to_status) VALUES (?, ?, ?, ?, ?)').run(seq, at, by, from, to);
  }

  get(scope: Scope, seq: number): OrderRecord | null {
    const row = this.db.prepare('SELECT * FROM orders WHERE seq = ?').get(seq) as OrderRow | undefined;
    if (!row || (scope.kind === 'partner' && row.partner_id !== scope.partnerId)) return null;
    const lines = (
      this.db.prepare('SELECT * FROM order_lines WHERE order_seq = ? ORDER BY line_no').all(seq) as {
        sku: string;
        name: string;
        qty: bigint;
        price_override: bigint | null;
        unit_price_minor: bigint | null;
        amount_minor: bigint | null;
        renewal_minor: bigint | null;
        list_price_minor: bigint | null;
        reserved_qty: bigint;
      }[]
    ).map(
      (l): OrderLineRecord => ({
        sku: l.sku,
        name: l.name,
        qty: Number(l.qty),
        priceOverride: l.price_override,
        unitPrice: l.unit_price_minor,
        amount: l.amount_minor,
        renewal: l.renewal_minor,
        listPrice: l.list_price_minor,
        reservedQty: Number(l.reserved_qty),
      }),
    );
    const events = (
      this.db.prepare('SELECT at, by_user, from_status, to_status FROM order_events WHERE order_seq = ? ORDER BY id').all(seq) as {
        at: string;
        by_user: string;
        from_status: OrderStatus | null;
        to_status: OrderStatus;
      }[]
    ).map((e): OrderEvent => ({ at: e.at, by: e.by_user, from: e.from_status, to: e.to_status }));
    return {
      id: orderId(Number(row.seq)),
      seq: Number(row.seq),
      partner: row.partner_id,
      customer: row.customer_id,
      pbx: row.pbx_id,
      term: row.term,
      status: row.status,
      currency: row.currency,
      start: fromOptionalDateText(row.start_on),
      end: fromOptionalDateText(row.end_on),
      periodStart: fromOptionalDateText(row.period_start),
      days: small(row.days),
      periodDays: small(row.period_days),
      total: row.total_minor,
      renewalTotal: row.renewal_total_minor,
      savedTotal: row.saved_total_minor,
      createdAt: row.created_at,
      createdBy: row.created_by,
      placedAt: row.placed_at,
      warnings: JSON.parse(row.warnings) as string[],
      lines,
      events,
    };
  }

  list(scope: Scope, filter: { status?: OrderStatus | null; customer?: string | null } = {}): OrderSummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.kind === 'partner') {
      where.push('partner_id = ?');
      params.push(scope.partnerId);
    }
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.customer) {
      where.push('customer_id = ?');
      params.push(filter.customer);
    }
    const rows = this.db
      .prepare(
        'SELECT seq, partner_id, status, customer_id, pbx_id, term, currency, total_minor, created_at, placed_at FROM orders' +
          (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
          ' ORDER BY seq',
      )
      .all(...params) as OrderRow[];
    return rows.map((row) => ({
      id: orderId(Number(row.seq)),
      partner: row.partner_id,
      status: row.status,
      customer: row.customer_id,
      pbx: row.pbx_id,
      term: row.term,
      currency: row.currency,
      total: row.total_minor,
      createdAt: row.created_at,
      placedAt: row.placed_at,
    }));
  }

  /** The devices of the placed, approved and shipped orders on a PBX, line by line. */
  servicesOn(pbx: string): { order: string; status: OrderStatus; sku: string; name: string; qty: number; start: CalendarDate | null }[] {
    const rows = this.db
      .prepare(
        `SELECT o.seq, o.status, o.start_on, l.sku, l.name, l.qty FROM orders o JOIN order_lines l ON l.order_seq = o.seq
         WHERE o.pbx_id = ? AND o.status IN ('placed', 'approved', 'shipped') ORDER BY o.seq, l.line_no`,
      )
      .all(pbx) as { seq: bigint; status: OrderStatus; start_on: string | null; sku: string; name: string; qty: bigint }[];
    return rows.map((r) => ({ order: orderId(Number(r.seq)), status: r.status, sku: r.sku, name: r.name, qty: Number(r.qty), start: fromOptionalDateText(r.start_on) }));
  }
}
