import { type Order, type OrderEvent, type OrderLine, type OrderStatus, type OrderSummary, type Scope, orderId } from '../../domain/kernel/model.js';
import type { EventBy, NewDraft, NewRunningLine, OrderFilter, OrderRepository, Placement } from '../../domain/kernel/port.js';
import type { Currency } from '../../terms/money.js';
import type { Term } from '../../terms/term.js';
import { type SqlDriver, clause, dateText, insertWithNextId, int, optionalDate, optionalInt, optionalMoney, partnerClause, portable, where } from './driver.js';

interface OrderRow {
  seq: unknown;
  partner_id: string;
  customer_id: string;
  pbx_id: string;
  term: Term;
  status: OrderStatus;
  currency: Currency;
  start_on: unknown;
  end_on: unknown;
  period_start: unknown;
  days: unknown;
  period_days: unknown;
  total_minor: unknown;
  renewal_total_minor: unknown;
  saved_total_minor: unknown;
  created_at: string;
  created_by: string;
  placed_at: string | null;
  warnings: string;
  source: 'import' | 'quote' | null;
  quote_number: string | null;
}

interface LineRow {
  sku: string;
  name: string;
  qty: unknown;
  price_override: unknown;
  unit_price_minor: unknown;
  amount_minor: unknown;
  renewal_minor: unknown;
  list_price_minor: unknown;
  reserved_qty: unknown;
  resale_unit_minor: unknown;
  resale_renewal_minor: unknown;
  serials: string | null;
}

const toLine = (l: LineRow): OrderLine => ({
  sku: l.sku,
  name: l.name,
  qty: int(l.qty),
  priceOverride: optionalMoney(l.price_override),
  unitPrice: optionalMoney(l.unit_price_minor),
  amount: optionalMoney(l.amount_minor),
  renewal: optionalMoney(l.renewal_minor),
  listPrice: optionalMoney(l.list_price_minor),
  reservedQty: int(l.reserved_qty),
  resaleUnitPrice: optionalMoney(l.resale_unit_minor),
  resaleRenewal: optionalMoney(l.resale_renewal_minor),
  serials: l.serials ? l.serials.split('\n') : [],
});

/** The warnings recorded at checkout (a JSON array); text edited outside hwaas is shown as it is rather than failing. */
function readWarnings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [String(text)];
  } catch {
    return [String(text)];
  }
}

const ORDER = `SELECT seq, partner_id, customer_id, pbx_id, term, status, currency, start_on, end_on, period_start, days, period_days,
  total_minor, renewal_total_minor, saved_total_minor, created_at, created_by, placed_at, warnings, source, quote_number FROM orders`;

export class SqlOrders implements OrderRepository {
  constructor(private readonly sql: SqlDriver) {}

  async insertDraft(order: NewDraft): Promise<number> {
    const seq = await insertWithNextId(
      this.sql,
      'order',
      (n) => n,
      async (candidate) =>
        (await this.sql.run(
          `INSERT INTO orders (seq, partner_id, customer_id, pbx_id, term, status, currency, created_at, created_by, saved_total_minor)
           VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
          [candidate, order.partner, order.customer, order.pbx, order.term, order.currency, order.createdAt, order.createdBy, order.savedTotal],
        )) === 1,
    );
    for (const [index, l] of order.lines.entries()) {
      // A negotiated price is staff's to set: a line without one does not name the column (a partner's login may not write it).
      if (l.priceOverride === null) await this.sql.run('INSERT INTO order_lines (order_seq, line_no, sku, name, qty) VALUES (?, ?, ?, ?, ?)', [seq, index + 1, l.sku, l.name, l.qty]);
      else await this.sql.run('INSERT INTO order_lines (order_seq, line_no, sku, name, qty, price_override) VALUES (?, ?, ?, ?, ?, ?)', [seq, index + 1, l.sku, l.name, l.qty, l.priceOverride]);
    }
    await this.addEvent(seq, order.createdAt, { user: order.createdBy, actedBy: order.actedBy }, null, 'draft');
    return seq;
  }

  async place(seq: number, p: Placement, at: string, by: EventBy): Promise<boolean> {
    // Still a draft? (This also takes the order's row lock on a server.) Then its lines are
    // priced, while it is a draft, and the order placed with figures that add up to them.
    if ((await this.sql.run("UPDATE orders SET status = 'draft' WHERE seq = ? AND status = 'draft'", [seq])) === 0) return false;
    for (const l of p.lines) {
      await this.sql.run(
        'UPDATE order_lines SET unit_price_minor = ?, amount_minor = ?, renewal_minor = ?, list_price_minor = ?, reserved_qty = ?, resale_unit_minor = ?, resale_renewal_minor = ? WHERE order_seq = ? AND sku = ?',
        [l.unitPrice, l.amount, l.renewal, l.listPrice, l.reservedQty, l.resaleUnitPrice, l.resaleRenewal, seq, l.sku],
      );
    }
    await this.sql.run(
      `UPDATE orders SET status = 'placed', start_on = ?, end_on = ?, period_start = ?, days = ?, period_days = ?,
         total_minor = ?, renewal_total_minor = ?, placed_at = ?, warnings = ?
       WHERE seq = ? AND status = 'draft'`,
      [dateText(p.start), dateText(p.end), dateText(p.periodStart), p.days, p.periodDays, p.total, p.renewalTotal, at, JSON.stringify(p.warnings), seq],
    );
    await this.addEvent(seq, at, by, 'draft', 'placed');
    return true;
  }

  async transition(seq: number, from: OrderStatus, to: OrderStatus, at: string, by: EventBy): Promise<boolean> {
    if ((await this.sql.run('UPDATE orders SET status = ? WHERE seq = ? AND status = ?', [to, seq, from])) === 0) return false;
    await this.addEvent(seq, at, by, from, to);
    return true;
  }

  private async addEvent(seq: number, at: string, by: EventBy, from: OrderStatus | null, to: OrderStatus): Promise<void> {
    await this.sql.run('INSERT INTO order_events (order_seq, at, by_user, acted_by, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)', [seq, at, by.user, by.actedBy, from, to]);
  }

  async get(scope: Scope, seq: number): Promise<Order | null> {
    const w = where(clause('seq = ?', seq), partnerClause(scope, 'partner_id'));
    const row = await this.sql.get<OrderRow>(`${ORDER}${w.sql}`, w.params);
    if (!row) return null;
    const lines = (await this.sql.all<LineRow>('SELECT * FROM order_lines WHERE order_seq = ? ORDER BY line_no', [seq])).map(toLine);
    const events = (
      await this.sql.all<{ at: string; by_user: string; acted_by: string | null; from_status: OrderStatus | null; to_status: OrderStatus }>(
        'SELECT at, by_user, acted_by, from_status, to_status FROM order_events WHERE order_seq = ? ORDER BY id',
        [seq],
      )
    ).map((e): OrderEvent => ({ at: e.at, by: e.by_user, actedBy: e.acted_by, from: e.from_status, to: e.to_status }));
    return {
      id: orderId(int(row.seq)),
      seq: int(row.seq),
      partner: row.partner_id,
      customer: row.customer_id,
      pbx: row.pbx_id,
      term: row.term,
      status: row.status,
      currency: row.currency,
      start: optionalDate(row.start_on),
      end: optionalDate(row.end_on),
      periodStart: optionalDate(row.period_start),
      days: optionalInt(row.days),
      periodDays: optionalInt(row.period_days),
      total: optionalMoney(row.total_minor),
      renewalTotal: optionalMoney(row.renewal_total_minor),
      savedTotal: optionalMoney(row.saved_total_minor),
      createdAt: row.created_at,
      createdBy: row.created_by,
      placedAt: row.placed_at,
      warnings: readWarnings(row.warnings),
      lines,
      events,
      source: row.source ?? null,
      quote: row.quote_number ?? null,
    };
  }

  async setSerials(seq: number, sku: string, serials: readonly string[]): Promise<void> {
    await this.sql.run('UPDATE order_lines SET serials = ? WHERE order_seq = ? AND sku = ?', [serials.length ? serials.join('\n') : null, seq, sku]);
  }

  async markFromQuote(seq: number, quote: string, resale: ReadonlyMap<string, bigint>): Promise<void> {
    await this.sql.run("UPDATE orders SET source = 'quote', quote_number = ? WHERE seq = ?", [quote, seq]);
    for (const [sku, price] of resale) await this.sql.run('UPDATE order_lines SET resale_unit_minor = ? WHERE order_seq = ? AND sku = ?', [price, seq, sku]);
  }

  async insertRunning(lines: readonly NewRunningLine[]): Promise<number[]> {
    if (lines.length === 0) return [];
    // The numbers are the order counter's, taken at once (past any order that holds a higher one).
    const highest = int((await this.sql.get<{ n: unknown }>('SELECT COALESCE(MAX(seq), 0) AS n FROM orders'))?.n ?? 0);
    await this.sql.raiseCounter('order', highest, orderId(highest));
    const row = await this.sql.get<{ value: unknown }>("UPDATE counters SET value = value + ? WHERE name = 'order' RETURNING value", [lines.length]);
    if (!row) throw new Error('no counter order');
    const first = int(row.value) - lines.length + 1;
    const seqs = lines.map((_, i) => first + i);
    await portable.insertRows(
      this.sql,
      'orders',
      [
        'seq',
        'partner_id',
        'customer_id',
        'pbx_id',
        'term',
        'status',
        'currency',
        'start_on',
        'end_on',
        'period_start',
        'days',
        'period_days',
        'total_minor',
        'renewal_total_minor',
        'created_at',
        'created_by',
        'placed_at',
        'warnings',
        'source',
      ],
      lines.map((l, i) => [
        seqs[i],
        l.partner,
        l.customer,
        l.pbx,
        l.term,
        'shipped',
        l.currency,
        dateText(l.start),
        dateText(l.end),
        dateText(l.periodStart),
        l.days,
        l.periodDays,
        l.total,
        l.renewalTotal,
        l.createdAt,
        l.by.user,
        l.createdAt,
        '[]',
        'import',
      ]),
    );
    await portable.insertRows(
      this.sql,
      'order_lines',
      ['order_seq', 'line_no', 'sku', 'name', 'qty', 'unit_price_minor', 'amount_minor', 'renewal_minor', 'reserved_qty', 'list_price_minor', 'resale_unit_minor', 'resale_renewal_minor', 'serials'],
      lines.map(({ line: l }, i) => [
        seqs[i],
        1,
        l.sku,
        l.name,
        l.qty,
        l.unitPrice,
        l.amount,
        l.renewal,
        0,
        l.listPrice,
        l.resaleUnitPrice,
        l.resaleRenewal,
        l.serials.length ? l.serials.join('\n') : null,
      ]),
    );
    await portable.insertRows(
      this.sql,
      'order_events',
      ['order_seq', 'at', 'by_user', 'acted_by', 'from_status', 'to_status'],
      lines.map((l, i) => [seqs[i], l.createdAt, l.by.user, l.by.actedBy, null, 'shipped']),
    );
    return seqs;
  }

  async list(scope: Scope, filter: OrderFilter = {}): Promise<OrderSummary[]> {
    const w = where(
      partnerClause(scope, 'partner_id'),
      filter.status ? clause('status = ?', filter.status) : null,
      filter.customer ? clause('customer_id = ?', filter.customer) : null,
      filter.partner ? clause('partner_id = ?', filter.partner) : null,
      filter.imported ? null : clause("COALESCE(source, '') <> 'import'"),
    );
    const rows = await this.sql.all<OrderRow>(
      `SELECT seq, partner_id, status, customer_id, pbx_id, term, currency, total_minor, saved_total_minor, created_at, placed_at, source FROM orders${w.sql} ORDER BY seq`,
      w.params,
    );
    return rows.map((row) => ({
      id: orderId(int(row.seq)),
      partner: row.partner_id,
      status: row.status,
      customer: row.customer_id,
      pbx: row.pbx_id,
      term: row.term,
      currency: row.currency,
      total: optionalMoney(row.total_minor),
      savedTotal: optionalMoney(row.saved_total_minor),
      createdAt: row.created_at,
      placedAt: row.placed_at,
      source: row.source ?? null,
    }));
  }
}
