import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteJson } from '../views/json/quotes.js';
import { WORKED_EXAMPLES_TABLE } from './workedExamples.testdata.js';
import { type CalendarDate, parseDate, formatDate, fromCivil, toCivil, tryParseDate, daysBetween, addMonths } from './dates.js';
import { parseTerm, parseLicense, TERMS, type Term } from './term.js';
import { boundary, periodOn, coTerminate } from './period.js';
import { tryParseAmount, formatAmount, formatMoney, divideRoundHalfUp } from './money.js';
import { buildQuote, explainQuote, withResalePrices } from './quote.js';
import { prorate } from './proration.js';

const d = (text: string): CalendarDate => parseDate(text);
const f = formatDate;

describe('calendar dates', () => {
  it('round-trips civil dates through day numbers', () => {
    expect(fromCivil(1970, 1, 1)).toBe(0);
    expect(f(d('2000-02-29'))).toBe('2000-02-29');
    expect(toCivil(d('2100-03-01'))).toEqual({ year: 2100, month: 3, day: 1 });
    fc.assert(
      fc.property(fc.integer({ min: fromCivil(1, 1, 1), max: fromCivil(9999, 12, 31) }), (n) => {
        const date = n as CalendarDate;
        expect(d(f(date))).toBe(date);
      }),
    );
  });

  it('refuses what is not a YYYY-MM-DD calendar date', () => {
    for (const bad of ['2021-02-30', '2021-2-3', '20210203', '2100-02-29', '2021-13-01', '2021-00-10', '', ' 2021-01-01', '2021-01-01T00:00', '0000-01-01']) {
      expect(tryParseDate(bad), bad).toBeNull();
      expect(() => parseDate(bad, '--start')).toThrow(/--start/);
    }
    expect(f(d('2000-02-29'))).toBe('2000-02-29');
    expect(f(d('2024-02-29'))).toBe('2024-02-29');
  });

  it('counts days with the end excluded', () => {
    expect(daysBetween(d('2020-08-01'), d('2021-05-01'))).toBe(273);
    expect(daysBetween(d('2019-03-15'), d('2024-03-15'))).toBe(1827);
    expect(daysBetween(d('2021-12-31'), d('2022-01-01'))).toBe(1);
  });

  it('adds months clamped to the last day of the month', () => {
    expect(f(addMonths(d('2020-01-31'), 1))).toBe('2020-02-29');
    expect(f(addMonths(d('2021-01-31'), 1))).toBe('2021-02-28');
    expect(f(addMonths(d('2020-01-31'), 3))).toBe('2020-04-30');
    expect(f(addMonths(d('2020-02-29'), 12))).toBe('2021-02-28');
    expect(f(addMonths(d('2020-02-29'), 48))).toBe('2024-02-29');
    expect(f(addMonths(d('2096-02-29'), 48))).toBe('2100-02-28');
    expect(f(addMonths(d('2021-11-30'), 2))).toBe('2022-01-30');
    expect(f(addMonths(d('2021-03-31'), -1))).toBe('2021-02-28');
  });
});

describe('terms and boundaries', () => {
  it('accepts the aliases and prints the id', () => {
    expect(parseTerm('1m', '--term')).toBe('monthly');
    expect(parseTerm('1Y', '--term')).toBe('yearly');
    expect(parseTerm('5y', '--term')).toBe('five-year');
    expect(parseTerm('five-year', '--term')).toBe('five-year');
    expect(() => parseTerm('weekly', '--term')).toThrow(/not a term/);
    expect(parseLicense('perpetual', '--license')).toBe('perpetual');
    expect(() => parseLicense('forever', '--license')).toThrow(/not a licence/);
  });

  it('computes boundaries from the anchor, so the day does not drift (docs/terms.md)', () => {
    const monthly = [1, 2, 3, 4].map((k) => f(boundary(d('2020-01-31'), 'monthly', k)));
    expect(monthly).toEqual(['2020-02-29', '2020-03-31', '2020-04-30', '2020-05-31']);
    const yearly = [1, 2, 3, 4].map((k) => f(boundary(d('2020-02-29'), 'yearly', k)));
    expect(yearly).toEqual(['2021-02-28', '2022-02-28', '2023-02-28', '2024-02-29']);
    const five = boundary(d('2019-03-15'), 'five-year', 1);
    expect(f(five)).toBe('2024-03-15');
    expect(daysBetween(d('2019-03-15'), five)).toBe(1827);
  });

  it('finds the current period on any date', () => {
    const p = periodOn(d('2020-01-31'), 'monthly', d('2020-03-15'));
    expect([f(p.start), f(p.end), p.index]).toEqual(['2020-02-29', '2020-03-31', 1]);
    const onBoundary = periodOn(d('2020-01-31'), 'monthly', d('2020-03-31'));
    expect([f(onBoundary.start), f(onBoundary.end)]).toEqual(['2020-03-31', '2020-04-30']);
    const dayBefore = periodOn(d('2020-01-31'), 'monthly', d('2020-02-28'));
    expect([f(dayBefore.start), f(dayBefore.end)]).toEqual(['2020-01-31', '2020-02-29']);
  });

  it('keeps every date inside its period (property)', () => {
    const anchor = fc.integer({ min: fromCivil(1990, 1, 1), max: fromCivil(2090, 12, 31) });
    fc.assert(
      fc.property(anchor, fc.integer({ min: 0, max: 40000 }), fc.constantFrom(...TERMS), (a, offset, term) => {
        const activated = a as CalendarDate;
        const date = (a + offset) as CalendarDate;
        const period = periodOn(activated, term, date);
        expect(period.start <= date && date < period.end).toBe(true);
        expect(period.start).toBe(boundary(activated, term, period.index));
        expect(period.end).toBe(boundary(activated, term, period.index + 1));
      }),
    );
  });
});

describe('money', () => {
  it('parses exactly and refuses anything else', () => {
    expect(tryParseAmount('24.95')).toBe(2495n);
    expect(tryParseAmount('24.9')).toBe(2490n);
    expect(tryParseAmount('24')).toBe(2400n);
    expect(tryParseAmount('2399.95')).toBe(239995n);
    for (const bad of ['24.955', '-1', '1e3', '', ' 1', '1,00', '.5', '5.', '+1', 'NaN', 'Infinity', '0x10']) {
      expect(tryParseAmount(bad), bad).toBeNull();
    }
  });

  it('prints two decimals and parses back unchanged (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (minor) => {
        expect(tryParseAmount(formatAmount(minor))).toBe(minor);
      }),
    );
    expect(formatAmount(5n)).toBe('0.05');
    expect(formatAmount(-1234n)).toBe('-12.34');
    expect(formatMoney(123456789n, 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney(5n, 'GBP')).toBe('£0.05');
  });

  it('rounds half up, ties away from zero', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(8n, 3n)).toBe(3n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
  });
});

const quoteFor = (activated: string, term: Term, start: string, price: string, qty: number) =>
  buildQuote({
    pbx: { id: null, license: term, activated: d(activated), cancelledOn: null },
    start: d(start),
    currency: 'EUR',
    items: [{ sku: 'X', name: 'x', qty, unitPrice: tryParseAmount(price)! }],
  });

describe('docs/terms.md worked examples', () => {
  it.each(WORKED_EXAMPLES_TABLE)('$activated $term from $start: $amount', (row) => {
    const quote = quoteFor(row.activated, row.term, row.start, row.price, row.qty);
    const json = quoteJson(quote);
    expect(json.end).toBe(row.end);
    expect(json.days).toBe(row.days);
    expect(json.periodDays).toBe(row.periodDays);
    expect(json.lines[0]!.amount).toBe(row.amount);
    expect(json.total).toBe(row.amount);
    expect(json.renewalDate).toBe(row.end);
    expect(json.lines[0]!.renewal).toBe(formatAmount(tryParseAmount(row.price)! * BigInt(row.qty)));
  });
});

describe('edge cases', () => {
  const cases: [string, Term, string, string, number, number][] = [
    // activated, term, start, expected end, days, periodDays
    ['2021-01-31', 'monthly', '2021-02-27', '2021-02-28', 1, 28], // day before expiration: one day
    ['2021-01-31', 'monthly', '2021-02-28', '2021-03-31', 31, 31], // clamped boundary is a boundary
    ['2021-01-31', 'monthly', '2021-04-30', '2021-05-31', 31, 31],
    ['2021-01-31', 'monthly', '2021-06-15', '2021-06-30', 15, 30],
    ['2021-01-31', 'monthly', '2021-12-31', '2022-01-31', 31, 31], // across the year end
    ['2024-01-31', 'monthly', '2024-02-10', '2024-02-29', 19, 29], // leap February
    ['2023-12-15', 'yearly', '2024-01-10', '2024-12-15', 340, 366], // crosses the year end, leap year inside
    ['2020-02-29', 'yearly', '2021-02-28', '2022-02-28', 365, 365],
    ['2020-02-29', 'yearly', '2024-02-28', '2024-02-29', 1, 366],
    ['2096-02-29', 'yearly', '2099-06-01', '2100-02-28', 272, 365], // 2100 is not a leap year
    ['2096-02-29', 'monthly', '2100-02-01', '2100-02-28', 27, 30],
    ['2021-06-01', 'five-year', '2021-06-01', '2026-06-01', 1826, 1826], // one leap day
    ['2019-03-15', 'five-year', '2024-03-14', '2024-03-15', 1, 1827], // two leap days, last day
    ['2097-01-10', 'five-year', '2099-01-01', '2102-01-10', 1104, 1825], // no leap day at all (2100)
  ];
  it.each(cases)('%s %s from %s ends %s (%i / %i days)', (activated, term, start, end, days, periodDays) => {
    const quote = quoteFor(activated, term, start, '100.00', 1);
    expect([f(quote.end), quote.days, quote.periodDays]).toEqual([end, days, periodDays]);
  });

  it('31st anchors land on every month end', () => {
    const activated = d('2023-01-31');
    const expected = [
      '2023-02-28',
      '2023-03-31',
      '2023-04-30',
      '2023-05-31',
      '2023-06-30',
      '2023-07-31',
      '2023-08-31',
      '2023-09-30',
      '2023-10-31',
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
    ];
    expect(expected.map((_, i) => f(boundary(activated, 'monthly', i + 1)))).toEqual(expected);
  });

  it('refuses what co-termination forbids', () => {
    const yearly = { id: 'PBX-1', license: 'yearly' as const, activated: d('2020-05-01'), cancelledOn: null };
    expect(() => coTerminate(yearly, d('2020-08-01'), 'monthly')).toThrow(expect.objectContaining({ code: 'TERM_MISMATCH' }));
    expect(() => coTerminate({ ...yearly, license: 'monthly' }, d('2020-08-01'), 'yearly')).toThrow(expect.objectContaining({ code: 'TERM_MISMATCH' }));
    expect(() => coTerminate({ ...yearly, license: 'perpetual' }, d('2020-08-01'))).toThrow(expect.objectContaining({ code: 'NOT_SUBSCRIPTION' }));
    expect(() => coTerminate(yearly, d('2020-04-30'))).toThrow(expect.objectContaining({ code: 'BEFORE_ACTIVATION' }));
    const cancelled = { ...yearly, cancelledOn: d('2021-05-01') };
    expect(() => coTerminate(cancelled, d('2021-05-01'))).toThrow(expect.objectContaining({ code: 'PBX_ENDED' }));
    const last = coTerminate(cancelled, d('2021-04-30'));
    expect([f(last.end), last.renews]).toEqual(['2021-05-01', false]);
  });

  it('a PBX cancelled mid-period ends its services with it, still prorated on the whole period', () => {
    const quote = buildQuote({
      pbx: { id: 'PBX-9', license: 'yearly', activated: d('2020-05-01'), cancelledOn: d('2020-11-01') },
      start: d('2020-08-01'),
      currency: 'EUR',
      items: [{ sku: 'X', name: 'x', qty: 1, unitPrice: 12000n }],
    });
    expect([f(quote.end), quote.days, quote.periodDays, quote.total, quote.renewalDate]).toEqual(['2020-11-01', 92, 365, 3025n, null]);
  });
});

describe('proration properties', () => {
  const arbitraryQuote = fc.record({
    activated: fc.integer({ min: fromCivil(2000, 1, 1), max: fromCivil(2080, 12, 31) }),
    offset: fc.integer({ min: 0, max: 30000 }),
    later: fc.integer({ min: 0, max: 2000 }),
    term: fc.constantFrom(...TERMS),
    price: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    qty: fc.integer({ min: 1, max: 10000 }),
  });

  it('charges a fraction in [0, 1] of the full price, days <= periodDays', () => {
    fc.assert(
      fc.property(arbitraryQuote, ({ activated, offset, term, price, qty }) => {
        const pbx = { license: term, activated: activated as CalendarDate, cancelledOn: null };
        const c = coTerminate(pbx, (activated + offset) as CalendarDate);
        const days = daysBetween(c.start, c.end);
        const periodDays = daysBetween(c.period.start, c.period.end);
        expect(days).toBeGreaterThan(0);
        expect(days).toBeLessThanOrEqual(periodDays);
        const amount = prorate(price, qty, days, periodDays);
        expect(amount >= 0n && amount <= price * BigInt(qty)).toBe(true);
      }),
    );
  });

  it('a start on a boundary charges exactly the full price', () => {
    fc.assert(
      fc.property(arbitraryQuote, ({ activated, offset, term, price, qty }) => {
        const k = offset % 50;
        const start = boundary(activated as CalendarDate, term, k);
        const quote = buildQuote({
          pbx: { license: term, activated: activated as CalendarDate, cancelledOn: null },
          start,
          currency: 'EUR',
          items: [{ sku: 'X', name: 'x', qty, unitPrice: price }],
        });
        expect(quote.days).toBe(quote.periodDays);
        expect(quote.total).toBe(price * BigInt(qty));
      }),
    );
  });

  it('a later start in the same period never costs more', () => {
    fc.assert(
      fc.property(arbitraryQuote, ({ activated, offset, later, term, price, qty }) => {
        const pbx = { license: term, activated: activated as CalendarDate, cancelledOn: null };
        const first = coTerminate(pbx, (activated + offset) as CalendarDate);
        const secondStart = Math.min(activated + offset + later, first.end - 1) as CalendarDate;
        const second = coTerminate(pbx, secondStart);
        expect(second.end).toBe(first.end);
        const periodDays = daysBetween(first.period.start, first.period.end);
        const a = prorate(price, qty, daysBetween(first.start, first.end), periodDays);
        const b = prorate(price, qty, daysBetween(second.start, second.end), periodDays);
        expect(b <= a).toBe(true);
      }),
    );
  });
});

describe('explain', () => {
  it('writes the arithmetic of each line in words and numbers', () => {
    const text = explainQuote(quoteFor('2020-05-01', 'yearly', '2020-08-01', '120.00', 1)).join('\n');
    expect(text).toContain('273 of the 365 days');
    expect(text).toContain('120.00 EUR per year × 1 × 273/365 days = ≈89.7534…');
    expect(text).toContain('rounded half up to the cent: 89.75');
    expect(text).toContain('Total first charge: the sum of the rounded lines, 89.75 EUR');
    const full = explainQuote(quoteFor('2020-05-01', 'yearly', '2021-05-01', '60.00', 2)).join('\n');
    expect(full).toContain('the whole term is charged');
  });
});

describe('an order made from a quote keeps the quote’s resale unit prices (withResalePrices)', () => {
  it('prorates them over the order’s own days, with the same rounding, and sums again', () => {
    // Yearly PBX activated 2026-05-01; the order starts 2026-12-06: 146 of 365 days.
    const pbx = { license: 'yearly' as const, activated: parseDate('2026-05-01'), cancelledOn: null };
    const quote = buildQuote({
      pbx,
      start: parseDate('2026-12-06'),
      currency: 'EUR',
      items: [
        { sku: 'WP480G', name: 'phone', qty: 3, unitPrice: 6800n, resaleUnitPrice: 8160n },
        { sku: 'W-AIR', name: 'dect', qty: 1, unitPrice: 12000n, resaleUnitPrice: 15000n },
      ],
    });
    expect(quote.days).toBe(146);
    const held = withResalePrices(quote, new Map([['WP480G', 9000n]]));
    // 9000 × 3 × 146 / 365 = 10800 exactly; the other line keeps its own.
    expect(held.lines[0]!.resaleAmount).toBe(10800n);
    expect(held.lines[0]!.resaleRenewal).toBe(27000n);
    expect(held.lines[1]!.resaleAmount).toBe(quote.lines[1]!.resaleAmount);
    expect(held.resaleTotal).toBe(10800n + quote.lines[1]!.resaleAmount!);
    expect(held.marginTotal).toBe(held.resaleTotal! - quote.total);
    // The buy side does not move.
    expect(held.total).toBe(quote.total);
    expect(withResalePrices(quote, new Map())).toBe(quote);
  });
});
