import { type CalendarDate, formatDate } from '../terms/dates.js';
import { CURRENCIES, type Currency, isCurrency } from '../terms/money.js';
import { parseLicense } from '../terms/term.js';
import { checkCountry, checkEmail, checkName, checkVat } from './customers.js';
import type { ImportKind, ImportKindSpec, RowReader } from './imports.js';
import { type Agreement, type Customer, type Invoice, PBX_TYPES, type Partner, type Pbx, type PbxType, type Product, type StockLevel } from './model.js';
import type { NewPbx } from './port.js';
import { checkText } from './text.js';

/**
 * The five kinds of `hwaas import`: their columns (canonical names first, then the
 * other names a header may use), and the rules each row meets: those of the command
 * that adds one by hand (customers add, pbx add, agreements add, stock set), so a file
 * cannot store what a person could not type.
 */

/** IDs, invoice numbers and SKUs are kept in capitals, as hwaas makes its own. */
export const ID_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

function idOf(row: RowReader, column: string, what: string): string | undefined {
  return (
    row.text(column, true, (text) => {
      const id = text.trim().toUpperCase();
      if (!ID_PATTERN.test(id)) row.say(column, `"${text.trim()}" is not ${what} (letters, digits, dots, dashes, slashes; at most 40)`);
      return ID_PATTERN.test(id) ? id : undefined;
    }) ?? undefined
  );
}

/** A value of a column that may be absent: undefined keeps what is stored. */
const keep = <T>(value: T | null | undefined, stored: T | null): T | null => (value === undefined ? stored : value);

// ─── customers ──────────────────────────────────────────────────────────────────

interface CustomerRecord {
  readonly id: string;
  readonly partner: string;
  readonly name: string;
  readonly country: string | null | undefined;
  readonly vat: string | null | undefined;
  readonly email: string | null | undefined;
}

interface PartnersEnv {
  readonly partners: ReadonlyMap<string, Partner>;
}

/** The partner a row is for: a partner's user's own (a row naming another is an error), or for staff the one named. */
function partnerOfRow(row: RowReader, env: PartnersEnv, own: string | null): string | undefined {
  const named = row.text('partner', own === null, (t) => t.trim().toUpperCase());
  if (own !== null) {
    if (named && named !== own) {
      row.say('partner', `${named} is not your partner: you import for ${own} (leave the column out or blank)`);
      return undefined;
    }
    return own;
  }
  if (!named) return undefined;
  if (!env.partners.has(named)) {
    row.say('partner', `partner ${named} not found (\`hwaas partners list\`)`);
    return undefined;
  }
  return named;
}

export const customersImport: ImportKindSpec<CustomerRecord, PartnersEnv> = {
  columns: [
    { name: 'id', required: true, synonyms: ['customer id', 'customer no', 'customer number', 'customer code', 'client id', 'code'] },
    { name: 'name', required: true, synonyms: ['company', 'company name', 'customer name', 'customer', 'client'] },
    { name: 'country', required: false, synonyms: ['country code', 'cc'] },
    { name: 'vat', required: false, synonyms: ['vat number', 'vat no', 'vat id', 'tax id'] },
    { name: 'email', required: false, synonyms: ['mail', 'email address', 'contact email'] },
    { name: 'partner', required: 'staff', synonyms: ['partner id', 'reseller'] },
  ],
  key: 'id',
  staffOnly: false,
  async prepare(tx) {
    return { partners: new Map((await tx.parties.partners()).map((p) => [p.id, p])) };
  },
  parse(row, env, actor) {
    const id = idOf(row, 'id', 'a customer ID');
    const name = row.text('name', true, checkName);
    const country = row.text('country', false, (t, l) => checkCountry(t, l));
    const vat = row.text('vat', false, (t, l) => checkVat(t, l));
    const email = row.text('email', false, (t, l) => checkEmail(t, l));
    const partner = partnerOfRow(row, env, actor.scope.kind === 'partner' ? actor.scope.partnerId : null);
    if (!id || !name || !partner) return null;
    return { id, partner, name, country, vat, email };
  },
  keyOf: (r) => r.id,
  async apply(tx, _env, actor, batch, counts) {
    const existing = new Map((await tx.customers.getMany(actor.scope, batch.map((b) => b.record.id))).map((c) => [c.id, c]));
    const fresh: { row: RowReader; customer: Customer }[] = [];
    for (const { row, record } of batch) {
      const stored = existing.get(record.id);
      if (!stored) {
        fresh.push({ row, customer: { id: record.id, partner: record.partner, name: record.name, country: record.country ?? null, vat: record.vat ?? null, email: record.email ?? null } });
        continue;
      }
      if (stored.partner !== record.partner) {
        row.say('partner', `${record.id} belongs to ${stored.partner}; an import does not move customers between partners`);
        continue;
      }
      const next: Customer = { ...stored, name: record.name, country: keep(record.country, stored.country), vat: keep(record.vat, stored.vat), email: keep(record.email, stored.email) };
      if (next.name === stored.name && next.country === stored.country && next.vat === stored.vat && next.email === stored.email) counts.unchanged++;
      else {
        await tx.customers.update(next);
        counts.updated++;
      }
    }
    const inserted = await tx.customers.insertMany(
      fresh.map((f) => f.customer),
      actor.at,
    );
    for (const { row, customer } of fresh) {
      if (inserted.has(customer.id)) counts.created++;
      else row.say('id', `${customer.id} is already the ID of another customer; give this one its own`);
    }
  },
};

// ─── PBXs ───────────────────────────────────────────────────────────────────────

interface PbxRecord extends NewPbx {
  readonly id: string;
  readonly cancelledGiven: boolean;
}

export const pbxsImport: ImportKindSpec<PbxRecord, null> = {
  columns: [
    { name: 'id', required: true, synonyms: ['pbx id', 'pbx', 'serial', 'serial number'] },
    { name: 'customer', required: true, synonyms: ['customer id', 'client', 'client id'] },
    { name: 'name', required: true, synonyms: ['pbx name', 'label'] },
    { name: 'type', required: true, synonyms: ['pbx type', 'deployment'] },
    { name: 'license', required: true, synonyms: ['licence', 'license type', 'licence type', 'license term', 'licence term', 'term', 'subscription'] },
    { name: 'activated', required: true, synonyms: ['activated on', 'activation date', 'activation', 'start date'] },
    { name: 'cancelled', required: false, synonyms: ['cancelled on', 'canceled', 'canceled on', 'cancellation date', 'end date'] },
  ],
  key: 'id',
  staffOnly: false,
  async prepare() {
    return null;
  },
  parse(row, _env, actor) {
    const id = idOf(row, 'id', 'a PBX ID');
    const customer = row.text('customer', true, (t) => t.trim().toUpperCase());
    const name = row.text('name', true, (t, l) => checkName(t, l));
    const type = row.text('type', true, (t) => {
      const value = t.trim().toLowerCase();
      if ((PBX_TYPES as readonly string[]).includes(value)) return value as PbxType;
      row.say('type', `"${t.trim()}" is not a PBX type (${PBX_TYPES.join(', ')})`);
      return undefined;
    });
    const license = row.text('license', true, (t, l) => parseLicense(t.trim(), l));
    const activated = row.date('activated', true);
    const cancelled = row.date('cancelled', false);
    if (activated && activated > actor.today) {
      row.say('activated', `${formatDate(activated)} is after today (${formatDate(actor.today)}); a PBX is registered once it is activated`);
      return null;
    }
    if (activated && cancelled && cancelled <= activated) {
      row.say('cancelled', `${formatDate(cancelled)} is not after the activation (${formatDate(activated)})`);
      return null;
    }
    if (!id || !customer || !name || !type || !license || !activated || cancelled === undefined && row.has('cancelled')) return null;
    return { id, customer, name, type, license, activated, cancelledOn: cancelled ?? null, cancelledGiven: row.has('cancelled') };
  },
  keyOf: (r) => r.id,
  async apply(tx, _env, actor, batch, counts) {
    const customers = new Set((await tx.customers.getMany(actor.scope, [...new Set(batch.map((b) => b.record.customer))])).map((c) => c.id));
    // Held until the import commits: a checkout on one of these PBXs waits, and then sees what the import did (and the other way round).
    await tx.pbxs.lockMany(batch.map((b) => b.record.id));
    const existing = new Map((await tx.pbxs.getMany(actor.scope, batch.map((b) => b.record.id))).map((p) => [p.id, p]));
    const ordered = await tx.pbxs.withOrders([...existing.keys()]);
    const fresh: { row: RowReader; pbx: PbxRecord }[] = [];
    for (const { row, record } of batch) {
      if (!customers.has(record.customer)) {
        row.say('customer', `customer ${record.customer} not found`);
        continue;
      }
      const stored = existing.get(record.id);
      if (!stored) {
        fresh.push({ row, pbx: record });
        continue;
      }
      const next: NewPbx = { ...record, cancelledOn: record.cancelledGiven ? record.cancelledOn : stored.cancelledOn };
      const moved = (['customer', 'license', 'activated'] as const).filter((k) => next[k] !== stored[k]);
      // A PBX with orders keeps its cancellation: an import moving it under a placed order would bill past (or before) the PBX's end.
      if (ordered.has(stored.id) && (next.cancelledOn ?? null) !== stored.cancelledOn) {
        row.say('cancelled', `${stored.id} has orders: its cancellation cannot be set or changed by an import (it was ${stored.cancelledOn === null ? 'not cancelled' : formatDate(stored.cancelledOn)})`);
        continue;
      }
      if (moved.length > 0 && ordered.has(stored.id)) {
        row.say(moved[0]!, `${stored.id} has orders: its ${moved.map((k) => (k === 'license' ? 'licence' : k === 'activated' ? 'activation date' : k)).join(' and ')} cannot change (it was ${describe(stored, moved[0]!)})`);
        continue;
      }
      if (moved.length === 0 && next.name === stored.name && next.type === stored.type && (next.cancelledOn ?? null) === stored.cancelledOn) counts.unchanged++;
      else {
        await tx.pbxs.update(stored.id, next);
        counts.updated++;
      }
    }
    const inserted = await tx.pbxs.insertMany(fresh.map((f) => f.pbx));
    for (const { row, pbx } of fresh) {
      if (inserted.has(pbx.id)) counts.created++;
      else row.say('id', `${pbx.id} is already the ID of another PBX; give this one its own`);
    }
  },
};

function describe(pbx: Pbx, key: 'customer' | 'license' | 'activated'): string {
  return key === 'activated' ? formatDate(pbx.activated) : pbx[key];
}

// ─── invoices ───────────────────────────────────────────────────────────────────

export const invoicesImport: ImportKindSpec<Invoice, PartnersEnv> = {
  columns: [
    { name: 'number', required: true, synonyms: ['invoice', 'invoice number', 'invoice no', 'invoice id', 'no'] },
    { name: 'partner', required: true, synonyms: ['partner id'] },
    { name: 'amount', required: true, synonyms: ['total', 'amount due'] },
    { name: 'currency', required: true, synonyms: ['ccy'] },
    { name: 'issued', required: true, synonyms: ['issued on', 'issue date', 'invoice date', 'date'] },
    { name: 'due', required: true, synonyms: ['due on', 'due date'] },
    { name: 'paid', required: false, synonyms: ['paid on', 'payment date', 'paid date'] },
  ],
  key: 'number',
  staffOnly: true,
  async prepare(tx) {
    return { partners: new Map((await tx.parties.partners()).map((p) => [p.id, p])) };
  },
  parse(row, env, actor) {
    const number = idOf(row, 'number', 'an invoice number');
    const partner = partnerOfRow(row, env, null);
    const amount = row.amount('amount', true);
    const currency = row.text('currency', true, (t) => {
      const code = t.trim().toUpperCase();
      if (isCurrency(code) && (CURRENCIES as readonly string[]).includes(code)) return code as Currency;
      row.say('currency', `"${t.trim()}" is not a currency partners are invoiced in (${CURRENCIES.join(', ')})`);
      return undefined;
    });
    const issued = row.date('issued', true);
    const due = row.date('due', true);
    const paid = row.date('paid', false);
    const late = (column: string, date: CalendarDate | null | undefined) => {
      if (date && date > actor.today) row.say(column, `${formatDate(date)} is after today (${formatDate(actor.today)})`);
    };
    late('issued', issued);
    late('paid', paid);
    if (issued && due && due < issued) row.say('due', `${formatDate(due)} is before the invoice was issued (${formatDate(issued)})`);
    if (issued && paid && paid < issued) row.say('paid', `${formatDate(paid)} is before the invoice was issued (${formatDate(issued)})`);
    const invoiced = partner ? env.partners.get(partner)?.currency : undefined;
    if (currency && invoiced && currency !== invoiced) row.say('currency', `${partner} is invoiced in ${invoiced}, not ${currency}`);
    if (!number || !partner || amount == null || !currency || !issued || !due || paid === undefined && row.has('paid')) return null;
    return { number, partner, amount, currency, issuedOn: issued, dueOn: due, paidOn: paid ?? null };
  },
  keyOf: (r) => r.number,
  async apply(tx, _env, actor, batch, counts) {
    const existing = new Map((await tx.invoices.getMany(actor.scope, batch.map((b) => b.record.number))).map((i) => [i.number, i]));
    for (const { row, record } of batch) {
      const stored = existing.get(record.number);
      if (!stored) {
        await tx.invoices.insert(record);
        counts.created++;
      } else if (stored.partner !== record.partner) {
        row.say('partner', `${record.number} is ${stored.partner}'s invoice; an import does not move invoices between partners`);
      } else {
        // Without a paid column, what is stored stays paid (or not).
        const next = row.has('paid') ? record : { ...record, paidOn: stored.paidOn };
        if (stored.paidOn !== null && (next.amount !== stored.amount || next.currency !== stored.currency || next.issuedOn !== stored.issuedOn)) {
          row.say('amount', `${record.number} was paid on ${formatDate(stored.paidOn)}: its amount, currency and issue date stay as they were paid`);
          continue;
        }
        if (sameInvoice(next, stored)) counts.unchanged++;
        else {
          await tx.invoices.update(next);
          counts.updated++;
        }
      }
    }
  },
};

const sameInvoice = (a: Invoice, b: Invoice): boolean =>
  a.amount === b.amount && a.currency === b.currency && a.issuedOn === b.issuedOn && a.dueOn === b.dueOn && a.paidOn === b.paidOn && a.partner === b.partner;

// ─── agreements ─────────────────────────────────────────────────────────────────

interface AgreementRecord {
  readonly customer: string;
  readonly signedOn: CalendarDate;
  readonly file: string | null | undefined;
}

export const agreementsImport: ImportKindSpec<AgreementRecord, null> = {
  columns: [
    { name: 'customer', required: true, synonyms: ['customer id', 'client', 'client id'] },
    { name: 'signed', required: true, synonyms: ['signed on', 'signed date', 'date signed', 'signature date'] },
    { name: 'file', required: false, synonyms: ['document', 'pdf', 'path', 'file name'] },
  ],
  key: 'customer',
  staffOnly: false,
  async prepare() {
    return null;
  },
  parse(row, _env, actor) {
    const customer = row.text('customer', true, (t) => t.trim().toUpperCase());
    const signedOn = row.date('signed', true);
    const file = row.text('file', false, (t, l) => {
      const text = checkText(t, l).trim();
      if (text.length > 500) row.say('file', `has ${text.length} characters; at most 500 fit`);
      return text.length > 500 ? undefined : text;
    });
    if (signedOn && signedOn > actor.today) {
      row.say('signed', `${formatDate(signedOn)} is after today (${formatDate(actor.today)})`);
      return null;
    }
    if (!customer || !signedOn || file === undefined && row.has('file')) return null;
    return { customer, signedOn, file };
  },
  keyOf: (r) => r.customer,
  async apply(tx, _env, actor, batch, counts) {
    const ids = batch.map((b) => b.record.customer);
    const customers = new Set((await tx.customers.getMany(actor.scope, ids)).map((c) => c.id));
    const latest = await tx.agreements.latest(actor.scope, ids);
    for (const { row, record } of batch) {
      if (!customers.has(record.customer)) {
        row.say('customer', `customer ${record.customer} not found`);
        continue;
      }
      const stored: Agreement | undefined = latest.get(record.customer);
      const file = record.file === undefined ? (stored?.file ?? null) : record.file;
      if (stored && stored.signedOn === record.signedOn && stored.file === file) {
        counts.unchanged++;
        continue;
      }
      // A newer signature (or another copy) is a new agreement: the one before stays on file.
      await tx.agreements.add(record.customer, record.signedOn, file, actor.at, actor.user.id);
      if (stored) counts.updated++;
      else counts.created++;
    }
  },
};

// ─── stock ──────────────────────────────────────────────────────────────────────

interface StockRecord {
  readonly sku: string;
  readonly onHand: number;
}

interface StockEnv {
  readonly products: ReadonlyMap<string, Product>;
  readonly levels: Map<string, StockLevel>;
}

export const stockImport: ImportKindSpec<StockRecord, StockEnv> = {
  columns: [
    { name: 'sku', required: true, synonyms: ['product', 'product code', 'item', 'item code', 'article'] },
    { name: 'on_hand', required: true, synonyms: ['on hand', 'quantity', 'qty', 'stock', 'in stock'] },
  ],
  key: 'sku',
  staffOnly: true,
  async prepare(tx) {
    return { products: new Map((await tx.catalog.products()).map((p) => [p.sku, p])), levels: new Map((await tx.stock.list()).map((l) => [l.sku, l])) };
  },
  parse(row, env) {
    const sku = row.text('sku', true, (t) => t.trim().toUpperCase());
    const onHand = row.integer('on_hand', true, 0, 9_999_999);
    if (sku) {
      const product = env.products.get(sku);
      if (!product) {
        row.say('sku', `unknown SKU "${sku}" (\`hwaas pricelist --format csv\` lists them)`);
        return null;
      }
      if (!product.stocked && (env.levels.get(sku)?.reserved ?? 0) === 0) {
        row.say('sku', `${sku} (${product.name}) is a service: it has no stock`);
        return null;
      }
    }
    if (!sku || onHand == null) return null;
    return { sku, onHand };
  },
  keyOf: (r) => r.sku,
  async apply(tx, env, _actor, batch, counts) {
    for (const { record } of batch) {
      const level = env.levels.get(record.sku);
      if (level && level.onHand === record.onHand) {
        counts.unchanged++;
        continue;
      }
      await tx.stock.setOnHand(record.sku, record.onHand);
      if (level) counts.updated++;
      else counts.created++;
    }
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of specs of every record type
export const IMPORTS: Readonly<Record<ImportKind, ImportKindSpec<any, any>>> = {
  customers: customersImport,
  pbxs: pbxsImport,
  invoices: invoicesImport,
  agreements: agreementsImport,
  stock: stockImport,
};
