/** TERMS.md "Worked examples": normative. */
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
