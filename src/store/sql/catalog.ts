import {
  type BookKey,
  type BookLine,
  type PriceBookSummary,
  type PriceKind,
  type Product,
  type QuoteRecord,
  type QuoteStatus,
  type ResaleRule,
  type ResaleRuleKind,
  type Scope,
  type Tier,
  quoteNumber,
} from '../../domain/kernel/model.js';
import type { CatalogRepository, NewQuoteRecord, PriceBookRepository, QuoteFilter, QuoteRepository, ResaleRepository } from '../../domain/kernel/port.js';
import type { CalendarDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import type { Term } from '../../terms/term.js';
import { type SqlDriver, clause, dateText, flag, int, optionalInt, optionalMoney, partnerClause, placeholders, toDate, where, money } from './driver.js';

/** How a boolean is written: 1/0 in SQLite, true/false in PostgreSQL. */
type Bool = (value: boolean) => unknown;

interface ProductRow {
  sku: string;
  name: string;
  category: string;
  hwaas: unknown;
  stocked: unknown;
  position: unknown;
}

const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  name: row.name,
  category: row.category,
  hwaas: flag(row.hwaas),
  stocked: flag(row.stocked),
  position: int(row.position),
});

const PRODUCT = 'SELECT sku, name, category, hwaas, stocked, position FROM products';

export class SqlCatalog implements CatalogRepository {
  constructor(
    private readonly sql: SqlDriver,
    private readonly bool: Bool,
  ) {}

  async products(): Promise<Product[]> {
    return (await this.sql.all<ProductRow>(`${PRODUCT} ORDER BY position, sku`)).map(toProduct);
  }

  async product(sku: string): Promise<Product | null> {
    const row = await this.sql.get<ProductRow>(`${PRODUCT} WHERE sku = ?`, [sku]);
    return row ? toProduct(row) : null;
  }

  async upsert(product: Product): Promise<void> {
    await this.sql.run(
      `INSERT INTO products (sku, name, category, hwaas, stocked, position) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
         hwaas = excluded.hwaas, stocked = excluded.stocked, position = excluded.position`,
      [product.sku, product.name, product.category, this.bool(product.hwaas), this.bool(product.stocked), product.position],
    );
    // A stocked product has a stock row; a service loses its row unless open orders still reserve it.
    if (product.stocked) await this.sql.run('INSERT INTO stock (sku) VALUES (?) ON CONFLICT (sku) DO NOTHING', [product.sku]);
    else await this.sql.run('DELETE FROM stock WHERE sku = ? AND reserved = 0 AND on_hand = 0', [product.sku]);
  }
}

interface LineRow extends ProductRow {
  capex_minor: unknown;
  monthly_minor: unknown;
  yearly_minor: unknown;
  five_year_minor: unknown;
}

const PRICE_COLUMNS: readonly (readonly [PriceKind, string])[] = [
  ['capex', 'capex_minor'],
  ['monthly', 'monthly_minor'],
  ['yearly', 'yearly_minor'],
  ['five-year', 'five_year_minor'],
];

function toBookLine(row: LineRow): BookLine {
  const prices: Partial<Record<PriceKind, bigint>> = {};
  for (const [kind, column] of PRICE_COLUMNS) {
    const value = optionalMoney(row[column as keyof LineRow]);
    if (value !== null) prices[kind] = value;
  }
  return { ...toProduct(row), prices };
}

export class SqlPriceBooks implements PriceBookRepository {
  constructor(
    private readonly sql: SqlDriver,
    private readonly bool: Bool,
  ) {}

  async list(): Promise<PriceBookSummary[]> {
    const rows = await this.sql.all<{ tier: Tier; currency: string; valid_from: unknown; imported_at: string | null; imported_by: string | null; source: string | null; n: unknown }>(
      `SELECT b.tier, b.currency, b.valid_from, b.imported_at, b.imported_by, b.source, (SELECT COUNT(*) FROM price_book_lines l WHERE l.book_id = b.id) AS n
       FROM price_books b ORDER BY CASE b.tier WHEN 'gold' THEN 1 WHEN 'silver' THEN 2 ELSE 3 END, b.currency, b.valid_from`,
    );
    return rows.map((r) => ({ tier: r.tier, currency: r.currency, validFrom: toDate(r.valid_from), products: int(r.n), importedAt: r.imported_at, importedBy: r.imported_by, source: r.source }));
  }

  async versions(tier: Tier, currency: Currency): Promise<CalendarDate[]> {
    const rows = await this.sql.all<{ valid_from: unknown }>('SELECT valid_from FROM price_books WHERE tier = ? AND currency = ? ORDER BY valid_from', [tier, currency]);
    return rows.map((r) => toDate(r.valid_from));
  }

  async lines(key: BookKey): Promise<BookLine[]> {
    const rows = await this.sql.all<LineRow>(
      `SELECT l.sku, l.name, l.category, l.hwaas, l.stocked, l.position, l.capex_minor, l.monthly_minor, l.yearly_minor, l.five_year_minor
       FROM price_book_lines l JOIN price_books b ON b.id = l.book_id
       WHERE b.tier = ? AND b.currency = ? AND b.valid_from = ? ORDER BY l.position, l.sku`,
      [key.tier, key.currency, dateText(key.validFrom)],
    );
    return rows.map(toBookLine);
  }

  async ensure(key: BookKey, at: string, by: string | null, source: string | null, touch = false): Promise<number> {
    const params = [key.tier, key.currency, dateText(key.validFrom)];
    const found = await this.sql.get<{ id: unknown }>('SELECT id FROM price_books WHERE tier = ? AND currency = ? AND valid_from = ?', params);
    if (found) {
      if (touch) await this.sql.run('UPDATE price_books SET imported_at = ?, imported_by = ?, source = ? WHERE id = ?', [at, by, source, found.id]);
      return int(found.id);
    }
    const next = await this.sql.get<{ id: unknown }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM price_books');
    const id = int(next!.id);
    await this.sql.run('INSERT INTO price_books (id, tier, currency, valid_from, imported_at, imported_by, source) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, ...params, at, by, source]);
    return id;
  }

  async putLine(book: number, line: BookLine): Promise<void> {
    const p = line.prices;
    await this.sql.run(
      `INSERT INTO price_book_lines (book_id, sku, name, category, hwaas, stocked, position, capex_minor, monthly_minor, yearly_minor, five_year_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (book_id, sku) DO UPDATE SET name = excluded.name, category = excluded.category, hwaas = excluded.hwaas, stocked = excluded.stocked,
         position = excluded.position, capex_minor = excluded.capex_minor, monthly_minor = excluded.monthly_minor, yearly_minor = excluded.yearly_minor,
         five_year_minor = excluded.five_year_minor`,
      [book, line.sku, line.name, line.category, this.bool(line.hwaas), this.bool(line.stocked), line.position, p.capex ?? null, p.monthly ?? null, p.yearly ?? null, p['five-year'] ?? null],
    );
  }

  async removeOthers(book: number, keep: ReadonlySet<string>): Promise<number> {
    const skus = (await this.sql.all<{ sku: string }>('SELECT sku FROM price_book_lines WHERE book_id = ?', [book])).map((r) => r.sku).filter((sku) => !keep.has(sku));
    for (const sku of skus) await this.sql.run('DELETE FROM price_book_lines WHERE book_id = ? AND sku = ?', [book, sku]);
    return skus.length;
  }
}

interface RuleRow {
  partner_id: string;
  kind: ResaleRuleKind;
  target: string;
  term: string;
  markup_bp: unknown;
  price_minor: unknown;
  currency: string | null;
}

export class SqlResale implements ResaleRepository {
  constructor(private readonly sql: SqlDriver) {}

  async list(partner: string): Promise<ResaleRule[]> {
    const rows = await this.sql.all<RuleRow>(
      "SELECT * FROM resale_rules WHERE partner_id = ? ORDER BY CASE kind WHEN 'price' THEN 1 WHEN 'sku' THEN 2 WHEN 'category' THEN 3 ELSE 4 END, target, term",
      [partner],
    );
    return rows.map((r) => ({
      partner: r.partner_id,
      kind: r.kind,
      key: r.target,
      term: r.term === '' ? null : (r.term as Term),
      markupBp: optionalInt(r.markup_bp),
      price: optionalMoney(r.price_minor),
      currency: r.currency,
    }));
  }

  async set(rule: ResaleRule): Promise<void> {
    await this.sql.run(
      `INSERT INTO resale_rules (partner_id, kind, target, term, markup_bp, price_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partner_id, kind, target, term) DO UPDATE SET markup_bp = excluded.markup_bp, price_minor = excluded.price_minor, currency = excluded.currency`,
      [rule.partner, rule.kind, rule.key, rule.term ?? '', rule.markupBp, rule.price, rule.currency],
    );
  }

  async clear(partner: string, kind: ResaleRuleKind | null, key: string | null, term: Term | null): Promise<number> {
    const w = where(clause('partner_id = ?', partner), kind !== null && clause('kind = ?', kind), key !== null && clause('target = ?', key), term !== null && clause('term = ?', term));
    return this.sql.run(`DELETE FROM resale_rules${w.sql}`, w.params);
  }
}

interface QuoteRow {
  partner_id: string;
  number: string;
  customer_id: string | null;
  pbx_id: string | null;
  issued_on: unknown;
  valid_until: unknown;
  currency: string;
  total_minor: unknown;
  resale_total_minor: unknown;
  created_at: string;
  created_by: string;
  document: string;
  status: QuoteStatus;
  decided_at: string | null;
  decided_by: string | null;
  order_seq: unknown;
}

const toQuote = (r: QuoteRow): QuoteRecord => ({
  number: r.number,
  partner: r.partner_id,
  customer: r.customer_id,
  pbx: r.pbx_id,
  issuedOn: toDate(r.issued_on),
  validUntil: toDate(r.valid_until),
  currency: r.currency,
  total: money(r.total_minor),
  resaleTotal: money(r.resale_total_minor),
  createdAt: r.created_at,
  createdBy: r.created_by,
  document: r.document,
  status: r.status,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  orderSeq: r.order_seq === null || r.order_seq === undefined ? null : int(r.order_seq),
});

export class SqlQuotes implements QuoteRepository {
  constructor(private readonly sql: SqlDriver) {}

  async add(record: NewQuoteRecord, document: (number: string) => string): Promise<string> {
    const year = Number(dateText(record.issuedOn).slice(0, 4));
    const counter = `quote:${record.partner}:${year}`;
    const seq = await this.sql.nextNumber(counter, true);
    const number = quoteNumber(year, seq);
    await this.sql.run(
      `INSERT INTO quotes (partner_id, number, year, seq, customer_id, pbx_id, issued_on, valid_until, currency, total_minor, resale_total_minor, created_at, created_by, document)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.partner,
        number,
        year,
        seq,
        record.customer,
        record.pbx,
        dateText(record.issuedOn),
        dateText(record.validUntil),
        record.currency,
        record.total,
        record.resaleTotal,
        record.createdAt,
        record.createdBy,
        document(number),
      ],
    );
    return number;
  }

  async list(scope: Scope, filter: QuoteFilter = {}): Promise<QuoteRecord[]> {
    const w = where(partnerClause(scope, 'partner_id'), filter.partner ? clause('partner_id = ?', filter.partner) : null, filter.customer ? clause('customer_id = ?', filter.customer) : null);
    return (await this.sql.all<QuoteRow>(`SELECT * FROM quotes${w.sql} ORDER BY year, partner_id, seq`, w.params)).map(toQuote);
  }

  async get(scope: Scope, number: string): Promise<QuoteRecord[]> {
    const w = where(partnerClause(scope, 'partner_id'), clause('number = ?', number));
    return (await this.sql.all<QuoteRow>(`SELECT * FROM quotes${w.sql} ORDER BY partner_id`, w.params)).map(toQuote);
  }

  async decide(partner: string, number: string, from: readonly QuoteStatus[], to: QuoteStatus, at: string, by: string, orderSeq: number | null = null): Promise<boolean> {
    return (
      (await this.sql.run(
        `UPDATE quotes SET status = ?, decided_at = ?, decided_by = ?, order_seq = COALESCE(?, order_seq) WHERE partner_id = ? AND number = ? AND status IN ${placeholders(from.length)}`,
        [to, at, by, orderSeq, partner, number, ...from],
      )) === 1
    );
  }
}
