import type { Repositories } from '../../domain/kernel/port.js';
import { SqlCatalog, SqlPriceBooks, SqlQuotes, SqlResale } from './catalog.js';
import { SqlCustomers } from './customers.js';
import type { SqlDriver } from './driver.js';
import { SqlAgreements, SqlInvoices, SqlStock } from './ledger.js';
import { SqlOrders } from './orders.js';
import { SqlParties, SqlSettings } from './parties.js';
import { SqlPbxs } from './pbxs.js';
import { SqlServices } from './services.js';
import { SqlTokens } from './tokens.js';

/** Every repository of the port over one SQL connection; the same classes for SQLite and PostgreSQL. */
export function sqlRepositories(sql: SqlDriver): Repositories {
  const bool = (b: boolean) => sql.flag(b);
  return {
    settings: new SqlSettings(sql),
    tokens: new SqlTokens(sql),
    catalog: new SqlCatalog(sql, bool),
    pricebooks: new SqlPriceBooks(sql, bool),
    resale: new SqlResale(sql),
    quotes: new SqlQuotes(sql),
    parties: new SqlParties(sql),
    customers: new SqlCustomers(sql),
    pbxs: new SqlPbxs(sql),
    orders: new SqlOrders(sql),
    invoices: new SqlInvoices(sql),
    agreements: new SqlAgreements(sql),
    stock: new SqlStock(sql),
    services: new SqlServices(sql, bool),
  };
}

/** The SQL of `db check`'s reservation rule: stock reserved must equal what open orders' lines reserved. */
export const RESERVATION_MISMATCHES = `WITH held AS (
    SELECT l.sku, SUM(l.reserved_qty) AS expected FROM order_lines l
    JOIN orders o ON o.seq = l.order_seq AND o.status IN ('placed', 'approved')
    GROUP BY l.sku)
  SELECT s.sku, s.reserved, COALESCE(h.expected, 0) AS expected FROM stock s LEFT JOIN held h ON h.sku = s.sku
    WHERE s.reserved <> COALESCE(h.expected, 0)
  UNION ALL
  SELECT h.sku, 0, h.expected FROM held h WHERE h.expected <> 0 AND NOT EXISTS (SELECT 1 FROM stock s WHERE s.sku = h.sku)`;

/** The SQL of `db check`'s order rules: every order has its lines and its events, and a placed one its amounts. */
export const ORDER_INVARIANTS = `SELECT 'order ' || o.seq || ' has no lines' AS problem FROM orders o
    WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_seq = o.seq)
  UNION ALL
  SELECT 'order ' || o.seq || ' has no event of its creation' FROM orders o
    WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_seq = o.seq AND e.to_status = (CASE WHEN o.source = 'import' THEN 'shipped' ELSE 'draft' END))
  UNION ALL
  SELECT 'order ' || o.seq || ' is ' || o.status || ' without its fixed amounts' FROM orders o
    WHERE o.status IN ('placed', 'approved', 'shipped') AND o.total_minor IS NULL
  UNION ALL
  SELECT 'order ' || o.seq || ' is ' || o.status || ' without the event that placed it' FROM orders o
    WHERE o.status IN ('placed', 'approved', 'shipped') AND COALESCE(o.source, '') <> 'import' AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_seq = o.seq AND e.to_status = 'placed')`;
