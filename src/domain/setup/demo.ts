import { CURRENCIES, type Currency } from '../../terms/money.js';
import { TERMS, type License } from '../../terms/term.js';
import type { CalendarDate } from '../../terms/dates.js';
import { PBX_TYPES, type Partner, type PartnerProfile, type PbxType, TIERS, type User } from '../kernel/model.js';

import type { JsonReader } from '../kernel/validate.js';

/** 1,000,000,000.00: an invoice is larger than a unit price, but still bounded. */
export const MAX_INVOICE_AMOUNT = 100_000_000_000n;

export interface DemoData {
  readonly partners: readonly Partner[];
  /** The identity some demo partners print on their documents. */
  readonly profiles: ReadonlyMap<string, PartnerProfile>;
  readonly users: readonly User[];
  readonly defaultUser: string;
  readonly customers: readonly { id: string; partner: string; name: string; country: string | null; vat: string | null; email: string | null; address: string | null; contact: string | null }[];
  readonly pbxs: readonly {
    id: string;
    customer: string;
    name: string;
    type: PbxType;
    license: License;
    activated: CalendarDate;
    cancelledOn: CalendarDate | null;
  }[];
  readonly invoices: readonly {
    number: string;
    partner: string;
    amount: bigint;
    currency: Currency;
    issuedOn: CalendarDate;
    dueOn: CalendarDate;
    paidOn: CalendarDate | null;
  }[];
  readonly agreements: readonly { customer: string; signedOn: CalendarDate; file: string | null }[];
  readonly stock: readonly { sku: string; onHand: number }[];
}

const ID = { max: 40, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, hint: 'an ID (letters, digits, dashes)' };
const EMAIL = { max: 254, pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, hint: 'an e-mail address' };

function unique(reader: JsonReader, seen: Set<string>, id: string): void {
  if (seen.has(id)) reader.fail(`${id} appears twice`);
  seen.add(id);
}

function known(reader: JsonReader, ids: Set<string>, id: string, what: string): void {
  if (!ids.has(id)) reader.fail(`no ${what} ${id} in this file`);
}

/** data/demo.json: every reference checked against the file itself and the catalog's SKUs. */
export function readDemo(root: JsonReader, skus: ReadonlySet<string>): DemoData {
  const partnerIds = new Set<string>();
  const profiles = new Map<string, PartnerProfile>();
  const partners = root
    .field('partners')
    .array()
    .map((entry): Partner => {
      const id = entry.field('id').string(ID);
      unique(entry.field('id'), partnerIds, id);
      const manager = entry.field('areaManager');
      if (entry.has('profile')) {
        const profile = entry.field('profile');
        const text = (key: string, max: number) => profile.field(key).optionalString({ max });
        profiles.set(id, {
          legalName: text('legalName', 200),
          address: text('address', 600),
          vat: text('vat', 40),
          email: text('email', 254),
          phone: text('phone', 40),
          logo: null,
          paymentTerms: text('paymentTerms', 300),
          footer: text('footer', 300),
        });
      }
      return {
        id,
        name: entry.field('name').string({ max: 120 }),
        country: entry.field('country').string({ pattern: /^[A-Z]{2}$/, hint: 'a two-letter country code' }),
        currency: entry.field('currency').oneOf(CURRENCIES),
        tier: entry.field('tier').oneOf(TIERS),
        areaManagerName: manager.field('name').string({ max: 120 }),
        areaManagerEmail: manager.field('email').string(EMAIL),
      };
    });
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const users = root
    .field('users')
    .array()
    .map((entry): User => {
      const id = entry.field('id').string(ID);
      unique(entry.field('id'), userIds, id);
      const email = entry.field('email').string(EMAIL);
      unique(entry.field('email'), emails, email.toLowerCase());
      const role = entry.field('role').oneOf(['staff', 'partner'] as const);
      const partner = entry.field('partner').optionalString();
      if (role === 'partner') {
        if (partner === null) entry.field('partner').fail('a partner user needs its partner');
        known(entry.field('partner'), partnerIds, partner!, 'partner');
      } else if (partner !== null) {
        entry.field('partner').fail('a staff user belongs to no partner');
      }
      return { id, email, name: entry.field('name').string({ max: 120 }), role, partner };
    });
  const defaultUser = root.field('defaultUser').string(ID);
  known(root.field('defaultUser'), userIds, defaultUser, 'user');

  const customerIds = new Set<string>();
  const customerPartner = new Map<string, string>();
  const customers = root
    .field('customers')
    .array()
    .map((entry) => {
      const id = entry.field('id').string(ID);
      unique(entry.field('id'), customerIds, id);
      const partner = entry.field('partner').string(ID);
      known(entry.field('partner'), partnerIds, partner, 'partner');
      customerPartner.set(id, partner);
      return {
        id,
        partner,
        name: entry.field('name').string({ max: 200 }),
        country: entry.field('country').optionalString({ max: 2 }),
        vat: entry.field('vat').optionalString({ max: 40 }),
        email: entry.field('email').optionalString({ max: 254 }),
        address: entry.field('address').optionalString({ max: 600 }),
        contact: entry.field('contact').optionalString({ max: 200 }),
      };
    });
  const pbxIds = new Set<string>();
  const pbxs = root
    .field('pbxs')
    .array()
    .map((entry) => {
      const id = entry.field('id').string(ID);
      unique(entry.field('id'), pbxIds, id);
      const customer = entry.field('customer').string(ID);
      known(entry.field('customer'), customerIds, customer, 'customer');
      const activated = entry.field('activated').date();
      const cancelledOn = entry.field('cancelledOn').optionalDate();
      if (cancelledOn !== null && cancelledOn <= activated) entry.field('cancelledOn').fail('must be after the activation');
      return {
        id,
        customer,
        name: entry.field('name').string({ max: 120 }),
        type: entry.field('type').oneOf(PBX_TYPES),
        license: entry.field('license').oneOf([...TERMS, 'perpetual'] as const),
        activated,
        cancelledOn,
      };
    });
  const invoiceNumbers = new Set<string>();
  const invoices = root
    .field('invoices')
    .array()
    .map((entry) => {
      const number = entry.field('number').string(ID);
      unique(entry.field('number'), invoiceNumbers, number);
      const partner = entry.field('partner').string(ID);
      known(entry.field('partner'), partnerIds, partner, 'partner');
      const issuedOn = entry.field('issuedOn').date();
      const dueOn = entry.field('dueOn').date();
      if (dueOn < issuedOn) entry.field('dueOn').fail('is before the issue date');
      return {
        number,
        partner,
        amount: entry.field('amount').amount(MAX_INVOICE_AMOUNT),
        currency: entry.field('currency').oneOf(CURRENCIES),
        issuedOn,
        dueOn,
        paidOn: entry.field('paidOn').optionalDate(),
      };
    });
  const agreements = root
    .field('agreements')
    .array()
    .map((entry) => {
      const customer = entry.field('customer').string(ID);
      known(entry.field('customer'), customerIds, customer, 'customer');
      return { customer, signedOn: entry.field('signedOn').date(), file: entry.field('file').optionalString({ max: 500 }) };
    });
  const stock = root
    .field('stock')
    .array()
    .map((entry) => {
      const sku = entry.field('sku').string();
      if (!skus.has(sku)) entry.field('sku').fail(`no product ${sku} in the catalog`);
      return { sku, onHand: entry.field('onHand').integer(-1_000_000, 1_000_000) };
    });
  return { partners, profiles, users, defaultUser, customers, pbxs, invoices, agreements, stock };
}
