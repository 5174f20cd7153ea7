import type { CalendarDate } from '../terms/dates.js';
import type { Currency } from '../terms/money.js';
import type { License, Term } from '../terms/term.js';

export type Role = 'staff' | 'partner';
export const PBX_TYPES = ['cloud', 'virtual', 'hardware'] as const;
export type PbxType = (typeof PBX_TYPES)[number];
export type PriceKind = 'capex' | Term;

export interface Partner {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly currency: Currency;
  readonly areaManagerName: string;
  readonly areaManagerEmail: string;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly partner: string | null;
}

/** What the acting user may see: everything (staff) or one partner's records. */
export type Scope = { readonly kind: 'staff' } | { readonly kind: 'partner'; readonly partnerId: string };

export function scopeOf(user: User): Scope {
  return user.role === 'staff' || user.partner === null ? { kind: 'staff' } : { kind: 'partner', partnerId: user.partner };
}

export interface Customer {
  readonly id: string;
  readonly partner: string;
  readonly name: string;
  readonly country: string | null;
  readonly vat: string | null;
  readonly email: string | null;
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

export interface CatalogProduct extends Product {
  readonly prices: Partial<Record<Currency, PriceTable>>;
}
