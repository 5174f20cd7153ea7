/**
 * Migrations, applied in order; the store's `PRAGMA user_version` is the number
 * of migrations it has. Never edit a migration that has shipped: add one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema
  `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE partners (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    country            TEXT NOT NULL,
    currency           TEXT NOT NULL CHECK (currency IN ('EUR', 'GBP', 'USD')),
    area_manager_name  TEXT NOT NULL,
    area_manager_email TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('staff', 'partner')),
    partner_id TEXT REFERENCES partners (id),
    CHECK ((role = 'partner') = (partner_id IS NOT NULL))
  ) WITHOUT ROWID;

  CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    name       TEXT NOT NULL,
    search_key TEXT NOT NULL,
    country    TEXT,
    vat        TEXT,
    email      TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX customers_by_partner ON customers (partner_id, search_key, id);

  CREATE TABLE pbxs (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    name         TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type IN ('cloud', 'virtual', 'hardware')),
    license      TEXT NOT NULL CHECK (license IN ('monthly', 'yearly', 'five-year', 'perpetual')),
    activated_on TEXT NOT NULL,
    cancelled_on TEXT,
    CHECK (cancelled_on IS NULL OR cancelled_on > activated_on)
  );
  CREATE INDEX pbxs_by_customer ON pbxs (customer_id, id);

  CREATE TABLE products (
    sku      TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    category TEXT NOT NULL,
    hwaas    INTEGER NOT NULL CHECK (hwaas IN (0, 1)),
    -- 0 for services (CLASSOUND): nothing leaves a warehouse, so nothing is reserved
    stocked  INTEGER NOT NULL DEFAULT 1 CHECK (stocked IN (0, 1)),
    position INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- kind: 'capex' is the purchase price; a term id is the OpEx price per device per term.
  CREATE TABLE prices (
    sku          TEXT NOT NULL REFERENCES products (sku) ON DELETE CASCADE,
    currency     TEXT NOT NULL CHECK (currency IN ('EUR', 'GBP', 'USD')),
    kind         TEXT NOT NULL CHECK (kind IN ('capex', 'monthly', 'yearly', 'five-year')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (sku, currency, kind)
  ) WITHOUT ROWID;

  CREATE TABLE stock (
    sku      TEXT PRIMARY KEY REFERENCES products (sku) ON DELETE CASCADE,
    on_hand  INTEGER NOT NULL DEFAULT 0,
    reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0)
  ) WITHOUT ROWID;

  CREATE TABLE orders (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id          TEXT NOT NULL REFERENCES partners (id),
    customer_id         TEXT NOT NULL REFERENCES customers (id),
    pbx_id              TEXT NOT NULL REFERENCES pbxs (id),
    term                TEXT NOT NULL CHECK (term IN ('monthly', 'yearly', 'five-year')),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'placed', 'approved', 'shipped', 'cancelled')),
    currency            TEXT NOT NULL,
    start_on            TEXT,
    end_on              TEXT,
    period_start        TEXT,
    days                INTEGER,
    period_days         INTEGER,
    total_minor         INTEGER,
    renewal_total_minor INTEGER,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL REFERENCES users (id),
    placed_at           TEXT,
    warnings            TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX orders_by_partner ON orders (partner_id, seq);
  CREATE INDEX orders_by_pbx ON orders (pbx_id, status);

  CREATE TABLE order_lines (
    order_seq        INTEGER NOT NULL REFERENCES orders (seq) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    sku              TEXT NOT NULL REFERENCES products (sku),
    name             TEXT NOT NULL,
    qty              INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 10000),
    price_override   INTEGER,
    unit_price_minor INTEGER,
    amount_minor     INTEGER,
    renewal_minor    INTEGER,
    PRIMARY KEY (order_seq, line_no)
  ) WITHOUT ROWID;

  CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,
    order_seq   INTEGER NOT NULL REFERENCES orders (seq) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    by_user     TEXT NOT NULL REFERENCES users (id),
    from_status TEXT,
    to_status   TEXT NOT NULL
  );
  CREATE INDEX order_events_by_order ON order_events (order_seq, id);

  CREATE TABLE agreements (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    signed_on   TEXT NOT NULL,
    file        TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id)
  );
  CREATE INDEX agreements_by_customer ON agreements (customer_id);

  CREATE TABLE invoices (
    number       TEXT PRIMARY KEY,
    partner_id   TEXT NOT NULL REFERENCES partners (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    paid_on      TEXT
  ) WITHOUT ROWID;
  CREATE INDEX invoices_by_partner ON invoices (partner_id, due_on);
  `,
  // 2: trust. A store has a mode (live or sandbox); each order line records what it
  // reserved, so release and shipping never depend on today's catalog; a line records
  // the list price beside a negotiated one; a draft records its estimate when saved.
  `
  ALTER TABLE order_lines ADD COLUMN reserved_qty INTEGER NOT NULL DEFAULT 0 CHECK (reserved_qty >= 0);
  ALTER TABLE order_lines ADD COLUMN list_price_minor INTEGER;
  ALTER TABLE orders ADD COLUMN saved_total_minor INTEGER;
  UPDATE order_lines SET reserved_qty = qty
    WHERE sku IN (SELECT sku FROM products WHERE stocked = 1)
      AND order_seq IN (SELECT seq FROM orders WHERE status IN ('placed', 'approved'));
  INSERT INTO settings (key, value)
    SELECT 'mode', CASE WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'demo_loaded' AND value = '1') THEN 'sandbox' ELSE 'live' END
    WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'mode');
  PRAGMA application_id = ${0x48574153};
  `,
  // 3: counters for generated IDs, so that a backend where a partner sees only its own
  // rows (PostgreSQL with row-level security) never hands out an ID that is taken.
  `
  CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO counters (name, value) VALUES
    ('customer', COALESCE((SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM customers WHERE id GLOB 'CUS-[0-9]*'), 0)),
    ('pbx', MAX(1000, COALESCE((SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM pbxs WHERE id GLOB 'PBX-[0-9]*'), 0)));
  -- Users are found by ID or by e-mail in any case, with the same SQL on every backend.
  CREATE INDEX users_by_lower_email ON users (lower(email));
  `,
  // 4: the columns of the PostgreSQL schema, so that a store copies either way: the
  // login role of a user (unused in a SQLite file, kept from a PostgreSQL store).
  `
  ALTER TABLE users ADD COLUMN db_role TEXT;
  CREATE UNIQUE INDEX users_by_db_role ON users (db_role);
  `,
  // 5: real data. A partner's tier (which price book applies); a user staff disabled
  // (it cannot act; its orders and events keep naming it); counters for the IDs of
  // partners and users that staff now add.
  `
  ALTER TABLE partners ADD COLUMN tier TEXT NOT NULL DEFAULT 'reseller' CHECK (tier IN ('gold', 'silver', 'reseller'));
  ALTER TABLE users ADD COLUMN disabled_at TEXT;
  INSERT INTO counters (name, value) VALUES
    ('partner', COALESCE((SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM partners WHERE id GLOB 'PTR-[0-9]*'), 0)),
    ('user', COALESCE((SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM users WHERE id GLOB 'USR-[0-9]*'), 0)),
    ('order', COALESCE((SELECT MAX(seq) FROM orders), 0)),
    ('agreement', COALESCE((SELECT MAX(seq) FROM agreements), 0));
  `,
  // 6: real prices. Price books per partner tier and currency, each valid from a date
  // (the 0.1 catalog's prices become one per tier, valid from 2000-01-01: quotes do not
  // change on upgrade); a partner's resale rules; the quotes it issued to its customers;
  // the resale price an order line was placed at.
  `
  CREATE TABLE price_books (
    id          INTEGER PRIMARY KEY,
    tier        TEXT NOT NULL CHECK (tier IN ('gold', 'silver', 'reseller')),
    currency    TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    valid_from  TEXT NOT NULL,
    imported_at TEXT,
    imported_by TEXT REFERENCES users (id),
    source      TEXT,
    UNIQUE (tier, currency, valid_from)
  );
  CREATE TABLE price_book_lines (
    book_id         INTEGER NOT NULL REFERENCES price_books (id) ON DELETE CASCADE,
    sku             TEXT NOT NULL REFERENCES products (sku),
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    hwaas           INTEGER NOT NULL CHECK (hwaas IN (0, 1)),
    stocked         INTEGER NOT NULL CHECK (stocked IN (0, 1)),
    position        INTEGER NOT NULL,
    capex_minor     INTEGER CHECK (capex_minor >= 0),
    monthly_minor   INTEGER CHECK (monthly_minor >= 0),
    yearly_minor    INTEGER CHECK (yearly_minor >= 0),
    five_year_minor INTEGER CHECK (five_year_minor >= 0),
    PRIMARY KEY (book_id, sku)
  ) WITHOUT ROWID;
  INSERT INTO price_books (id, tier, currency, valid_from, source)
    SELECT ROW_NUMBER() OVER (ORDER BY t.n, c.currency), t.tier, c.currency, '2000-01-01', 'the catalog of hwaas 0.1'
    FROM (SELECT 1 AS n, 'gold' AS tier UNION ALL SELECT 2, 'silver' UNION ALL SELECT 3, 'reseller') t, (SELECT DISTINCT currency FROM prices) c;
  INSERT INTO price_book_lines (book_id, sku, name, category, hwaas, stocked, position, capex_minor, monthly_minor, yearly_minor, five_year_minor)
    SELECT b.id, p.sku, p.name, p.category, p.hwaas, p.stocked, p.position,
      (SELECT amount_minor FROM prices x WHERE x.sku = p.sku AND x.currency = b.currency AND x.kind = 'capex'),
      (SELECT amount_minor FROM prices x WHERE x.sku = p.sku AND x.currency = b.currency AND x.kind = 'monthly'),
      (SELECT amount_minor FROM prices x WHERE x.sku = p.sku AND x.currency = b.currency AND x.kind = 'yearly'),
      (SELECT amount_minor FROM prices x WHERE x.sku = p.sku AND x.currency = b.currency AND x.kind = 'five-year')
    FROM price_books b JOIN products p ON EXISTS (SELECT 1 FROM prices x WHERE x.sku = p.sku AND x.currency = b.currency);
  DROP TABLE prices;

  CREATE TABLE resale_rules (
    partner_id  TEXT NOT NULL REFERENCES partners (id),
    kind        TEXT NOT NULL CHECK (kind IN ('default', 'category', 'sku', 'price')),
    target      TEXT NOT NULL,
    term        TEXT NOT NULL DEFAULT '' CHECK (term IN ('', 'monthly', 'yearly', 'five-year')),
    markup_bp   INTEGER CHECK (markup_bp BETWEEN 0 AND 100000),
    price_minor INTEGER CHECK (price_minor >= 0),
    currency    TEXT,
    CHECK (CASE WHEN kind = 'price' THEN price_minor IS NOT NULL AND markup_bp IS NULL AND term <> '' AND currency IS NOT NULL
                ELSE markup_bp IS NOT NULL AND price_minor IS NULL AND term = '' END),
    PRIMARY KEY (partner_id, kind, target, term)
  ) WITHOUT ROWID;

  CREATE TABLE quotes (
    partner_id         TEXT NOT NULL REFERENCES partners (id),
    number             TEXT NOT NULL,
    year               INTEGER NOT NULL,
    seq                INTEGER NOT NULL CHECK (seq > 0),
    customer_id        TEXT REFERENCES customers (id),
    pbx_id             TEXT REFERENCES pbxs (id),
    issued_on          TEXT NOT NULL,
    valid_until        TEXT NOT NULL,
    currency           TEXT NOT NULL,
    total_minor        INTEGER NOT NULL,
    resale_total_minor INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL REFERENCES users (id),
    document           TEXT NOT NULL,
    PRIMARY KEY (partner_id, number)
  ) WITHOUT ROWID;

  ALTER TABLE order_lines ADD COLUMN resale_unit_minor INTEGER CHECK (resale_unit_minor >= 0);
  `,
  // 7: after checkout. A PBX's changes of term (each a segment from its own start); the
  // cancellations of services (devices stop at the end of a period, with the six-month
  // minimum's final charge, and go back as a return); replacements of faulty devices.
  `
  CREATE TABLE term_changes (
    pbx_id       TEXT NOT NULL REFERENCES pbxs (id),
    from_on      TEXT NOT NULL,
    term         TEXT NOT NULL CHECK (term IN ('monthly', 'yearly', 'five-year')),
    requested_at TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (pbx_id, from_on)
  ) WITHOUT ROWID;
  CREATE TABLE cancellations (
    seq                INTEGER PRIMARY KEY CHECK (seq > 0),
    partner_id         TEXT NOT NULL REFERENCES partners (id),
    pbx_id             TEXT NOT NULL REFERENCES pbxs (id),
    whole_pbx          INTEGER NOT NULL CHECK (whole_pbx IN (0, 1)),
    requested_on       TEXT NOT NULL,
    effective_on       TEXT NOT NULL,
    currency           TEXT NOT NULL,
    final_charge_minor INTEGER NOT NULL CHECK (final_charge_minor >= 0),
    mrr_decrease_minor INTEGER NOT NULL CHECK (mrr_decrease_minor >= 0),
    pickup             TEXT CHECK (pickup IN ('end-user', 'partner')),
    return_status      TEXT NOT NULL CHECK (return_status IN ('none', 'requested', 'received')),
    received_at        TEXT,
    received_by        TEXT REFERENCES users (id),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL REFERENCES users (id)
  );
  CREATE INDEX cancellations_by_pbx ON cancellations (pbx_id);
  CREATE TABLE cancellation_lines (
    cancellation_seq   INTEGER NOT NULL REFERENCES cancellations (seq),
    order_seq          INTEGER NOT NULL,
    line_no            INTEGER NOT NULL,
    sku                TEXT NOT NULL,
    qty                INTEGER NOT NULL CHECK (qty > 0),
    returned_qty       INTEGER NOT NULL CHECK (returned_qty BETWEEN 0 AND qty),
    since              TEXT NOT NULL,
    minimum_until      TEXT NOT NULL,
    final_charge_minor INTEGER NOT NULL CHECK (final_charge_minor >= 0),
    PRIMARY KEY (cancellation_seq, order_seq, line_no),
    FOREIGN KEY (order_seq, line_no) REFERENCES order_lines (order_seq, line_no)
  ) WITHOUT ROWID;
  CREATE TABLE rmas (
    seq        INTEGER PRIMARY KEY CHECK (seq > 0),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    pbx_id     TEXT NOT NULL REFERENCES pbxs (id),
    sku        TEXT NOT NULL REFERENCES products (sku),
    qty        INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 5),
    reason     TEXT NOT NULL,
    deliver_to TEXT NOT NULL CHECK (deliver_to IN ('end-user', 'partner')),
    status     TEXT NOT NULL CHECK (status IN ('requested', 'shipped', 'closed')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    shipped_at TEXT,
    shipped_by TEXT REFERENCES users (id),
    closed_at  TEXT,
    closed_by  TEXT REFERENCES users (id)
  );
  INSERT INTO counters (name, value) VALUES ('cancellation', 0), ('rma', 0);
  `,
  // 8: hwaas 0.5. What a customer is found by, in one column (customerSearchText): a
  // search of 200,000 customers is one comparison per row. What a line renews for on the
  // resale side, fixed at checkout (after a change of term it is not unit price × qty).
  `
  ALTER TABLE order_lines ADD COLUMN resale_renewal_minor INTEGER CHECK (resale_renewal_minor >= 0);
  ALTER TABLE customers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
  UPDATE customers SET search_text = search_key || char(1) || lower(id) || char(1) || replace(lower(COALESCE(vat, '')), ' ', '') || char(1) || lower(COALESCE(email, ''));
  `,
  // 9: hwaas 0.5. The tokens users reach a shared store with, through \`hwaas serve\`: only
  // the secret's hash is kept.
  `
  CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    hash         TEXT NOT NULL CHECK (length(hash) = 64),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users (id),
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT
  ) WITHOUT ROWID;
  CREATE INDEX tokens_by_user ON tokens (user_id);
  `,
  // 10: hwaas 0.5. Wildix staff acting as a partner's user through a server: the event names both.
  `
  ALTER TABLE order_events ADD COLUMN acted_by TEXT REFERENCES users (id);
  `,
  // 11: hwaas 0.6, a partner's whole book. The partner's identity on its documents; a
  // customer's address and contact; service lines brought in (an order whose source is
  // 'import') or made from a quote; serial numbers of shipped devices; a quote's decision;
  // cancellations undone before they took effect; corrections as events.
  `
  ALTER TABLE partners ADD COLUMN legal_name TEXT;
  ALTER TABLE partners ADD COLUMN address TEXT;
  ALTER TABLE partners ADD COLUMN vat TEXT;
  ALTER TABLE partners ADD COLUMN email TEXT;
  ALTER TABLE partners ADD COLUMN phone TEXT;
  ALTER TABLE partners ADD COLUMN logo TEXT;
  ALTER TABLE partners ADD COLUMN payment_terms TEXT;
  ALTER TABLE partners ADD COLUMN footer TEXT;
  ALTER TABLE customers ADD COLUMN address TEXT;
  ALTER TABLE customers ADD COLUMN contact TEXT;
  ALTER TABLE orders ADD COLUMN source TEXT CHECK (source IN ('import', 'quote'));
  ALTER TABLE orders ADD COLUMN quote_number TEXT;
  ALTER TABLE order_lines ADD COLUMN serials TEXT;
  ALTER TABLE quotes ADD COLUMN status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined', 'ordered'));
  ALTER TABLE quotes ADD COLUMN decided_at TEXT;
  ALTER TABLE quotes ADD COLUMN decided_by TEXT REFERENCES users (id);
  ALTER TABLE quotes ADD COLUMN order_seq INTEGER REFERENCES orders (seq);
  ALTER TABLE cancellations ADD COLUMN undone_at TEXT;
  ALTER TABLE cancellations ADD COLUMN undone_by TEXT REFERENCES users (id);
  ALTER TABLE rmas ADD COLUMN serials TEXT;
  ALTER TABLE cancellation_lines ADD COLUMN serials TEXT;
  ALTER TABLE cancellations ADD COLUMN received_serials TEXT;
  CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    at         TEXT NOT NULL,
    by_user    TEXT NOT NULL REFERENCES users (id),
    acted_by   TEXT REFERENCES users (id),
    subject    TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL
  );
  CREATE INDEX events_by_subject ON events (subject, id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
