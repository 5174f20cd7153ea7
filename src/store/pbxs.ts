import type { Pbx, PbxType, Scope } from '../domain/model.js';
import type { CalendarDate } from '../terms/dates.js';
import type { License } from '../terms/term.js';
import { fromDateText, fromOptionalDateText, toDateText } from './convert.js';
import type { Db } from './db.js';

interface PbxRow {
  id: string;
  customer_id: string;
  partner_id: string;
  name: string;
  type: PbxType;
  license: License;
  activated_on: string;
  cancelled_on: string | null;
}

const toPbx = (row: PbxRow): Pbx => ({
  id: row.id,
  customer: row.customer_id,
  partner: row.partner_id,
  name: row.name,
  type: row.type,
  license: row.license,
  activated: fromDateText(row.activated_on),
  cancelledOn: fromOptionalDateText(row.cancelled_on),
});

const SELECT = `SELECT p.id, p.customer_id, c.partner_id, p.name, p.type, p.license, p.activated_on, p.cancelled_on
  FROM pbxs p JOIN customers c ON c.id = p.customer_id`;

export interface PbxFilter {
  readonly customer?: string | null;
  readonly license?: License | null;
}

export interface NewPbx {
  readonly customer: string;
  readonly name: string;
  readonly type: PbxType;
  readonly license: License;
  readonly activated: CalendarDate;
  readonly cancelledOn?: CalendarDate | null;
}

export class PbxRepository {
  constructor(private readonly db: Db) {}

  list(scope: Scope, filter: PbxFilter = {}): Pbx[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.kind === 'partner') {
      where.push('c.partner_id = ?');
      params.push(scope.partnerId);
    }
    if (filter.customer) {
      where.push('p.customer_id = ?');
      params.push(filter.customer);
    }
    if (filter.license) {
      where.push('p.license = ?');
      params.push(filter.license);
    }
    const sql = SELECT + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ' ORDER BY p.id';
    return (this.db.prepare(sql).all(...params) as PbxRow[]).map(toPbx);
  }

  get(scope: Scope, id: string): Pbx | null {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PbxRow | undefined;
    if (!row || (scope.kind === 'partner' && row.partner_id !== scope.partnerId)) return null;
    return toPbx(row);
  }

  /** Inserts with the next free PBX-nnnn ID. Call inside a write transaction. */
  add(pbx: NewPbx, id?: string): string {
    const newId = id ?? this.nextId();
    this.db
      .prepare('INSERT INTO pbxs (id, customer_id, name, type, license, activated_on, cancelled_on) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(newId, pbx.customer, pbx.name, pbx.type, pbx.license, toDateText(pbx.activated), pbx.cancelledOn ? toDateText(pbx.cancelledOn) : null);
    return newId;
  }

  private nextId(): string {
    const max = this.db
      .prepare("SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM pbxs WHERE id GLOB 'PBX-[0-9]*'")
      .pluck()
      .get() as bigint | null;
    return `PBX-${String(Math.max(Number(max ?? 0n), 1000) + 1)}`;
  }
}
