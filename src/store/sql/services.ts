import {
  type Cancellation,
  type CancellationLine,
  type OrderSource,
  type OrderStatus,
  type Pickup,
  type ReturnStatus,
  type Rma,
  type RmaStatus,
  type Scope,
  type ServiceRecord,
  cancellationId,
  orderId,
  rmaId,
} from '../../domain/kernel/model.js';
import type { NewCancellation, NewRma, ServiceFilter, ServiceRepository } from '../../domain/kernel/port.js';
import type { Currency } from '../../terms/money.js';
import { type SqlDriver, clause, dateText, insertWithNextId, int, money, optionalMoney, partnerClause, placeholders, toDate, where, containsPattern } from './driver.js';

interface LineRow {
  seq: unknown;
  status: OrderStatus;
  line_no: unknown;
  partner_id: string;
  customer_id: string;
  pbx_id: string;
  sku: string;
  name: string;
  category: string | null;
  stocked: unknown;
  qty: unknown;
  start_on: unknown;
  currency: Currency;
  unit_price_minor: unknown;
  resale_unit_minor: unknown;
  source: OrderSource | null;
  serials: string | null;
}

interface CancellationRow {
  seq: unknown;
  partner_id: string;
  pbx_id: string;
  whole_pbx: unknown;
  requested_on: unknown;
  effective_on: unknown;
  currency: Currency;
  final_charge_minor: unknown;
  mrr_decrease_minor: unknown;
  pickup: Pickup | null;
  return_status: ReturnStatus;
  received_at: string | null;
  created_at: string;
  created_by: string;
  undone_at: string | null;
  received_serials: string | null;
}

/** Serial numbers are kept one per line of a text column. */
const serialsOf = (text: string | null | undefined): string[] => (text ? text.split('\n') : []);
const serialsText = (serials: readonly string[] | undefined): string | null => (serials && serials.length > 0 ? serials.join('\n') : null);

interface RmaRow {
  seq: unknown;
  partner_id: string;
  pbx_id: string;
  sku: string;
  qty: unknown;
  reason: string;
  deliver_to: Pickup;
  status: RmaStatus;
  created_at: string;
  created_by: string;
  shipped_at: string | null;
  closed_at: string | null;
  serials?: string | null;
}

const toRma = (r: RmaRow): Rma => ({
  id: rmaId(int(r.seq)),
  seq: int(r.seq),
  partner: r.partner_id,
  pbx: r.pbx_id,
  sku: r.sku,
  qty: int(r.qty),
  reason: r.reason,
  deliverTo: r.deliver_to,
  status: r.status,
  createdAt: r.created_at,
  createdBy: r.created_by,
  shippedAt: r.shipped_at,
  closedAt: r.closed_at,
  serials: r.serials ? r.serials.split('\n') : [],
});

const flag = (value: unknown): boolean => value === true || value === 1 || value === 1n;

export class SqlServices implements ServiceRepository {
  constructor(
    private readonly sql: SqlDriver,
    private readonly bool: (b: boolean) => unknown,
  ) {}

  async lines(scope: Scope, filter: ServiceFilter = {}): Promise<ServiceRecord[]> {
    const w = where(
      clause("o.status IN ('placed', 'approved', 'shipped')"),
      partnerClause(scope, 'o.partner_id'),
      filter.pbx ? clause('o.pbx_id = ?', filter.pbx) : null,
      filter.pbxs ? clause(`o.pbx_id IN ${placeholders(filter.pbxs.length)}`, ...filter.pbxs) : null,
      // By the PBX's index, then the products and starts named (the caller keeps the pairs it asked for).
      ...(filter.keys
        ? filter.keys.length === 0
          ? [clause('1 = 0')]
          : (['o.pbx_id', 'l.sku', 'o.start_on'] as const).map((column, i) => {
              const values = [...new Set(filter.keys!.map((k) => (i === 0 ? k.pbx : i === 1 ? k.sku : dateText(k.since))))];
              return clause(`${column} IN ${placeholders(values.length)}`, ...values);
            })
        : []),
      filter.customer ? clause('o.customer_id = ?', filter.customer) : null,
      filter.partner ? clause('o.partner_id = ?', filter.partner) : null,
    );
    const rows = await this.sql.all<LineRow>(
      `SELECT o.seq, o.status, l.line_no, o.partner_id, o.customer_id, o.pbx_id, l.sku, l.name, p.category, p.stocked, l.qty, o.start_on, o.currency, l.unit_price_minor, l.resale_unit_minor, o.source, l.serials
       FROM orders o JOIN order_lines l ON l.order_seq = o.seq LEFT JOIN products p ON p.sku = l.sku${w.sql}
       ORDER BY o.pbx_id, o.start_on, o.seq, l.line_no`,
      w.params,
    );
    const cancelled = await this.sql.all<{ order_seq: unknown; line_no: unknown; cancellation_seq: unknown; qty: unknown; effective_on: unknown; serials: string | null }>(
      `SELECT cl.order_seq, cl.line_no, cl.cancellation_seq, cl.qty, c.effective_on, cl.serials
       FROM cancellation_lines cl JOIN cancellations c ON c.seq = cl.cancellation_seq AND c.undone_at IS NULL JOIN orders o ON o.seq = cl.order_seq
       JOIN order_lines l ON l.order_seq = cl.order_seq AND l.line_no = cl.line_no${w.sql}
       ORDER BY c.seq`,
      w.params,
    );
    const byLine = new Map<string, ServiceRecord['cancelled'][number][]>();
    for (const c of cancelled) {
      const key = `${int(c.order_seq)}:${int(c.line_no)}`;
      const list = byLine.get(key) ?? [];
      list.push({ cancellation: cancellationId(int(c.cancellation_seq)), qty: int(c.qty), effectiveOn: toDate(c.effective_on), serials: serialsOf(c.serials) });
      byLine.set(key, list);
    }
    return rows.map((r) => ({
      order: orderId(int(r.seq)),
      orderSeq: int(r.seq),
      orderStatus: r.status,
      lineNo: int(r.line_no),
      partner: r.partner_id,
      customer: r.customer_id,
      pbx: r.pbx_id,
      sku: r.sku,
      name: r.name,
      category: r.category ?? '',
      stocked: flag(r.stocked),
      qty: int(r.qty),
      since: toDate(r.start_on),
      currency: r.currency,
      unitPrice: money(r.unit_price_minor),
      resaleUnitPrice: optionalMoney(r.resale_unit_minor),
      source: r.source ?? null,
      serials: r.serials ? r.serials.split('\n') : [],
      cancelled: byLine.get(`${int(r.seq)}:${int(r.line_no)}`) ?? [],
    }));
  }

  async addCancellation(c: NewCancellation): Promise<Cancellation> {
    const seq = await insertWithNextId(
      this.sql,
      'cancellation',
      (n) => n,
      async (candidate) =>
        (await this.sql.run(
          `INSERT INTO cancellations (seq, partner_id, pbx_id, whole_pbx, requested_on, effective_on, currency, final_charge_minor, mrr_decrease_minor, pickup, return_status, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
          [
            candidate,
            c.partner,
            c.pbx,
            this.bool(c.wholePbx),
            dateText(c.requestedOn),
            dateText(c.effectiveOn),
            c.currency,
            c.finalChargeTotal,
            c.mrrDecrease,
            c.pickup,
            c.returnStatus,
            c.createdAt,
            c.createdBy,
          ],
        )) === 1,
    );
    for (const l of c.lines) {
      await this.sql.run(
        `INSERT INTO cancellation_lines (cancellation_seq, order_seq, line_no, sku, qty, returned_qty, since, minimum_until, final_charge_minor, serials)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [seq, l.orderSeq, l.lineNo, l.sku, l.qty, l.returnedQty, dateText(l.since), dateText(l.minimumUntil), l.finalCharge, serialsText(l.serials)],
      );
    }
    return { ...c, id: cancellationId(seq), seq, receivedAt: null, undoneAt: null, receivedSerials: [], lines: c.lines.map((l) => ({ ...l, order: orderId(l.orderSeq) })) };
  }

  async cancellations(scope: Scope, filter: { readonly returns?: boolean } = {}): Promise<Cancellation[]> {
    return this.readCancellations(where(partnerClause(scope, 'c.partner_id'), clause('c.undone_at IS NULL'), filter.returns ? clause("c.return_status <> 'none'") : null));
  }

  async cancellation(scope: Scope, seq: number): Promise<Cancellation | null> {
    return (await this.readCancellations(where(clause('c.seq = ?', seq), partnerClause(scope, 'c.partner_id'))))[0] ?? null;
  }

  private async readCancellations(w: { sql: string; params: unknown[] }): Promise<Cancellation[]> {
    const rows = await this.sql.all<CancellationRow>(`SELECT c.* FROM cancellations c${w.sql} ORDER BY c.seq`, w.params);
    if (rows.length === 0) return [];
    const lines = await this.sql.all<{
      cancellation_seq: unknown;
      order_seq: unknown;
      line_no: unknown;
      sku: string;
      qty: unknown;
      returned_qty: unknown;
      since: unknown;
      minimum_until: unknown;
      final_charge_minor: unknown;
      serials: string | null;
    }>(`SELECT cl.* FROM cancellation_lines cl JOIN cancellations c ON c.seq = cl.cancellation_seq${w.sql} ORDER BY cl.cancellation_seq, cl.since, cl.order_seq, cl.line_no`, w.params);
    const bySeq = new Map<number, CancellationLine[]>();
    for (const l of lines) {
      const list = bySeq.get(int(l.cancellation_seq)) ?? [];
      list.push({
        order: orderId(int(l.order_seq)),
        orderSeq: int(l.order_seq),
        lineNo: int(l.line_no),
        sku: l.sku,
        qty: int(l.qty),
        returnedQty: int(l.returned_qty),
        since: toDate(l.since),
        minimumUntil: toDate(l.minimum_until),
        finalCharge: money(l.final_charge_minor),
        serials: serialsOf(l.serials),
      });
      bySeq.set(int(l.cancellation_seq), list);
    }
    return rows.map((r) => ({
      id: cancellationId(int(r.seq)),
      seq: int(r.seq),
      partner: r.partner_id,
      pbx: r.pbx_id,
      wholePbx: flag(r.whole_pbx),
      requestedOn: toDate(r.requested_on),
      effectiveOn: toDate(r.effective_on),
      currency: r.currency,
      finalChargeTotal: money(r.final_charge_minor),
      mrrDecrease: money(r.mrr_decrease_minor),
      pickup: r.pickup,
      returnStatus: r.return_status,
      receivedAt: r.received_at,
      createdAt: r.created_at,
      createdBy: r.created_by,
      lines: bySeq.get(int(r.seq)) ?? [],
      undoneAt: r.undone_at ?? null,
      receivedSerials: serialsOf(r.received_serials),
    }));
  }

  async markReceived(seq: number, at: string, by: string, serials: readonly string[] = []): Promise<boolean> {
    return (
      (await this.sql.run(
        "UPDATE cancellations SET return_status = 'received', received_at = ?, received_by = ?, received_serials = ? WHERE seq = ? AND return_status = 'requested' AND undone_at IS NULL",
        [at, by, serialsText(serials), seq],
      )) === 1
    );
  }

  async recordedSerials(scope: Scope): Promise<Set<string>> {
    const w = where(clause('l.serials IS NOT NULL'), partnerClause(scope, 'o.partner_id'), clause("o.status <> 'cancelled'"));
    const rows = await this.sql.all<{ sku: string; serials: string }>(`SELECT l.sku, l.serials FROM order_lines l JOIN orders o ON o.seq = l.order_seq${w.sql}`, w.params);
    return new Set(rows.flatMap((r) => serialsOf(r.serials).map((s) => `${r.sku}|${s}`)));
  }

  async withSerial(scope: Scope, serial: string): Promise<{ order: string; sku: string; pbx: string }[]> {
    const w = where(clause("l.serials LIKE ? ESCAPE '\\'", containsPattern(serial)), partnerClause(scope, 'o.partner_id'), clause("o.status <> 'cancelled'"));
    const rows = await this.sql.all<{ seq: unknown; sku: string; pbx_id: string; serials: string }>(
      `SELECT o.seq, l.sku, o.pbx_id, l.serials FROM order_lines l JOIN orders o ON o.seq = l.order_seq${w.sql}`,
      w.params,
    );
    return rows.filter((r) => serialsOf(r.serials).includes(serial)).map((r) => ({ order: orderId(int(r.seq)), sku: r.sku, pbx: r.pbx_id }));
  }

  async undoCancellation(seq: number, at: string, by: string): Promise<boolean> {
    return (await this.sql.run("UPDATE cancellations SET undone_at = ?, undone_by = ? WHERE seq = ? AND undone_at IS NULL AND return_status <> 'received'", [at, by, seq])) === 1;
  }

  async addRma(rma: NewRma): Promise<Rma> {
    const seq = await insertWithNextId(
      this.sql,
      'rma',
      (n) => n,
      async (candidate) =>
        (await this.sql.run(
          `INSERT INTO rmas (seq, partner_id, pbx_id, sku, qty, reason, deliver_to, status, created_at, created_by, serials)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
          [candidate, rma.partner, rma.pbx, rma.sku, rma.qty, rma.reason, rma.deliverTo, rma.createdAt, rma.createdBy, serialsText(rma.serials)],
        )) === 1,
    );
    return { ...rma, id: rmaId(seq), seq, status: 'requested', shippedAt: null, closedAt: null };
  }

  async rmas(scope: Scope): Promise<Rma[]> {
    const w = where(partnerClause(scope, 'partner_id'));
    return (await this.sql.all<RmaRow>(`SELECT * FROM rmas${w.sql} ORDER BY seq`, w.params)).map(toRma);
  }

  async rma(scope: Scope, seq: number): Promise<Rma | null> {
    const w = where(clause('seq = ?', seq), partnerClause(scope, 'partner_id'));
    const row = await this.sql.get<RmaRow>(`SELECT * FROM rmas${w.sql}`, w.params);
    return row ? toRma(row) : null;
  }

  async moveRma(seq: number, from: RmaStatus, to: RmaStatus, at: string, by: string): Promise<boolean> {
    const column = to === 'shipped' ? 'shipped' : 'closed';
    return (await this.sql.run(`UPDATE rmas SET status = ?, ${column}_at = ?, ${column}_by = ? WHERE seq = ? AND status = ?`, [to, at, by, seq, from])) === 1;
  }
}
