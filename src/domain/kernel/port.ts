import type { CalendarDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import type { License, Term } from '../../terms/term.js';
import type {
  Agreement,
  BookKey,
  Cancellation,
  BookLine,
  Customer,
  Invoice,
  Order,
  OrderStatus,
  OrderSummary,
  Partner,
  Pbx,
  PbxType,
  PriceBookSummary,
  Product,
  QuoteRecord,
  QuoteStatus,
  PartnerProfile,
  Correction,
  ResaleRule,
  ResaleRuleKind,
  Rma,
  RmaStatus,
  Scope,
  ServiceRecord,
  StockLevel,
  StoreMode,
  Tier,
  User,
  ApiToken,
} from './model.js';

/**
 * What the domain needs from storage: the port. SQLite (embedded) and PostgreSQL
 * (shared) implement it in src/store/. Every method is asynchronous, because a
 * database on the network cannot answer synchronously. Methods that read
 * partner-owned rows take the acting user's Scope: a repository cannot list them
 * without it, and another partner's row reads exactly like a missing one (null).
 */

export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface CatalogRepository {
  /** Every product any price book has listed (the latest import's name, category and flags). */
  products(): Promise<Product[]>;
  product(sku: string): Promise<Product | null>;
  /** Adds a product or updates it; a stocked one gets its stock row. */
  upsert(product: Product): Promise<void>;
}

export interface PriceBookRepository {
  list(): Promise<PriceBookSummary[]>;
  /** The valid-from dates of a tier's books in a currency, oldest first. */
  versions(tier: Tier, currency: Currency): Promise<CalendarDate[]>;
  lines(key: BookKey): Promise<BookLine[]>;
  /** The book's ID, made (empty) when it is new; `touch` records a new import of a book that exists. */
  ensure(key: BookKey, at: string, by: string | null, source: string | null, touch?: boolean): Promise<number>;
  putLine(book: number, line: BookLine): Promise<void>;
  /** Removes the lines whose SKU is not kept; returns how many. */
  removeOthers(book: number, keep: ReadonlySet<string>): Promise<number>;
}

export interface ResaleRepository {
  list(partner: string): Promise<ResaleRule[]>;
  set(rule: ResaleRule): Promise<void>;
  /** Removes the rules that match; returns how many. */
  clear(partner: string, kind: ResaleRuleKind | null, key: string | null, term: Term | null): Promise<number>;
}

export interface QuoteFilter {
  readonly customer?: string | null;
  readonly partner?: string | null;
}

export type NewQuoteRecord = Omit<QuoteRecord, 'number' | 'document' | 'status' | 'decidedAt' | 'decidedBy' | 'orderSeq'>;

export interface QuoteRepository {
  /** Records a quote under the next number of its partner and year; returns the number. */
  add(record: NewQuoteRecord, document: (number: string) => string): Promise<string>;
  list(scope: Scope, filter?: QuoteFilter): Promise<QuoteRecord[]>;
  /** The quotes with this number (one per partner that issued it), in scope. */
  get(scope: Scope, number: string): Promise<QuoteRecord[]>;
  /** Moves a quote from one of `from` to `to` (compare and set): false when it was in none of them. */
  decide(partner: string, number: string, from: readonly QuoteStatus[], to: QuoteStatus, at: string, by: string, orderSeq?: number | null): Promise<boolean>;
}

export type NewPartner = Omit<Partner, 'id'>;
export type NewUser = Pick<User, 'email' | 'name' | 'role' | 'partner'>;

export interface PartyRepository {
  partner(id: string): Promise<Partner | null>;
  partners(): Promise<Partner[]>;
  /** With the ID it has (demo data). */
  insertPartner(partner: Partner): Promise<void>;
  /** With the next free PTR-nnn ID. */
  addPartner(partner: NewPartner): Promise<Partner>;
  updatePartner(partner: Partner): Promise<void>;
  /** Everyone, or one partner's users. */
  users(partner?: string | null): Promise<User[]>;
  /** By ID or e-mail (any case). */
  user(idOrEmail: string): Promise<User | null>;
  /** With the ID it has (demo data); on a backend with logins, with its login. */
  insertUser(user: User): Promise<void>;
  /** With the next free USR-nnn ID; on a backend with logins, with its login. */
  addUser(user: NewUser): Promise<User>;
  /** Disabled since `disabledAt`, or enabled again (null); on a backend with logins, its login too. */
  setDisabled(id: string, disabledAt: string | null): Promise<void>;
  /** The partner's identity on its documents (every field null when never set). */
  profile(partner: string): Promise<PartnerProfile | null>;
  setProfile(partner: string, profile: PartnerProfile): Promise<void>;
  /** A correction, with who and when. */
  addEvent(event: Correction): Promise<void>;
  /** The corrections of one subject (CUS-0001, PBX-1001), oldest first, in scope. */
  events(scope: Scope, subject: string): Promise<Correction[]>;
}

export interface CustomerFilter {
  readonly partner?: string | null;
  /** A search (see search.ts): names, IDs, VAT numbers or e-mails that contain it. */
  readonly search?: { readonly key: string; readonly alt: string; readonly compact: string } | null;
  readonly limit?: number | null;
}

export interface NewCustomer {
  readonly partner: string;
  readonly name: string;
  readonly country: string | null;
  readonly vat: string | null;
  readonly email: string | null;
  readonly address?: string | null;
  readonly contact?: string | null;
}

export interface CustomerRepository {
  list(scope: Scope, filter?: CustomerFilter): Promise<Customer[]>;
  /** How many match (without the limit). */
  count(scope: Scope, filter?: CustomerFilter): Promise<number>;
  get(scope: Scope, id: string): Promise<Customer | null>;
  /** With the next free CUS-nnnn ID unless one is given. */
  add(customer: NewCustomer, createdAt: string, id?: string): Promise<Customer>;
  /** Those of these IDs the scope may see. */
  getMany(scope: Scope, ids: readonly string[]): Promise<Customer[]>;
  /** Inserts those whose ID is free; returns their IDs (an ID taken, even by a row the scope cannot see, is left out). */
  insertMany(customers: readonly Customer[], createdAt: string): Promise<Set<string>>;
  /** Name, country, VAT and e-mail (never the partner). */
  update(customer: Customer): Promise<void>;
}

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

export interface PbxRepository {
  list(scope: Scope, filter?: PbxFilter): Promise<Pbx[]>;
  get(scope: Scope, id: string): Promise<Pbx | null>;
  /** With the next free PBX-nnnn ID unless one is given; returns the ID. */
  add(pbx: NewPbx, id?: string): Promise<string>;
  getMany(scope: Scope, ids: readonly string[]): Promise<Pbx[]>;
  /** Inserts those whose ID is free; returns their IDs. */
  insertMany(pbxs: readonly (NewPbx & { readonly id: string })[]): Promise<Set<string>>;
  update(id: string, pbx: NewPbx): Promise<void>;
  /** Those of these PBXs that orders (not cancelled ones) name. */
  withOrders(ids: readonly string[]): Promise<Set<string>>;
  /** From `from` (the end of a period) the PBX runs on `term`. */
  addTermChange(pbx: string, from: CalendarDate, term: Term, at: string, by: string): Promise<void>;
  /** The PBX ends on `on` (its current period's end), or runs on again (null: a cancellation undone). */
  setCancelledOn(pbx: string, on: CalendarDate | null): Promise<void>;
  /** A change of term that has not taken effect is undone: false when there was none from that day. */
  removeTermChange(pbx: string, from: CalendarDate): Promise<boolean>;
  /** Holds the PBX's row until the transaction ends (a server; a SQLite write holds the whole store): changes to what runs on it happen one at a time. */
  lock(pbx: string): Promise<void>;
  /** Holds these PBXs' rows until the transaction ends, in ID order (an import that may change their term, licence or cancellation). */
  lockMany(ids: readonly string[]): Promise<void>;
}

export interface ServiceFilter {
  readonly pbx?: string | null;
  /** Lines on any of these PBXs. */
  readonly pbxs?: readonly string[] | null;
  /** Lines of these PBXs, products and starts (an import's batch). */
  readonly keys?: readonly { readonly pbx: string; readonly sku: string; readonly since: CalendarDate }[] | null;
  readonly customer?: string | null;
  readonly partner?: string | null;
}

/** What an order fixes when it runs: its days in the PBX's period and its first charge. */
export interface OrderPeriod {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly periodStart: CalendarDate;
  readonly days: number;
  readonly periodDays: number;
  readonly total: bigint;
}

/** A service line brought in (`import services`): an order of one line, shipped, whose source is the import. */
export interface NewRunningLine extends OrderPeriod {
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly currency: Currency;
  readonly renewalTotal: bigint;
  readonly createdAt: string;
  readonly by: EventBy;
  readonly line: {
    readonly sku: string;
    readonly name: string;
    readonly qty: number;
    readonly unitPrice: bigint;
    readonly amount: bigint;
    readonly renewal: bigint;
    readonly listPrice: bigint | null;
    readonly resaleUnitPrice: bigint;
    readonly resaleRenewal: bigint;
    readonly serials: readonly string[];
  };
}

export type NewCancellation = Omit<Cancellation, 'id' | 'seq' | 'receivedAt' | 'lines' | 'undoneAt' | 'receivedSerials'> & { readonly lines: readonly Omit<Cancellation['lines'][number], 'order'>[] };
export type NewRma = Omit<Rma, 'id' | 'seq' | 'status' | 'shippedAt' | 'closedAt'>;

/** What runs on PBXs after checkout: service lines, their cancellations (returns) and replacements. */
export interface ServiceRepository {
  /** The lines of placed, approved and shipped orders, oldest first, with what was cancelled of each. */
  lines(scope: Scope, filter?: ServiceFilter): Promise<ServiceRecord[]>;
  addCancellation(cancellation: NewCancellation): Promise<Cancellation>;
  cancellations(scope: Scope, filter?: { readonly returns?: boolean }): Promise<Cancellation[]>;
  cancellation(scope: Scope, seq: number): Promise<Cancellation | null>;
  /** A return request's devices arrived: only if it was still requested (compare and set). */
  markReceived(seq: number, at: string, by: string, serials?: readonly string[]): Promise<boolean>;
  /** Every serial number recorded on order lines in scope (not cancelled orders), as `SKU|SN`. */
  recordedSerials(scope: Scope): Promise<Set<string>>;
  /** Order lines (in scope) that recorded this serial number. */
  withSerial(scope: Scope, serial: string): Promise<{ order: string; sku: string; pbx: string }[]>;
  /** A cancellation undone before it took effect (compare and set): false when it was undone or its return received meanwhile. */
  undoCancellation(seq: number, at: string, by: string): Promise<boolean>;
  addRma(rma: NewRma): Promise<Rma>;
  rmas(scope: Scope): Promise<Rma[]>;
  rma(scope: Scope, seq: number): Promise<Rma | null>;
  /** Moves `from` → `to` only if it is still in `from`. */
  moveRma(seq: number, from: RmaStatus, to: RmaStatus, at: string, by: string): Promise<boolean>;
}

export interface NewDraft {
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly currency: Currency;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Wildix staff who acted as `createdBy`, or null. */
  readonly actedBy: string | null;
  readonly savedTotal: bigint;
  readonly lines: readonly { sku: string; name: string; qty: number; priceOverride: bigint | null }[];
}

export interface Placement extends OrderPeriod {
  readonly renewalTotal: bigint | null;
  readonly lines: readonly {
    sku: string;
    unitPrice: bigint;
    amount: bigint;
    renewal: bigint;
    listPrice: bigint | null;
    reservedQty: number;
    resaleUnitPrice: bigint | null;
    resaleRenewal: bigint | null;
  }[];
  readonly warnings: readonly string[];
}

export interface OrderFilter {
  readonly status?: OrderStatus | null;
  readonly customer?: string | null;
  readonly partner?: string | null;
  /** Lines brought in by an import are orders of the store, not of the partner's history: listed only when asked. */
  readonly imported?: boolean;
}

/** Who an event is by: the acting user, and the staff user who acted as it (or null). */
export interface EventBy {
  readonly user: string;
  readonly actedBy: string | null;
}

export interface OrderRepository {
  /** A draft with its lines and its first event; returns its sequence number. */
  insertDraft(order: NewDraft): Promise<number>;
  /** Fixes the amounts and places the order, only if it is still a draft: false when it was not (compare and set). */
  place(seq: number, placement: Placement, at: string, by: EventBy): Promise<boolean>;
  /** Moves `from` → `to` only if the order is still in `from`: false when it was not. */
  transition(seq: number, from: OrderStatus, to: OrderStatus, at: string, by: EventBy): Promise<boolean>;
  get(scope: Scope, seq: number): Promise<Order | null>;
  list(scope: Scope, filter?: OrderFilter): Promise<OrderSummary[]>;
  /** Serial numbers recorded for a line's devices (shipping). */
  setSerials(seq: number, sku: string, serials: readonly string[]): Promise<void>;
  /** The draft was made from a quote: it says so, and its lines keep the quote's resale unit prices (none: today's, repriced). */
  markFromQuote(seq: number, quote: string, resale: ReadonlyMap<string, bigint>): Promise<void>;
  /** Service lines brought in, many at once (an import's batch); returns their orders' sequence numbers, in order. */
  insertRunning(lines: readonly NewRunningLine[]): Promise<number[]>;
}

export interface InvoiceFilter {
  readonly partner?: string | null;
  /** Only unpaid invoices due before this date. */
  readonly unpaidDueBefore?: CalendarDate | null;
}

export interface InvoiceRepository {
  list(scope: Scope, filter?: InvoiceFilter): Promise<Invoice[]>;
  get(scope: Scope, number: string): Promise<Invoice | null>;
  insert(invoice: Invoice): Promise<void>;
  getMany(scope: Scope, numbers: readonly string[]): Promise<Invoice[]>;
  update(invoice: Invoice): Promise<void>;
  markPaid(number: string, paidOn: CalendarDate): Promise<void>;
}

export interface AgreementRepository {
  list(scope: Scope, customer?: string | null): Promise<Agreement[]>;
  add(customer: string, signedOn: CalendarDate, file: string | null, createdAt: string, createdBy: string): Promise<Agreement>;
  /** Each customer's latest agreement (of these customers, in the scope). */
  latest(scope: Scope, customers: readonly string[]): Promise<Map<string, Agreement>>;
}

export interface StockRepository {
  list(): Promise<StockLevel[]>;
  get(sku: string): Promise<StockLevel | null>;
  setOnHand(sku: string, onHand: number): Promise<void>;
  /** Adds `qty` to the reservation (negative to release); a stock row is made if there is none. */
  reserve(sku: string, qty: number): Promise<void>;
  /** Adds `delta` to what is on hand (negative: units leave), in one statement: no update of another process is lost. */
  adjustOnHand(sku: string, delta: number): Promise<void>;
  /** Devices leave the warehouse: off the shelf and out of the reservation. */
  ship(sku: string, qty: number): Promise<void>;
}

/** The repositories, bound to one connection. */
/** The tokens users reach a server with. */
export interface TokenRepository {
  insert(token: ApiToken): Promise<void>;
  get(id: string): Promise<ApiToken | null>;
  /** Everyone's, or one user's, newest first. */
  list(user?: string | null): Promise<ApiToken[]>;
  /** True when it was live and is revoked now. */
  revoke(id: string, at: string): Promise<boolean>;
  /** When it was last used (at most once a minute is worth a write). */
  touch(id: string, at: string): Promise<void>;
}

export interface Repositories {
  readonly settings: SettingsRepository;
  readonly tokens: TokenRepository;
  readonly catalog: CatalogRepository;
  readonly pricebooks: PriceBookRepository;
  readonly resale: ResaleRepository;
  readonly quotes: QuoteRepository;
  readonly parties: PartyRepository;
  readonly customers: CustomerRepository;
  readonly pbxs: PbxRepository;
  readonly orders: OrderRepository;
  readonly invoices: InvoiceRepository;
  readonly agreements: AgreementRepository;
  readonly stock: StockRepository;
  readonly services: ServiceRepository;
}

export interface StoreInfo {
  readonly backend: 'sqlite' | 'postgres';
  /** A file path, or a URL without its password. */
  readonly location: string;
  readonly schemaVersion: number;
  /**
   * Who acts when no one is named: the store's default user, or (a PostgreSQL URL is its
   * owner's) the store's administrator, as which the owner works.
   */
  readonly defaultActor: 'setting' | 'administrator';
}

export interface StoreCheck {
  /** The store itself is damaged: restore a backup. */
  readonly damage: readonly string[];
  /** Rows that do not add up: foreign keys, reservations against open orders. */
  readonly problems: readonly string[];
}

/**
 * An open store. Reads go through the repositories directly; every write goes
 * through `write`, one transaction on the store's one connection that either
 * commits whole or leaves nothing (the backend retries conflicts the user never sees).
 */
export interface WriteOptions {
  /** No other exclusive write runs at the same time (init's seed): SQLite's writes always are; PostgreSQL takes a lock. */
  readonly exclusive?: boolean;
}

export interface Store extends Repositories {
  readonly info: StoreInfo;
  write<T>(work: (tx: Repositories) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * From now on the store shows this scope's rows only (null: none), where the backend
   * can hold it to that (PostgreSQL's row-level security): a second wall behind the
   * repositories' own partner filter. Where it cannot, nothing changes.
   */
  confine(scope: Scope | null): Promise<void>;
  /**
   * How a server opens its connections with the least rights the backend has (PostgreSQL:
   * logged in as the store's application role, which owns nothing), or null: as this one
   * was opened.
   */
  serverConnections(): Promise<(() => Promise<Store>) | null>;
  /** The connection serves requests from now on (a server's): it works with the least rights the backend has for it, and sees nothing until confined. */
  serve(): Promise<void>;
  mode(): Promise<StoreMode>;
  check(): Promise<StoreCheck>;
  /** A consistent copy of the whole store into a SQLite file at `path` (which must not exist yet). */
  backup(path: string): Promise<void>;
  close(): Promise<void>;
}
