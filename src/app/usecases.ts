import type { OrderStatus, Pickup, Role, StoreMode, Tier } from '../domain/kernel/model.js';
import type { MrrGroup } from '../domain/lifecycle/serviceLines.js';
import type { ImportKind } from '../domain/imports/run.js';
import type { DateFormat } from '../domain/imports/cells.js';
import type { PricelistType } from '../domain/catalog/pricelist.js';
import type { PbxType } from '../domain/kernel/model.js';
import type { License, Term } from '../terms/term.js';
import type { Hint } from '../errors.js';
import type { Listing } from '../views/json/common.js';
import type {
  AgreementAddedJson,
  AgreementJson,
  CustomerJson,
  InvoiceJson,
  PaidInvoiceJson,
  PartnerEditJson,
  PartnerJson,
  ProfileJson,
  UserRecordJson,
  UserRowJson,
  WhoamiJson,
  NewTokenJson,
  TokenJson,
} from '../views/json/parties.js';
import type { CustomerDetailJson, PbxDetailJson, PbxJson } from '../views/json/pbxs.js';
import type { BookDiffJson, BookJson, OrderableJson, PriceBookJson, PricelistFileJson, PricelistJson, ResaleRuleJson, StockJson } from '../views/json/catalog.js';
import type { CaseCheckJson, CaseOutcomeJson, DocumentJson, QuoteRecordJson, QuoteResultJson, SentQuoteJson } from '../views/json/quotes.js';
import type { CheckoutPreviewJson, OrderJson, OrderPreviewJson, OrderSummaryJson } from '../views/json/orders.js';
import type {
  CancellationJson,
  CancellationPlanJson,
  MrrJson,
  RenewalJson,
  ReturnJson,
  RmaJson,
  ServiceJson,
  TermChangeJson,
  TermChangePlanJson,
  TermChangeUndoneJson,
  DeviceJson,
} from '../views/json/services.js';
import type { ImportReportJson, JobEvent, ProgressJson } from '../views/json/imports.js';

/**
 * Everything a command asks of hwaas, as one interface of use cases: plain values in
 * (JSON: dates `YYYY-MM-DD`, amounts as decimal strings, IDs as people write them), plain
 * values out (the JSON of the contract, src/views/json), failures as the domain's coded
 * errors with their hints. It is implemented twice: in process on a local store
 * (app/local.ts) and over HTTP through `hwaas serve`. Long runs (an import, a large
 * document) are a stream of progress events ending in their result; a file travels as
 * bytes. Who acts and on which day is the session's, not an argument.
 */

/** A product and quantity, with a negotiated price per term (staff) as a decimal string. */
export interface ItemInput {
  readonly sku: string;
  readonly qty: number;
  readonly price?: string | null;
}

/** A quote's question: a PBX, or a term and an activation (ad hoc). */
export interface QuoteInput {
  readonly pbx?: string | null;
  readonly term?: string | null;
  readonly activated?: string | null;
  readonly start?: string | null;
  readonly currency?: string | null;
  readonly tier?: string | null;
  readonly items: readonly ItemInput[];
  /** The arithmetic of each line in words, of this side. */
  readonly explain?: 'buy' | 'sell' | null;
}

export interface OrderInput {
  readonly customer: string;
  readonly pbx: string;
  /** The duration the user means; refused unless it is the PBX's term. */
  readonly term?: string | null;
  readonly items: readonly ItemInput[];
}

/** A file handed to a use case: its name as the user gave it, and its bytes. */
export interface FileInput {
  readonly name: string;
  readonly content: Uint8Array;
}

export interface ImportInput {
  readonly kind: ImportKind | string;
  readonly file: FileInput;
  readonly format?: 'csv' | 'xlsx' | null;
  readonly sheet?: string | null;
  readonly dateFormat?: DateFormat | string | null;
  readonly decimalComma?: boolean;
  readonly dryRun?: boolean;
}

export interface PriceBookImportInput extends Omit<ImportInput, 'kind'> {
  readonly tier: Tier | string;
  readonly currency: string;
  readonly validFrom: string;
}

export interface PricelistInput {
  readonly type?: PricelistType | string | null;
  readonly currency?: string | null;
  readonly tier?: Tier | string | null;
  readonly on?: string | null;
  readonly resale?: boolean;
}

export interface PartnerInput {
  readonly name?: string;
  readonly country?: string;
  readonly currency?: string;
  readonly tier?: string;
  readonly areaManagerName?: string;
  readonly areaManagerEmail?: string;
}

export interface ProfileInput {
  readonly partner?: string | null;
  readonly legalName?: string | null;
  readonly address?: string | null;
  readonly vat?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly logo?: { readonly name: string; readonly base64: string } | null;
  readonly paymentTerms?: string | null;
  readonly footer?: string | null;
  readonly clear?: readonly string[] | null;
}

export interface CustomerEditInput {
  readonly id: string;
  readonly name?: string | null;
  readonly country?: string | null;
  readonly vat?: string | null;
  readonly email?: string | null;
  readonly address?: string | null;
  readonly contact?: string | null;
  readonly clear?: readonly string[] | null;
}

export interface StoreInfoJson {
  backend: 'sqlite' | 'postgres';
  path: string;
  mode: StoreMode;
  schemaVersion: number;
  timezone: string | null;
}

/** A PBX offered for an order. */
export interface PbxChoiceJson {
  id: string;
  name: string;
  license: License;
  expiresOn: string | null;
  daysLeft: number | null;
  /** Why HWaaS cannot be ordered on it today (perpetual, cancelled, ending), or null. */
  whyNot: string | null;
}

/** A long run: progress, then its result. */
export type Job<T> = AsyncIterable<JobEvent<T>>;

export interface UseCases {
  whoami(): Promise<WhoamiJson>;
  /** Refuses now what a write would refuse (a moved "today" on a live store, a locked account): a command that writes says so before it asks anything. */
  access(input: { write: boolean }): Promise<void>;
  /** The session's "today": the date in the store's time zone (or the machine's, without a store), or the day pinned. */
  today(): Promise<string>;
  store: {
    /** Where the store is, its backend, mode, schema and time zone. */
    info(): Promise<StoreInfoJson>;
  };
  partners: {
    list(): Promise<Listing<PartnerJson>>;
    show(input: { id: string }): Promise<PartnerJson>;
    add(input: Required<PartnerInput>): Promise<PartnerJson>;
    edit(input: PartnerInput & { id: string }): Promise<PartnerEditJson>;
    /** A partner's identity on its documents: a partner's user its own, staff name the partner. */
    profile(input: { partner?: string | null }): Promise<ProfileJson>;
    /** Sets the fields given (the logo: a PNG or JPEG file's bytes in base64) and clears those named in `clear`. */
    setProfile(input: ProfileInput): Promise<ProfileJson & { changed: string[] }>;
  };
  tokens: {
    /** Staff: a token for a user, said once; `expiresIn` as `90d`, `12w`, `6m`, `1y` or `never` (default 90d). */
    create(input: { user: string; name?: string | null; expiresIn?: string | null }): Promise<NewTokenJson>;
    /** Staff: everyone's or one user's; a user: its own. */
    list(input: { user?: string | null }): Promise<Listing<TokenJson>>;
    revoke(input: { id: string }): Promise<TokenJson>;
  };
  users: {
    list(): Promise<Listing<UserRowJson>>;
    add(input: { email: string; name: string; role: Role | string; partner?: string | null }): Promise<UserRecordJson>;
    setEnabled(input: { id: string; enabled: boolean }): Promise<{ user: UserRecordJson; changed: boolean }>;
  };
  customers: {
    list(input: { partner?: string | null; search?: string | null; limit?: number | null }): Promise<Listing<CustomerJson>>;
    show(input: { id: string }): Promise<CustomerDetailJson>;
    add(input: {
      partner?: string | null;
      name: string;
      country?: string | null;
      vat?: string | null;
      email?: string | null;
      address?: string | null;
      contact?: string | null;
    }): Promise<CustomerJson & { partnerName: string }>;
    /** Corrects what is known of a customer (never its partner); `clear` names fields to empty. An event records who and when. */
    edit(input: CustomerEditInput): Promise<{ before: CustomerJson; after: CustomerJson; changed: string[] }>;
  };
  pbxs: {
    list(input: { customer?: string | null; license?: License | string | null; expiringWithin?: number | null }): Promise<Listing<PbxJson>>;
    show(input: { id: string }): Promise<PbxDetailJson>;
    add(input: { customer: string; name: string; type: PbxType | string; license: License | string; activated: string }): Promise<PbxJson>;
    planTermChange(input: { id: string; to: Term | string }): Promise<TermChangePlanJson>;
    changeTerm(input: { id: string; to: Term | string; plan: string }): Promise<TermChangeJson>;
    /** A change of term that has not taken effect, undone. */
    undoTermChange(input: { id: string }): Promise<TermChangeUndoneJson>;
    /** Corrects a PBX: name and type; licence and activation only while nothing was ordered on it. An event records who and when. */
    edit(input: { id: string; name?: string | null; type?: PbxType | string | null; license?: License | string | null; activated?: string | null }): Promise<{
      before: PbxJson;
      after: PbxJson;
      changed: string[];
    }>;
  };
  agreements: {
    list(input: { customer?: string | null }): Promise<Listing<AgreementJson>>;
    add(input: { customer: string; signedOn: string; file?: string | null }): Promise<AgreementAddedJson>;
  };
  invoices: {
    /** `from`/`to`: the day an invoice was issued, both included. */
    list(input: { overdue?: boolean; partner?: string | null; from?: string | null; to?: string | null }): Promise<Listing<InvoiceJson>>;
    pay(input: { number: string }): Promise<PaidInvoiceJson>;
  };
  stock: {
    list(): Promise<Listing<StockJson>>;
    set(input: { sku: string; onHand: number }): Promise<StockJson>;
  };
  pricebooks: {
    list(): Promise<Listing<PriceBookJson>>;
    show(input: { tier: string; currency: string; on?: string | null }): Promise<BookJson>;
    diff(input: { tier: string; currency: string; from: string; to: string }): Promise<BookDiffJson>;
    importFile(input: PriceBookImportInput): Job<ImportReportJson>;
  };
  resale: {
    list(input: { partner?: string | null }): Promise<Listing<ResaleRuleJson> & { partner: string }>;
    setMarkup(input: { partner?: string | null; markup: string; category?: string | null; sku?: string | null }): Promise<ResaleRuleJson>;
    setPrice(input: { partner?: string | null; sku: string; term: string; price: string }): Promise<ResaleRuleJson>;
    clear(input: {
      partner?: string | null;
      what: 'all' | 'default' | 'category' | 'sku';
      category?: string | null;
      sku?: string | null;
      term?: string | null;
    }): Promise<{ partner: string; removed: number }>;
  };
  pricelist: {
    get(input: PricelistInput): Promise<PricelistJson>;
    /** The price list as a file; long lists send progress first. */
    document(input: PricelistInput & { format: 'pdf' | 'xlsx' | 'csv'; paper?: 'a4' | 'letter' | null; bom?: boolean }): Job<{ document: DocumentJson; list: PricelistFileJson }>;
  };
  quotes: {
    make(input: QuoteInput): Promise<QuoteResultJson>;
    /** Many quotes (a cases file's text, checked here), each the quote or the refusal; with `check`, each compared with its "expect". */
    cases(input: { text: string; name: string; check?: boolean }): Promise<{ outcomes: CaseOutcomeJson[]; checks: CaseCheckJson[] | null }>;
    /** The customer's quote (numbered and recorded) or the partner's internal copy, as a PDF. */
    document(input: QuoteInput & { copy: 'customer' | 'internal'; validDays?: number | null; paper?: 'a4' | 'letter' | null }): Promise<DocumentJson>;
    list(input: { customer?: string | null; partner?: string | null }): Promise<Listing<QuoteRecordJson>>;
    show(input: { number: string; partner?: string | null }): Promise<SentQuoteJson>;
    /** The customer accepted or declined the quote. */
    decide(input: { number: string; partner?: string | null; decision: 'accepted' | 'declined' | string }): Promise<QuoteRecordJson>;
  };
  orders: {
    /** `from`/`to`: the day an order was placed (a draft: created), in the store's zone, both included. Lines brought in by `import services` are not orders: `imported` lists them too. */
    list(input: {
      status?: OrderStatus | string | null;
      customer?: string | null;
      partner?: string | null;
      from?: string | null;
      to?: string | null;
      imported?: boolean;
    }): Promise<Listing<OrderSummaryJson>>;
    show(input: { id: string }): Promise<OrderJson>;
    /** What placing an order would cost today. */
    preview(input: OrderInput): Promise<OrderPreviewJson>;
    save(input: OrderInput): Promise<OrderJson>;
    /** Places it; refused if the day is not the one the user was shown (midnight passed while asking). */
    place(input: OrderInput & { day?: string | null }): Promise<OrderJson>;
    previewCheckout(input: { id: string }): Promise<CheckoutPreviewJson>;
    checkout(input: { id: string; day?: string | null }): Promise<OrderJson>;
    cancel(input: { id: string }): Promise<OrderJson & { wasStatus: OrderStatus }>;
    approve(input: { id: string }): Promise<OrderJson>;
    /** Staff: the devices leave the warehouse; `serials` records each device's serial number (SKU and serial). */
    ship(input: { id: string; serials?: readonly { sku: string; serial: string }[] | null }): Promise<OrderJson>;
    /** The customer's order confirmation or the internal copy, as a PDF. */
    document(input: { id: string; copy: 'customer' | 'internal'; paper?: 'a4' | 'letter' | null }): Promise<DocumentJson>;
    /** What ordering from a quote would cost today (the buy side), asked before it is placed; refused as the order would be. */
    previewFromQuote(input: { number: string; partner?: string | null; reprice?: boolean }): Promise<OrderPreviewJson>;
    /** The order made from a quote on its PBX, saved as a draft or checked out (`day`: the day the amount was shown). */
    fromQuote(input: { number: string; partner?: string | null; reprice?: boolean; checkout: boolean; day?: string | null }): Promise<OrderJson>;
    /** What stops checkout for a customer today, said before the cart is built. */
    blockers(input: { customer: string }): Promise<{ code: string; message: string; hint?: Hint }[]>;
    /** A customer's PBXs as choices for an order today: the licence term on the day, the period's end, and why not when one cannot take HWaaS. */
    pbxChoices(input: { customer: string }): Promise<PbxChoiceJson[]>;
    /** The products that can be ordered on a PBX today, priced, with what is available. */
    orderable(input: { pbx: string }): Promise<{ term: Term; currency: string; products: OrderableJson[] }>;
  };
  services: {
    /** Staff may name a partner (`partner`); a partner's user its own only. */
    list(input: { pbx?: string | null; customer?: string | null; partner?: string | null }): Promise<Listing<ServiceJson>>;
    renewals(input: { within: number; partner?: string | null }): Promise<Listing<RenewalJson>>;
    mrr(input: { by: MrrGroup | string; partner?: string | null }): Promise<Listing<MrrJson> & { by: MrrGroup }>;
    /** What cancelling units (or a whole PBX: items null) would do, to be confirmed. */
    planCancel(input: { pbx: string; items: { sku: string; qty: number }[] | null; pickup?: Pickup | string | null; serials?: readonly string[] | null }): Promise<CancellationPlanJson>;
    cancel(input: { pbx: string; items: { sku: string; qty: number }[] | null; pickup?: Pickup | string | null; serials?: readonly string[] | null; plan: string }): Promise<CancellationJson>;
    replace(input: { pbx: string; sku: string; qty: number; reason: string; deliverTo: Pickup | string; serials?: readonly string[] | null }): Promise<RmaJson>;
    /** A cancellation undone before it takes effect: the services run on, the return request is void. */
    undoCancel(input: { id: string }): Promise<CancellationJson>;
  };
  returns: {
    list(input: { all?: boolean }): Promise<Listing<ReturnJson>>;
    /** Staff: a return arrived; a return that named its devices is received against their serial numbers. */
    receive(input: { id: string; serials?: readonly string[] | null }): Promise<ReturnJson>;
  };
  rmas: {
    list(): Promise<Listing<RmaJson>>;
    ship(input: { id: string }): Promise<RmaJson>;
    close(input: { id: string }): Promise<RmaJson>;
  };
  imports: {
    run(input: ImportInput): Job<ImportReportJson>;
  };
  devices: {
    /** Devices running on PBXs, one row per unit, with its serial number when recorded; `serial` finds one. */
    list(input: { pbx?: string | null; customer?: string | null; serial?: string | null }): Promise<Listing<DeviceJson>>;
  };
}

/** The result of a stream of events, for a caller that shows no progress. */
export async function resultOf<T>(events: AsyncIterable<JobEvent<T>>, onProgress?: (p: ProgressJson) => void): Promise<T> {
  for await (const event of events) {
    if ('result' in event) return event.result;
    onProgress?.(event.progress);
  }
  throw new Error('a job ended without its result');
}
