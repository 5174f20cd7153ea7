import type { Agreement, ApiToken, Customer, Invoice, Partner, PartnerProfile, Role, Tier, User } from '../../domain/kernel/model.js';
import { missingForDocuments } from '../../domain/parties/profiles.js';
import { type Stage, type Standing, standingSentence } from '../../domain/parties/standing.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import { type Amount, type DateText, type Timestamp, date } from './common.js';

export interface UserJson {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner: string | null;
}
export const userJson = (u: User): UserJson => ({ id: u.id, email: u.email, name: u.name, role: u.role, partner: u.partner });

/** A user in `users list` and from `users add|disable|enable`: whoami's shape, with its state and, on a shared store, its login. */
export interface UserRecordJson extends UserJson {
  disabled: boolean;
  dbRole: string | null;
}
export const userRecordJson = (u: User): UserRecordJson => ({ ...userJson(u), disabled: Boolean(u.disabledAt), dbRole: u.dbRole ?? null });
export const USER_KEYS = ['id', 'email', 'name', 'role', 'partner', 'disabled', 'dbRole'] as const;

/** A user with the day it was disabled (`users list` shows it). */
export interface UserRowJson extends UserRecordJson {
  disabledAt: Timestamp | null;
}
export const userRowJson = (u: User): UserRowJson => ({ ...userRecordJson(u), disabledAt: u.disabledAt ?? null });

export interface PartnerJson {
  id: string;
  name: string;
  country: string;
  currency: string;
  tier: Tier;
  areaManagerName: string;
  areaManagerEmail: string;
}
export const partnerJson = (p: Partner): PartnerJson => ({
  id: p.id,
  name: p.name,
  country: p.country,
  currency: p.currency,
  tier: p.tier,
  areaManagerName: p.areaManagerName,
  areaManagerEmail: p.areaManagerEmail,
});
export const PARTNER_KEYS = ['id', 'name', 'country', 'currency', 'tier', 'areaManagerName', 'areaManagerEmail'] as const;

/** What changed of a partner (`partners edit`). */
export interface PartnerEditJson {
  before: PartnerJson;
  after: PartnerJson;
}

export interface StandingJson {
  stage: Stage;
  daysOverdue: number;
  invoice: string | null;
  /** The invoice that decides the stage, for the sentence that says why. */
  invoiceAmount: Amount | null;
  currency: string | null;
  dueOn: DateText | null;
  /** What it means, in a sentence (why, and what it stops); null when the partner is current. */
  said: string | null;
}
export const standingJson = (s: Standing): StandingJson => ({
  stage: s.stage,
  daysOverdue: s.days,
  invoice: s.invoice?.number ?? null,
  invoiceAmount: s.invoice ? formatAmount(s.invoice.amount) : null,
  currency: s.invoice?.currency ?? null,
  dueOn: s.invoice ? formatDate(s.invoice.dueOn) : null,
  said: standingSentence(s),
});

/** `whoami`: the acting user, its partner and the partner's standing. */
export interface WhoamiJson extends UserJson {
  standing: StandingJson | null;
  partnerDetails: PartnerJson | null;
}

export interface CustomerJson {
  id: string;
  name: string;
  partner: string;
  country: string | null;
  vat: string | null;
  email: string | null;
  /** Lines separated by newlines. */
  address: string | null;
  contact: string | null;
}
export const customerJson = (c: Customer): CustomerJson => ({
  id: c.id,
  name: c.name,
  partner: c.partner,
  country: c.country,
  vat: c.vat,
  email: c.email,
  address: c.address ?? null,
  contact: c.contact ?? null,
});
export const CUSTOMER_KEYS = ['id', 'name', 'partner', 'country', 'vat', 'email', 'address', 'contact'] as const;

/** A partner's identity on its documents (`partners profile`): the logo as its type and size; `missing` what a customer's document would lack. */
export interface ProfileJson {
  partner: string;
  legalName: string | null;
  address: string | null;
  vat: string | null;
  email: string | null;
  phone: string | null;
  logo: { mediaType: string; bytes: number } | null;
  paymentTerms: string | null;
  footer: string | null;
  missing: string[];
}
export const profileJson = (partner: string, p: PartnerProfile): ProfileJson => ({
  partner,
  legalName: p.legalName,
  address: p.address,
  vat: p.vat,
  email: p.email,
  phone: p.phone,
  logo: p.logo ? { mediaType: p.logo.mediaType, bytes: p.logo.bytes.length } : null,
  paymentTerms: p.paymentTerms,
  footer: p.footer,
  missing: missingForDocuments(p),
});

export interface AgreementJson {
  id: string;
  customer: string;
  signedOn: DateText;
  file: string | null;
}
export const agreementJson = (a: Agreement): AgreementJson => ({ id: a.id, customer: a.customer, signedOn: formatDate(a.signedOn), file: a.file });
export const AGREEMENT_KEYS = ['id', 'customer', 'signedOn', 'file'] as const;

/** An agreement registered, with what the sentence after it needs. */
export interface AgreementAddedJson extends AgreementJson {
  customerName: string;
  /** Earlier agreements of the customer, kept beside it. */
  earlier: AgreementJson[];
  areaManager: string | null;
}

export interface InvoiceJson {
  number: string;
  partner: string;
  amount: Amount;
  currency: string;
  issuedOn: DateText;
  dueOn: DateText;
  paidOn: DateText | null;
  overdue: boolean;
  daysOverdue: number;
  stage: Stage;
}
export const invoiceJson = (i: Invoice, daysOverdue: number, stage: Stage): InvoiceJson => ({
  number: i.number,
  partner: i.partner,
  amount: formatAmount(i.amount),
  currency: i.currency,
  issuedOn: formatDate(i.issuedOn),
  dueOn: formatDate(i.dueOn),
  paidOn: date(i.paidOn),
  overdue: daysOverdue > 0,
  daysOverdue,
  stage,
});
export const INVOICE_KEYS = ['number', 'partner', 'amount', 'currency', 'issuedOn', 'dueOn', 'paidOn', 'overdue', 'daysOverdue', 'stage'] as const;

/** `invoices pay`. */
export interface PaidInvoiceJson {
  number: string;
  partner: string;
  amount: Amount;
  currency: string;
  paidOn: DateText;
}

/** A token as `users token list` shows it: never its secret, which only its creation says, once. */
export interface TokenJson {
  id: string;
  user: string;
  name: string;
  createdAt: Timestamp;
  createdBy: string;
  expiresAt: Timestamp | null;
  revokedAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
  /** On the moment it was looked at: active, expired or revoked. */
  status: 'active' | 'expired' | 'revoked' | 'user disabled';
}
/** `userDisabled`: its user is disabled, so it is refused (it works again if the user is enabled, unless revoked or expired). */
export const tokenJson = (t: ApiToken, now: Date, userDisabled = false): TokenJson => ({
  id: t.id,
  user: t.user,
  name: t.name,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  lastUsedAt: t.lastUsedAt,
  status: t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now.getTime() ? 'expired' : userDisabled ? 'user disabled' : 'active',
});
export const TOKEN_KEYS = ['id', 'user', 'name', 'createdAt', 'createdBy', 'expiresAt', 'revokedAt', 'lastUsedAt', 'status'] as const;

/** A token just issued: the one time its text is said. */
export interface NewTokenJson {
  id: string;
  user: string;
  name: string;
  expiresAt: Timestamp | null;
  token: string;
}
