import { UsageError } from '../errors.js';

export const CURRENCIES = ['EUR', 'GBP', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

const SYMBOLS: Readonly<Record<Currency, string>> = { EUR: '€', GBP: '£', USD: '$' };

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

export function parseCurrency(text: string, what: string): Currency {
  const upper = text.trim().toUpperCase();
  if (!isCurrency(upper)) throw new UsageError(`${what}: "${text}" is not a currency; use EUR, GBP or USD.`);
  return upper;
}

export function currencySymbol(currency: Currency): string {
  return SYMBOLS[currency];
}

const AMOUNT_PATTERN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "24.95" → 2495n. Non-negative, at most two decimals, no exponent, no sign; else null. */
export function tryParseAmount(text: string): bigint | null {
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return BigInt(match[1]!) * 100n + BigInt(cents);
}

/** 8975n → "89.75": the JSON form, exactly two decimals, no grouping. */
export function formatAmount(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const units = abs / 100n;
  const cents = abs % 100n;
  return `${negative ? '-' : ''}${units}.${cents < 10n ? '0' : ''}${cents}`;
}

/** 123456n, EUR → "€1,234.56": for people. */
export function formatMoney(minor: bigint, currency: Currency): string {
  return formatGrouped(minor, SYMBOLS[currency]);
}

/** 123456n → "1,234.56": an amount for people, without a currency. */
export function formatGrouped(minor: bigint, symbol = ''): string {
  const plain = formatAmount(minor);
  const negative = plain.startsWith('-');
  const [units, cents] = (negative ? plain.slice(1) : plain).split('.') as [string, string];
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${symbol}${grouped}.${cents}`;
}

/** numerator / denominator rounded to the nearest integer, ties away from zero. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRoundHalfUp(-numerator, -denominator);
  if (numerator < 0n) return -divideRoundHalfUp(-numerator, denominator);
  return (numerator * 2n + denominator) / (denominator * 2n);
}
