import { describe, expect, it } from 'vitest';
import { parseDate } from '../../terms/dates.js';
import type { Invoice } from '../kernel/model.js';
import { daysOverdue, stageOf } from './standing.js';

describe('docs/terms.md "Overdue invoices": the stages', () => {
  const invoice = (due: string, paid: string | null = null): Invoice => ({
    number: 'INV-1',
    partner: 'P',
    amount: 100n,
    currency: 'EUR',
    issuedOn: parseDate('2026-01-01'),
    dueOn: parseDate(due),
    paidOn: paid === null ? null : parseDate(paid),
  });
  it.each([
    ['2026-12-01', 0, 'current'],
    ['2026-11-24', 0, 'current'],
    ['2026-11-23', 1, 'warning'],
    ['2026-11-21', 3, 'warning'],
    ['2026-11-20', 4, 'warning'],
    ['2026-11-19', 5, 'ordering-blocked'],
    ['2026-10-26', 29, 'ordering-blocked'],
    ['2026-10-25', 30, 'locked'],
    ['2026-10-21', 34, 'locked'],
    ['2026-10-20', 35, 'suspended'],
  ] as const)('due %s, today 2026-11-24: %i days, %s', (due, days, stage) => {
    const today = parseDate('2026-11-24');
    expect(daysOverdue(invoice(due), today)).toBe(days);
    expect(stageOf(daysOverdue(invoice(due), today))).toBe(stage);
  });
  it('a paid invoice is never overdue', () => {
    expect(daysOverdue(invoice('2026-01-01', '2026-11-20'), parseDate('2026-11-24'))).toBe(0);
  });
});
