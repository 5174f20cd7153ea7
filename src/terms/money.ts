import { UsageError } from '../errors.js';

/** The currencies of the sample data and of partners' accounts (what `partners add` offers). */
export const CURRENCIES = ['EUR', 'GBP', 'USD'] as const;
/** An ISO 4217 code whose minor unit is 2 (cents): hwaas keeps every amount in those minor units. */
export type Currency = string;

/** ISO 4217 active codes (list one, 2024), each with its minor unit where it is not 2. */
const ISO_4217 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD:3 BIF:0 BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW ' +
  'CLF:4 CLP:0 CNY COP COU CRC CUP CVE CZK DJF:0 DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF:0 GTQ GYD HKD HNL HTG ' +
  'HUF IDR ILS INR IQD:3 IRR ISK:0 JMD JOD:3 JPY:0 KES KGS KHR KMF:0 KPW KRW:0 KWD:3 KYD KZT LAK LBP LKR LRD LSL LYD:3 MAD MDL MGA ' +
  'MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR:3 PAB PEN PGK PHP PKR PLN PYG:0 QAR RON RSD RUB RWF:0 ' +
  'SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND:3 TOP TRY TTD TWD TZS UAH UGX:0 USD USN UYI:0 ' +
  'UYU UYW:4 UZS VED VES VND:0 VUV:0 WST XAF:0 XAG:- XAU:- XBA:- XBB:- XBC:- XBD:- XCD XCG XDR:- XOF:0 XPD:- XPF:0 XPT:- XSU:- ' +
  'XTS:- XUA:- XXX:- YER ZAR ZMW ZWG ZWL';
let minorUnits: Map<string, string> | null = null;
function minorUnit(code: string): string | undefined {
  minorUnits ??= new Map(ISO_4217.split(' ').map((entry) => [entry.slice(0, 3), entry.slice(4) || '2']));
  return minorUnits.get(code);
}

const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', GBP: '£', USD: '$' };

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && minorUnit(value) === '2';
}

/** Why a code is no currency hwaas prices in, as the end of a sentence; null when it is one. */
export function currencyProblem(code: string): string | null {
  const unit = minorUnit(code);
  if (unit === '2') return null;
  if (unit === undefined) return `"${code}" is not an ISO 4217 currency code (e.g. EUR, GBP, USD, CHF)`;
  if (unit === '-') return `${code} is not a currency with a minor unit (a metal, a fund or a test code)`;
  return `${code} has ${unit} decimal places, and hwaas prices only in currencies with two (cents)`;
}

export function parseCurrency(text: string, what: string): Currency {
  const upper = text.trim().toUpperCase();
  const problem = currencyProblem(upper);
  if (problem) throw new UsageError(`${what}: ${problem}.`);
  return upper;
}

export function currencySymbol(currency: Currency): string {
  return SYMBOLS[currency] ?? `${currency} `;
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
  return formatGrouped(minor, currencySymbol(currency));
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
