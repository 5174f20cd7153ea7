import { UsageError } from '../errors.js';

export const TERMS = ['monthly', 'yearly', 'five-year'] as const;
export type Term = (typeof TERMS)[number];
export type License = Term | 'perpetual';

export const TERM_MONTHS: Readonly<Record<Term, number>> = { monthly: 1, yearly: 12, 'five-year': 60 };

/** A price "per …" of each term, for people: "€45.00 / year". */
export const PER_TERM: Readonly<Record<Term, string>> = { monthly: 'month', yearly: 'year', 'five-year': '5 years' };

/** What the portal calls each duration. */
export const TERM_LABELS: Readonly<Record<Term, string>> = {
  monthly: 'One month',
  yearly: 'One year',
  'five-year': 'Five years',
};

const TERM_ALIASES: Readonly<Record<string, Term>> = {
  monthly: 'monthly',
  '1m': 'monthly',
  yearly: 'yearly',
  '1y': 'yearly',
  'five-year': 'five-year',
  '5y': 'five-year',
};

export function tryParseTerm(text: string): Term | null {
  return TERM_ALIASES[text.trim().toLowerCase()] ?? null;
}

/** A term id or alias (`1m`, `1y`, `5y`). */
export function parseTerm(text: string, what: string): Term {
  const term = tryParseTerm(text);
  if (!term) throw new UsageError(`${what}: "${text}" is not a term; use monthly (1m), yearly (1y) or five-year (5y).`);
  return term;
}

/** A term or `perpetual`, as a PBX's licence. */
export function parseLicense(text: string, what: string): License {
  if (text.trim().toLowerCase() === 'perpetual') return 'perpetual';
  const term = tryParseTerm(text);
  if (!term) {
    throw new UsageError(`${what}: "${text}" is not a licence; use monthly (1m), yearly (1y), five-year (5y) or perpetual.`);
  }
  return term;
}
