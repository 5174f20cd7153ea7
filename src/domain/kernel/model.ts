import type { CalendarDate } from '../../terms/dates.js';
import type { Currency } from '../../terms/money.js';
import type { TermSegment } from '../../terms/period.js';

import type { License, Term } from '../../terms/term.js';

/**
 * The model of hwaas: what the domain works on and what every storage backend
 * stores. The store implements the port of port.ts over these types; it adds none.
 */

export type Role = 'staff' | 'partner';
export const PBX_TYPES = ['cloud', 'virtual', 'hardware'] as const;
export type PbxType = (typeof PBX_TYPES)[number];
export type PriceKind = 'capex' | Term;
export type StoreMode = 'live' | 'sandbox';
/** A partner's tier in Wildix's partner programme: it decides which price book applies. */
export const TIERS = ['gold', 'silver', 'reseller'] as const;
export type Tier = (typeof TIERS)[number];

export interface Partner {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly currency: Currency;
  readonly tier: Tier;
  readonly areaManagerName: string;
  readonly areaManagerEmail: string;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly partner: string | null;
  /** The database login role that is this user, on a backend with logins (PostgreSQL). */
  readonly dbRole?: string | null;
  /** When staff disabled the user (ISO timestamp): it can no longer act; its history stays. */
  readonly disabledAt?: string | null;
}

/** What the acting user may see: everything (staff) or one partner's records. */
export type Scope = { readonly kind: 'staff' } | { readonly kind: 'partner'; readonly partnerId: string };

export const STAFF_SCOPE: Scope = { kind: 'staff' };

export function scopeOf(user: User): Scope {
  return user.role === 'staff' || user.partner === null ? STAFF_SCOPE : { kind: 'partner', partnerId: user.partner };
}

/**
 * The partner whose rows a scope may see, or null for all of them. Every partner
 * filter of every backend is built from this one function.
 */
export function scopedPartner(scope: Scope): string | null {
  return scope.kind === 'partner' ? scope.partnerId : null;
}

/** Who acts, on which day, at which moment: what every service that writes is given. */
export interface Actor {
  readonly user: User;
  readonly scope: Scope;
  readonly today: CalendarDate;
  /** ISO timestamp of this action, for events and records. */
  readonly at: string;
  /** Wildix staff who act as this user (through a server, with --as): the events name both. */
  readonly actedBy: string | null;
}

export interface Customer {
  readonly id: string;
  readonly partner: string;
  readonly name: string;
  readonly country: string | null;
  readonly vat: string | null;
  readonly email: string | null;
  /** Where documents address it (lines separated by newlines), and who to write to; undefined: not read (kept as stored). */
  readonly address?: string | null;
  readonly contact?: string | null;
}

/** A partner's identity on the documents it sends its customers (`partners profile set`). */
export interface PartnerProfile {
  readonly legalName: string | null;
  /** Lines separated by newlines. */
  readonly address: string | null;
  readonly vat: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** The logo's bytes and type (PNG or JPEG). */
  readonly logo: { readonly mediaType: 'image/png' | 'image/jpeg'; readonly bytes: Uint8Array } | null;
  readonly paymentTerms: string | null;
  readonly footer: string | null;
}

export const PROFILE_FIELDS = ['legalName', 'address', 'vat', 'email', 'phone', 'logo', 'paymentTerms', 'footer'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A change recorded with who made it and when (a correction: a customer or PBX edited, a cancellation or change of term undone). */
export interface Correction {
  readonly partner: string;
  readonly at: string;
  readonly by: string;
  readonly actedBy: string | null;
  /** What it is about: CUS-0001, PBX-1001, CAN-0001. */
  readonly subject: string;
  /** edited, undone. */
  readonly action: string;
  /** What changed, as JSON ({"name": ["before", "after"]}). */
  readonly detail: string;
}

export interface Pbx {
  readonly id: string;
  readonly customer: string;
  readonly partner: string;
  readonly name: string;
  readonly type: PbxType;
  readonly license: License;
  readonly activated: CalendarDate;
  readonly cancelledOn: CalendarDate | null;
  /** Changes of term after the activation, oldest first (`pbx change-term`). */
  readonly termChanges: readonly TermSegment[];
}

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  /** HWaaS-eligible: has OpEx prices per term. CapEx-only accessories are not. */
  readonly hwaas: boolean;
  /** A device kept in stock; services (CLASSOUND) are not. */
  readonly stocked: boolean;
  readonly position: number;
}

export type PriceTable = Partial<Record<PriceKind, bigint>>;

/** Which price book: a partner tier's prices in one currency, from a date on. */
export interface BookKey {
  readonly tier: Tier;
  readonly currency: Currency;
  readonly validFrom: CalendarDate;
}

/** A product as one version of a price book lists it; a blank price: not offered on that term. */
export interface BookLine extends Product {
  readonly prices: PriceTable;
}

export interface PriceBookSummary extends BookKey {
  readonly products: number;
  readonly importedAt: string | null;
  readonly importedBy: string | null;
  readonly source: string | null;
}

/**
 * A partner's resale rule. Markups (in hundredths of a percent: 12.5 % is 1250) apply
 * to a SKU, a category or everything (default); a price is one SKU's resale price on
 * one term, in one currency.
 */
export type ResaleRuleKind = 'default' | 'category' | 'sku' | 'price';
export interface ResaleRule {
  readonly partner: string;
  readonly kind: ResaleRuleKind;
  /** The category or SKU; '' for the default. */
  readonly key: string;
  /** The term of an explicit price; null for markups. */
  readonly term: Term | null;
  readonly markupBp: number | null;
  readonly price: bigint | null;
  readonly currency: Currency | null;
}

/** A quote a partner issued to its customer (`quote --format pdf`): numbered Q-YYYY-NNNNN per partner, kept as sent. */
export interface QuoteRecord {
  readonly number: string;
  readonly partner: string;
  readonly customer: string | null;
  readonly pbx: string | null;
  readonly issuedOn: CalendarDate;
  readonly validUntil: CalendarDate;
  readonly currency: Currency;
  readonly total: bigint;
  readonly resaleTotal: bigint;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The quote as JSON (the quote JSON of the contract, both sides), and what the document showed. */
  readonly document: string;
  /** What became of it: sent, accepted or declined by the customer, or ordered (`expired` is said when it is read, past its valid-until). */
  readonly status: QuoteStatus;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  /** The order made from it. */
  readonly orderSeq: number | null;
}

export const QUOTE_STATUSES = ['sent', 'accepted', 'declined', 'ordered'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const quoteNumber = (year: number, seq: number): string => `Q-${year}-${String(seq).padStart(5, '0')}`;

export interface Invoice {
  readonly number: string;
  readonly partner: string;
  readonly amount: bigint;
  readonly currency: Currency;
  readonly issuedOn: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly paidOn: CalendarDate | null;
}

export interface Agreement {
  readonly id: string;
  readonly customer: string;
  readonly signedOn: CalendarDate;
  readonly file: string | null;
}

export const agreementId = (seq: number): string => `AGR-${String(seq).padStart(4, '0')}`;

export interface StockLevel {
  readonly sku: string;
  readonly name: string;
  readonly onHand: number;
  readonly reserved: number;
}

export type OrderSource = 'import' | 'quote';

export const ORDER_STATUSES = ['draft', 'placed', 'approved', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The statuses whose lines hold a stock reservation. */
export const RESERVING: readonly OrderStatus[] = ['placed', 'approved'];

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  /** A negotiated price per term that staff set on the draft, kept from the draft. */
  readonly priceOverride: bigint | null;
  /** Fixed at checkout; null on a draft. */
  readonly unitPrice: bigint | null;
  readonly amount: bigint | null;
  readonly renewal: bigint | null;
  /** The catalog's price at checkout, beside a negotiated one; null on a draft or when the catalog had none. */
  readonly listPrice: bigint | null;
  /** Devices this line reserved at checkout: what cancel releases and shipping takes, whatever the catalog says later. */
  readonly reservedQty: number;
  /** The partner's resale price per term, fixed at checkout by its resale rules; null on a draft. */
  readonly resaleUnitPrice: bigint | null;
  /** What the line renews for on the resale side, fixed at checkout (after a waiting change of term, on the new term); null on a draft and on orders placed before hwaas 0.5. */
  readonly resaleRenewal: bigint | null;
  /** Serial numbers of the devices shipped (or brought in). */
  readonly serials: readonly string[];
}

export interface OrderEvent {
  readonly at: string;
  readonly by: string;
  /** Wildix staff who acted as `by`, or null. */
  readonly actedBy: string | null;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
}

export interface Order {
  readonly id: string;
  readonly seq: number;
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly status: OrderStatus;
  readonly currency: Currency;
  readonly start: CalendarDate | null;
  readonly end: CalendarDate | null;
  readonly periodStart: CalendarDate | null;
  readonly days: number | null;
  readonly periodDays: number | null;
  readonly total: bigint | null;
  readonly renewalTotal: bigint | null;
  /** A draft's first charge when it was saved, to say at checkout that the price moved. */
  readonly savedTotal: bigint | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly placedAt: string | null;
  readonly warnings: readonly string[];
  readonly lines: readonly OrderLine[];
  readonly events: readonly OrderEvent[];
  /** Where it came from: placed through hwaas (null), made from a quote, or a running line brought in. */
  readonly source: OrderSource | null;
  /** The quote it was made from. */
  readonly quote: string | null;
}

export interface OrderSummary {
  readonly id: string;
  readonly partner: string;
  readonly status: OrderStatus;
  readonly customer: string;
  readonly pbx: string;
  readonly term: Term;
  readonly currency: Currency;
  readonly total: bigint | null;
  /** A draft's first charge when it was saved (an estimate: checkout re-prices it). */
  readonly savedTotal: bigint | null;
  readonly createdAt: string;
  readonly placedAt: string | null;
  readonly source: OrderSource | null;
}

export const orderId = (seq: number): string => `ORD-${String(seq).padStart(6, '0')}`;

/** ORD-000042, ord-42 or 42 → 42; null when it is no order ID at all. */
export function orderSeq(id: string): number | null {
  const match = /^(?:ORD-?)?0*(\d{1,12})$/i.exec(id.trim());
  return match ? Number(match[1]) : null;
}

/** One line of a placed order as it runs on its PBX, with what was cancelled of it: what `services` reads. */
export interface ServiceRecord {
  readonly order: string;
  readonly orderSeq: number;
  /** placed, approved or shipped: only a shipped order's devices are at the customer's. */
  readonly orderStatus: OrderStatus;
  readonly lineNo: number;
  readonly partner: string;
  readonly customer: string;
  readonly pbx: string;
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly stocked: boolean;
  readonly qty: number;
  /** The order's start. */
  readonly since: CalendarDate;
  readonly currency: Currency;
  /** The unit price per term fixed at checkout. */
  readonly unitPrice: bigint;
  /** The customer's unit price per term fixed at checkout (or import); null on orders placed before hwaas 0.5 (the partner's rules then). */
  readonly resaleUnitPrice: bigint | null;
  /** Where the line came from: an order placed through hwaas (null), one made from a quote, or the installed base brought in. */
  readonly source: OrderSource | null;
  /** Serial numbers of the devices recorded when shipping (or imported). */
  readonly serials: readonly string[];
  /** Units of this line cancelled, each batch stopping on its date. */
  readonly cancelled: readonly { readonly cancellation: string; readonly qty: number; readonly effectiveOn: CalendarDate; readonly serials: readonly string[] }[];
}

export const PICKUPS = ['end-user', 'partner'] as const;
export type Pickup = (typeof PICKUPS)[number];
export type ReturnStatus = 'none' | 'requested' | 'received';

export interface CancellationLine {
  readonly order: string;
  readonly orderSeq: number;
  readonly lineNo: number;
  readonly sku: string;
  readonly qty: number;
  /** Units that go back to the warehouse (devices; not services such as CLASSOUND). */
  readonly returnedQty: number;
  readonly since: CalendarDate;
  readonly minimumUntil: CalendarDate;
  readonly finalCharge: bigint;
  /** Serial numbers of the devices this line stops, when the cancellation named them. */
  readonly serials: readonly string[];
}

/** Services stopped at the end of a PBX period (`services cancel`, `pbx cancel`): also the return request of their devices. */
export interface Cancellation {
  readonly id: string;
  readonly seq: number;
  readonly partner: string;
  readonly pbx: string;
  readonly wholePbx: boolean;
  readonly requestedOn: CalendarDate;
  readonly effectiveOn: CalendarDate;
  readonly currency: Currency;
  readonly finalChargeTotal: bigint;
  readonly mrrDecrease: bigint;
  readonly pickup: Pickup | null;
  readonly returnStatus: ReturnStatus;
  readonly receivedAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly lines: readonly CancellationLine[];
  /** Undone before it took effect (`cancellations undo`): the services run on, no devices come back. */
  readonly undoneAt: string | null;
  /** Serial numbers of the devices received back. */
  readonly receivedSerials: readonly string[];
}

export const cancellationId = (seq: number): string => `CAN-${String(seq).padStart(4, '0')}`;

export const RMA_STATUSES = ['requested', 'shipped', 'closed'] as const;
export type RmaStatus = (typeof RMA_STATUSES)[number];

/** A replacement of faulty devices: billing does not change. */
export interface Rma {
  readonly id: string;
  readonly seq: number;
  readonly partner: string;
  readonly pbx: string;
  readonly sku: string;
  readonly qty: number;
  readonly reason: string;
  readonly deliverTo: Pickup;
  readonly status: RmaStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly shippedAt: string | null;
  readonly closedAt: string | null;
  /** Serial numbers of the faulty devices, when named. */
  readonly serials: readonly string[];
}

export const rmaId = (seq: number): string => `RMA-${String(seq).padStart(4, '0')}`;

/** CAN-0001, can-1 or 1 → 1 (and RMA- alike); null when it is no such ID. */
export function requestSeq(prefix: 'CAN' | 'RMA', id: string): number | null {
  const match = new RegExp(`^(?:${prefix}-?)?0*(\\d{1,12})$`, 'i').exec(id.trim());
  return match ? Number(match[1]) : null;
}

/**
 * A token a user holds to reach a shared store through `hwaas serve`: what identifies it
 * (never the secret: only its hash is kept), whose it is, and when it stops.
 */
export interface ApiToken {
  readonly id: string;
  readonly user: string;
  readonly name: string;
  /** SHA-256 of the secret, hex. */
  readonly hash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}
