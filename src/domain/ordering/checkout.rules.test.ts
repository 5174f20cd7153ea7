import { describe, expect, it } from 'vitest';
import { parseDate } from '../../terms/dates.js';
import type { Agreement, Customer, Invoice, Partner, Pbx, User } from '../kernel/model.js';
import { daysOverdue, stageOf } from '../parties/standing.js';
import { type CheckoutFacts, blockersOf, checkPriceOverrides, checkoutWarnings, requireNotEnding } from './checkout.rules.js';

const today = parseDate('2026-11-24');
const customer: Customer = { id: 'CUS-0001', partner: 'PTR-001', name: 'Müller GmbH', country: 'DE', vat: null, email: null };
const partner: Partner = { id: 'PTR-001', name: 'Alpen Telecom GmbH', country: 'DE', currency: 'EUR', tier: 'gold', areaManagerName: 'Luca Bianchi', areaManagerEmail: 'luca@wildix.example' };
const signed = (on: string): Agreement => ({ id: 'AGR-0001', customer: customer.id, signedOn: parseDate(on), file: null });
const standingDue = (due: string | null) => {
  const invoice: Invoice | null =
    due === null ? null : { number: 'INV-1', partner: partner.id, amount: 12_345n, currency: 'EUR', issuedOn: parseDate('2026-01-01'), dueOn: parseDate(due), paidOn: null };
  const days = invoice ? daysOverdue(invoice, today) : 0;
  return { partner: partner.id, stage: stageOf(days), days, invoice };
};
const facts = (over: Partial<CheckoutFacts> = {}): CheckoutFacts => ({ customer, partner, agreements: [signed('2026-01-01')], standing: standingDue(null), today, ...over });

describe('what blocks checkout', () => {
  it('nothing, with an agreement signed by today and no invoice overdue', () => {
    expect(blockersOf(facts())).toEqual([]);
  });

  it('no agreement, or one signed only after today: the area manager who needs it is named', () => {
    for (const agreements of [[], [signed('2026-11-25')]]) {
      const [blocker] = blockersOf(facts({ agreements }));
      expect(blocker).toMatchObject({ code: 'NO_AGREEMENT', hint: { kind: 'register-agreement', customer: 'CUS-0001' } });
      expect(blocker!.message).toContain('Luca Bianchi <luca@wildix.example>');
    }
  });

  it.each([
    ['2026-11-21', [], ['OVERDUE_WARNING: INV-1 is 3 days overdue; ordering stops on day 5']],
    ['2026-11-19', ['OVERDUE_INVOICES'], []],
    ['2026-10-25', ['OVERDUE_INVOICES'], []],
  ] as const)('an invoice due %s: blockers %j, warnings %j', (due, codes, warnings) => {
    const standing = standingDue(due);
    expect(blockersOf(facts({ standing })).map((b) => b.code)).toEqual(codes);
    expect(checkoutWarnings(standing)).toEqual(warnings);
  });

  it('days 5–29 say a draft still saves; from day 30 they say it does not', () => {
    expect(blockersOf(facts({ standing: standingDue('2026-11-19') }))[0]!.message).toContain('saving a draft still works');
    const locked = blockersOf(facts({ standing: standingDue('2026-10-25') }))[0]!.message;
    expect(locked).not.toContain('saving a draft still works');
    expect(locked).toContain('its users cannot save a draft either');
  });

  it('says every reason at once', () => {
    expect(blockersOf(facts({ agreements: [], standing: standingDue('2026-11-01') })).map((b) => b.code)).toEqual(['NO_AGREEMENT', 'OVERDUE_INVOICES']);
  });
});

describe('who may do what at checkout', () => {
  const pbx = (cancelledOn: string | null): Pbx => ({
    id: 'PBX-1001',
    customer: customer.id,
    partner: partner.id,
    name: 'HQ',
    type: 'cloud',
    license: 'yearly',
    activated: parseDate('2020-05-01'),
    cancelledOn: cancelledOn === null ? null : parseDate(cancelledOn),
    termChanges: [],
  });

  it('a PBX that is ending takes no new order', () => {
    expect(() => requireNotEnding(pbx(null), today)).not.toThrow();
    expect(() => requireNotEnding(pbx('2027-05-01'), today)).toThrow(/cancelled and ends on 2027-05-01/);
  });

  it('only staff set a negotiated price on an order', () => {
    const user = (role: 'staff' | 'partner'): User => ({ id: 'USR-1', email: 'a@b.example', name: 'A', role, partner: role === 'partner' ? partner.id : null });
    const items = [{ sku: 'WP480G', qty: 1, price: 5000n }];
    expect(() => checkPriceOverrides(user('staff'), items)).not.toThrow();
    expect(() => checkPriceOverrides(user('partner'), items)).toThrow(/WP480G@…: an order is placed at the price list's price/);
    expect(() => checkPriceOverrides(user('partner'), [{ sku: 'WP480G', qty: 1, price: null }])).not.toThrow();
  });
});
