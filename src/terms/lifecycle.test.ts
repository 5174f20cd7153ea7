import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANCELLATION_EXAMPLES, TERM_CHANGE_EXAMPLES } from './workedExamples.testdata.js';
import { type CalendarDate, parseDate, formatDate, daysBetween, addMonths } from './dates.js';
import { tryParseAmount, formatAmount } from './money.js';
import { type PbxLicense, pbxStatusOn, periodOn, termOn, coTerminate } from './period.js';
import { finalCharge, monthlyRecurring } from './cancellation.js';
import { TERMS, type Term } from './term.js';

const d = (text: string): CalendarDate => parseDate(text);
const money = (text: string): bigint => tryParseAmount(text)!;

describe('docs/terms.md: cancellation and the six-month minimum', () => {
  it.each(CANCELLATION_EXAMPLES)('$activated $term, since $since, requested $requested: $finalCharge', (row) => {
    const pbx: PbxLicense = { license: row.term, activated: d(row.activated), cancelledOn: null };
    const status = pbxStatusOn(pbx, d(row.requested));
    if (status.kind !== 'active') throw new Error('not active');
    expect(formatDate(status.expiresOn)).toBe(row.effectiveOn);
    const charge = finalCharge(pbx, status.expiresOn, d(row.since), row.qty, () => money(row.price));
    expect(formatDate(charge.minimumUntil)).toBe(row.minimumUntil);
    expect(formatAmount(charge.amount)).toBe(row.finalCharge);
  });

  it('each part is rounded on its own, and the parts tile [e, m) without gap or overlap', () => {
    const pbx: PbxLicense = { license: 'monthly', activated: d('2021-08-25'), cancelledOn: null };
    const charge = finalCharge(pbx, d('2026-11-25'), d('2026-10-10'), 2, () => 1000n);
    expect(charge.parts.map((p) => formatAmount(p.amount))).toEqual(['20.00', '20.00', '20.00', '20.00', '10.32']);
    expect(charge.parts.reduce((sum, p) => sum + p.days, 0)).toBe(daysBetween(d('2026-11-25'), d('2027-04-10')));
  });

  it('after a change of term, the new term’s periods and price apply', () => {
    const pbx: PbxLicense = { license: 'yearly', activated: d('2020-05-01'), cancelledOn: null, termChanges: [{ from: d('2027-05-01'), term: 'monthly' }] };
    const charge = finalCharge(pbx, d('2027-05-01'), d('2027-03-01'), 1, (segment) => (segment.term === 'monthly' ? 1200n : 12000n));
    expect(charge.parts.map((p) => [formatDate(p.periodStart), p.term, formatAmount(p.amount)])).toEqual([
      ['2027-05-01', 'monthly', '12.00'],
      ['2027-06-01', 'monthly', '12.00'],
      ['2027-07-01', 'monthly', '12.00'],
      ['2027-08-01', 'monthly', '12.00'],
    ]);
    expect(formatAmount(charge.amount)).toBe('48.00');
  });

  it('property: a unit that ran six months or more owes nothing; before that, at most the exact rational of the window plus half a cent per part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TERMS),
        fc.integer({ min: 0, max: 20000 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 500000 }),
        (term: Term, activatedOffset, sinceOffset, requestOffset, qty, price) => {
          const activated = (d('1990-01-01') + activatedOffset) as CalendarDate;
          const since = (activated + sinceOffset) as CalendarDate;
          const requested = (since + requestOffset) as CalendarDate;
          const pbx: PbxLicense = { license: term, activated, cancelledOn: null };
          const e = periodOn(activated, term, requested).end;
          const charge = finalCharge(pbx, e, since, qty, () => BigInt(price));
          expect(charge.minimumUntil).toBe(addMonths(since, 6));
          if (e >= charge.minimumUntil) expect(charge.amount).toBe(0n);
          else {
            expect(charge.parts.reduce((sum, p) => sum + p.days, 0)).toBe(daysBetween(e, charge.minimumUntil));
            const exact = charge.parts.reduce((sum, p) => sum + (price * qty * p.days) / p.periodDays, 0);
            expect(Math.abs(Number(charge.amount) - exact)).toBeLessThanOrEqual(charge.parts.length * 0.5 + 1e-6);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('docs/terms.md: a change of term', () => {
  it.each(TERM_CHANGE_EXAMPLES)('$activated $from, change to $to requested $requested: from $effectiveOn', (row) => {
    const before: PbxLicense = { license: row.from, activated: d(row.activated), cancelledOn: null };
    const status = pbxStatusOn(before, d(row.requested));
    if (status.kind !== 'active') throw new Error('not active');
    expect(formatDate(status.expiresOn)).toBe(row.effectiveOn);
    const after: PbxLicense = { ...before, termChanges: [{ from: status.expiresOn, term: row.to }] };
    // Until e nothing moves; from e the boundaries are counted from e.
    expect(pbxStatusOn(after, d(row.requested))).toEqual(status);
    expect(termOn(after, d(row.requested))).toBe(row.from);
    expect(termOn(after, status.expiresOn)).toBe(row.to);
    const boundaries: string[] = [];
    let day = status.expiresOn;
    for (const _ of row.boundaries) {
      const next = pbxStatusOn(after, day);
      if (next.kind !== 'active') throw new Error('not active');
      boundaries.push(formatDate(next.expiresOn));
      day = next.expiresOn;
    }
    expect(boundaries).toEqual(row.boundaries);
  });

  it('a service ordered after the change has the new term; the old one is refused', () => {
    const pbx: PbxLicense = { id: 'PBX-1', license: 'yearly', activated: d('2020-05-01'), cancelledOn: null, termChanges: [{ from: d('2027-05-01'), term: 'monthly' }] };
    expect(coTerminate(pbx, d('2027-05-10'), 'monthly')).toMatchObject({ term: 'monthly', end: d('2027-06-01') });
    expect(() => coTerminate(pbx, d('2027-05-10'), 'yearly')).toThrow(/monthly licences from 2027-05-01/);
    expect(coTerminate(pbx, d('2027-04-10'), 'yearly')).toMatchObject({ term: 'yearly', end: d('2027-05-01') });
  });

  it('property: a PBX with one segment behaves exactly as before', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMS), fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 20000 }), (term: Term, a, offset) => {
        const activated = (d('1990-01-01') + a) as CalendarDate;
        const day = (activated + offset) as CalendarDate;
        const status = pbxStatusOn({ license: term, activated, cancelledOn: null, termChanges: [] }, day);
        if (status.kind !== 'active') throw new Error('not active');
        const period = periodOn(activated, term, day);
        expect([status.period.start, status.period.end]).toEqual([period.start, period.end]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('MRR', () => {
  it('price × qty ÷ months, half up once per line', () => {
    expect(formatAmount(monthlyRecurring(money('45.00'), 3, 'yearly'))).toBe('11.25');
    expect(formatAmount(monthlyRecurring(money('10.00'), 1, 'yearly'))).toBe('0.83');
    expect(formatAmount(monthlyRecurring(money('250.00'), 1, 'five-year'))).toBe('4.17');
    expect(formatAmount(monthlyRecurring(money('0.06'), 1, 'yearly'))).toBe('0.01');
    expect(formatAmount(monthlyRecurring(money('24.95'), 2, 'monthly'))).toBe('49.90');
  });
});
