/** docs/terms.md "Worked examples": normative. */
import type { Term } from './term.js';

export const WORKED_EXAMPLES_TABLE: readonly {
  activated: string;
  term: Term;
  start: string;
  end: string;
  days: number;
  periodDays: number;
  price: string;
  qty: number;
  amount: string;
}[] = [
  { activated: '2020-05-01', term: 'yearly', start: '2020-08-01', end: '2021-05-01', days: 273, periodDays: 365, price: '120.00', qty: 1, amount: '89.75' },
  { activated: '2021-08-25', term: 'monthly', start: '2021-09-16', end: '2021-09-25', days: 9, periodDays: 31, price: '24.95', qty: 1, amount: '7.24' },
  { activated: '2012-05-01', term: 'yearly', start: '2012-05-11', end: '2013-05-01', days: 355, periodDays: 365, price: '2399.95', qty: 1, amount: '2334.20' },
  { activated: '2020-01-31', term: 'monthly', start: '2020-03-15', end: '2020-03-31', days: 16, periodDays: 31, price: '10.00', qty: 3, amount: '15.48' },
  { activated: '2020-02-29', term: 'yearly', start: '2023-03-01', end: '2024-02-29', days: 365, periodDays: 366, price: '100.00', qty: 1, amount: '99.73' },
  { activated: '2019-03-15', term: 'five-year', start: '2022-11-24', end: '2024-03-15', days: 477, periodDays: 1827, price: '250.00', qty: 4, amount: '261.08' },
  { activated: '2020-05-01', term: 'yearly', start: '2021-05-01', end: '2022-05-01', days: 365, periodDays: 365, price: '60.00', qty: 2, amount: '120.00' },
];

/** docs/terms.md "Cancellation and the six-month minimum": normative. */
export const CANCELLATION_EXAMPLES: readonly {
  activated: string;
  term: Term;
  since: string;
  requested: string;
  effectiveOn: string;
  minimumUntil: string;
  price: string;
  qty: number;
  finalCharge: string;
}[] = [
  { activated: '2021-08-25', term: 'monthly', since: '2026-10-10', requested: '2026-11-24', effectiveOn: '2026-11-25', minimumUntil: '2027-04-10', price: '10.00', qty: 2, finalCharge: '90.32' },
  { activated: '2020-05-01', term: 'yearly', since: '2027-03-01', requested: '2027-03-02', effectiveOn: '2027-05-01', minimumUntil: '2027-09-01', price: '120.00', qty: 1, finalCharge: '40.33' },
  { activated: '2020-05-01', term: 'yearly', since: '2026-06-01', requested: '2026-11-24', effectiveOn: '2027-05-01', minimumUntil: '2026-12-01', price: '120.00', qty: 1, finalCharge: '0.00' },
  { activated: '2019-03-15', term: 'five-year', since: '2024-01-10', requested: '2024-02-01', effectiveOn: '2024-03-15', minimumUntil: '2024-07-10', price: '250.00', qty: 4, finalCharge: '64.07' },
  { activated: '2020-01-31', term: 'monthly', since: '2026-01-31', requested: '2026-02-10', effectiveOn: '2026-02-28', minimumUntil: '2026-07-31', price: '10.00', qty: 1, finalCharge: '50.00' },
];

/** docs/terms.md "A change of term": normative. */
export const TERM_CHANGE_EXAMPLES: readonly {
  activated: string;
  from: Term;
  requested: string;
  to: Term;
  effectiveOn: string;
  boundaries: readonly string[];
}[] = [
  { activated: '2020-05-01', from: 'yearly', requested: '2026-11-24', to: 'monthly', effectiveOn: '2027-05-01', boundaries: ['2027-06-01', '2027-07-01', '2027-08-01'] },
  { activated: '2021-08-25', from: 'monthly', requested: '2026-11-24', to: 'five-year', effectiveOn: '2026-11-25', boundaries: ['2031-11-25', '2036-11-25'] },
  { activated: '2020-01-31', from: 'monthly', requested: '2026-02-10', to: 'yearly', effectiveOn: '2026-02-28', boundaries: ['2027-02-28', '2028-02-28', '2029-02-28'] },
  { activated: '2019-03-15', from: 'five-year', requested: '2026-11-24', to: 'yearly', effectiveOn: '2029-03-15', boundaries: ['2030-03-15', '2031-03-15'] },
];
