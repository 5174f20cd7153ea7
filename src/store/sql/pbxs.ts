import { type Pbx, type PbxType, type Scope, scopedPartner } from '../../domain/kernel/model.js';
import type { NewPbx, PbxFilter, PbxRepository } from '../../domain/kernel/port.js';
import type { CalendarDate } from '../../terms/dates.js';
import type { TermSegment } from '../../terms/period.js';
import type { License, Term } from '../../terms/term.js';
import { type SqlDriver, clause, dateText, highestNumbered, insertWithNextId, optionalDate, partnerClause, placeholders, raiseCounter, toDate, where } from './driver.js';

interface PbxRow {
  id: string;
  customer_id: string;
  partner_id: string;
  name: string;
  type: PbxType;
  license: License;
  activated_on: unknown;
  cancelled_on: unknown;
}

const toPbx = (row: PbxRow, termChanges: readonly TermSegment[] = []): Pbx => ({
  id: row.id,
  customer: row.customer_id,
  partner: row.partner_id,
  name: row.name,
  type: row.type,
  license: row.license,
  activated: toDate(row.activated_on),
  cancelledOn: optionalDate(row.cancelled_on),
  termChanges,
});

const FROM = 'FROM pbxs p JOIN customers c ON c.id = p.customer_id';
const PBX = `SELECT p.id, p.customer_id, c.partner_id, p.name, p.type, p.license, p.activated_on, p.cancelled_on ${FROM}`;
const CHANGES = `SELECT t.pbx_id, t.from_on, t.term FROM term_changes t JOIN pbxs p ON p.id = t.pbx_id JOIN customers c ON c.id = p.customer_id`;

export class SqlPbxs implements PbxRepository {
  constructor(private readonly sql: SqlDriver) {}

  /** The PBXs that match, each with its changes of term (read with the same filter). */
  private async select(w: { sql: string; params: unknown[] }, order = ''): Promise<Pbx[]> {
    const rows = await this.sql.all<PbxRow>(`${PBX}${w.sql}${order}`, w.params);
    if (rows.length === 0) return [];
    const changes = new Map<string, TermSegment[]>();
    for (const t of await this.sql.all<{ pbx_id: string; from_on: unknown; term: Term }>(`${CHANGES}${w.sql} ORDER BY t.pbx_id, t.from_on`, w.params)) {
      const list = changes.get(t.pbx_id) ?? [];
      list.push({ from: toDate(t.from_on), term: t.term });
      changes.set(t.pbx_id, list);
    }
    return rows.map((row) => toPbx(row, changes.get(row.id)));
  }

  async list(scope: Scope, filter: PbxFilter = {}): Promise<Pbx[]> {
    const w = where(partnerClause(scope, 'c.partner_id'), filter.customer ? clause('p.customer_id = ?', filter.customer) : null, filter.license ? clause('p.license = ?', filter.license) : null);
    return this.select(w, ' ORDER BY p.id');
  }

  async get(scope: Scope, id: string): Promise<Pbx | null> {
    return (await this.select(where(clause('p.id = ?', id), partnerClause(scope, 'c.partner_id'))))[0] ?? null;
  }

  async getMany(scope: Scope, ids: readonly string[]): Promise<Pbx[]> {
    if (ids.length === 0) return [];
    // By key alone, the scope checked on the rows (see customers' getMany).
    const partner = scopedPartner(scope);
    let wanted = [...ids];
    if (partner !== null) {
      const owners = await this.sql.all<{ id: string; partner_id: string }>(
        `SELECT p.id, c.partner_id FROM pbxs p JOIN customers c ON c.id = p.customer_id WHERE p.id IN ${placeholders(ids.length)}`,
        wanted,
      );
      wanted = owners.filter((o) => o.partner_id === partner).map((o) => o.id);
      if (wanted.length === 0) return [];
    }
    return this.select(where(clause(`p.id IN ${placeholders(wanted.length)}`, ...wanted)));
  }

  async addTermChange(pbx: string, from: CalendarDate, term: Term, at: string, by: string): Promise<void> {
    await this.sql.run('INSERT INTO term_changes (pbx_id, from_on, term, requested_at, requested_by) VALUES (?, ?, ?, ?, ?)', [pbx, dateText(from), term, at, by]);
  }

  async lock(pbx: string): Promise<void> {
    await this.lockMany([pbx]);
  }

  async lockMany(ids: readonly string[]): Promise<void> {
    if (this.sql.forUpdate === '' || ids.length === 0) return;
    // In ID order: two transactions that lock some of the same PBXs wait, never deadlock.
    await this.sql.all(`SELECT id FROM pbxs WHERE id IN ${placeholders(ids.length)} ORDER BY id${this.sql.forUpdate}`, [...ids].sort());
  }

  async setCancelledOn(pbx: string, on: CalendarDate | null): Promise<void> {
    await this.sql.run('UPDATE pbxs SET cancelled_on = ? WHERE id = ?', [on === null ? null : dateText(on), pbx]);
  }

  async removeTermChange(pbx: string, from: CalendarDate): Promise<boolean> {
    return (await this.sql.run('DELETE FROM term_changes WHERE pbx_id = ? AND from_on = ?', [pbx, dateText(from)])) === 1;
  }

  async insertMany(pbxs: readonly (NewPbx & { readonly id: string })[]): Promise<Set<string>> {
    if (pbxs.length === 0) return new Set();
    const rows = await this.sql.all<{ id: string }>(
      `INSERT INTO pbxs (id, customer_id, name, type, license, activated_on, cancelled_on) VALUES ${pbxs.map(() => placeholders(7)).join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      pbxs.flatMap((p) => [p.id, p.customer, p.name, p.type, p.license, dateText(p.activated), p.cancelledOn ? dateText(p.cancelledOn) : null]),
    );
    const inserted = new Set(rows.map((r) => r.id));
    const highest = highestNumbered(inserted, /^PBX-(\d{1,15})$/);
    if (highest) await raiseCounter(this.sql, 'pbx', highest, /^PBX-(\d{1,15})$/);
    return inserted;
  }

  async update(id: string, p: NewPbx): Promise<void> {
    await this.sql.run('UPDATE pbxs SET customer_id = ?, name = ?, type = ?, license = ?, activated_on = ?, cancelled_on = ? WHERE id = ?', [
      p.customer,
      p.name,
      p.type,
      p.license,
      dateText(p.activated),
      p.cancelledOn ? dateText(p.cancelledOn) : null,
      id,
    ]);
  }

  async withOrders(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.sql.all<{ pbx_id: string }>(`SELECT DISTINCT pbx_id FROM orders WHERE status <> 'cancelled' AND pbx_id IN ${placeholders(ids.length)}`, ids);
    return new Set(rows.map((r) => r.pbx_id));
  }

  async add(pbx: NewPbx, id?: string): Promise<string> {
    const insert = async (candidate: string) =>
      (await this.sql.run('INSERT INTO pbxs (id, customer_id, name, type, license, activated_on, cancelled_on) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
        candidate,
        pbx.customer,
        pbx.name,
        pbx.type,
        pbx.license,
        dateText(pbx.activated),
        pbx.cancelledOn ? dateText(pbx.cancelledOn) : null,
      ])) === 1;
    if (id === undefined) return insertWithNextId(this.sql, 'pbx', (n) => `PBX-${n}`, insert);
    if (!(await insert(id))) throw new Error(`PBX ${id} exists`);
    await raiseCounter(this.sql, 'pbx', id, /^PBX-(\d{1,15})$/);
    return id;
  }
}
