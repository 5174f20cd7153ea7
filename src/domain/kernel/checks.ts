import { checkText, isInvisible } from './text.js';
import { UsageError } from '../../errors.js';
import { type Currency, isCurrency, CURRENCIES } from '../../terms/money.js';
import { type Tier, TIERS } from './model.js';

export const NAME_MAX = 200;

/**
 * A name people typed: trimmed, not empty, not too long, no control characters,
 * something visible. `label` names the input in the error (the caller knows it as a flag).
 */
export function checkName(raw: string, label: string, max = NAME_MAX): string {
  const name = checkText(raw, label).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') throw new UsageError(`${label}: the name is empty; give the company name.`, 'INVALID_INPUT', { field: label });
  if (isInvisible(name)) throw new UsageError(`${label}: the name has no visible characters; give the company name.`, 'INVALID_INPUT', { field: label });
  if ([...name].length > max) throw new UsageError(`${label}: the name has ${[...name].length} characters; at most ${max} fit.`, 'INVALID_INPUT', { field: label });
  return name;
}

export function checkCountry(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const country = checkText(raw, label).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`${label}: "${raw}" is not a two-letter country code (e.g. DE, PL, GB).`, 'INVALID_INPUT', { field: label });
  return country;
}

export function checkEmail(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const email = checkText(raw, label).trim();
  if (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || isInvisible(email.replace(/[@.]/g, ''))) {
    throw new UsageError(`${label}: "${raw}" is not an e-mail address.`, 'INVALID_INPUT', { field: label });
  }
  return email;
}

export function checkVat(raw: string | undefined, label: string): string | null {
  if (raw === undefined) return null;
  const vat = checkText(raw, label).trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 .-]{1,39}$/.test(vat)) throw new UsageError(`${label}: "${raw}" is not a VAT number (letters, digits, dots and dashes, at most 40).`, 'INVALID_INPUT', { field: label });
  return vat;
}

export function checkCurrency(raw: string, label: string): Currency {
  const code = checkText(raw, label).trim().toUpperCase();
  // A partner's account is kept in one of the currencies Wildix invoices partners in.
  if (!isCurrency(code) || !(CURRENCIES as readonly string[]).includes(code))
    throw new UsageError(`${label}: "${raw}" is not a currency partners are invoiced in (${CURRENCIES.join(', ')}).`, 'INVALID_INPUT', { field: label });
  return code;
}

export function checkTier(raw: string, label: string): Tier {
  const tier = checkText(raw, label).trim().toLowerCase();
  if (!(TIERS as readonly string[]).includes(tier)) throw new UsageError(`${label}: "${raw}" is not a partner tier (${TIERS.join(', ')}).`, 'INVALID_INPUT', { field: label });
  return tier as Tier;
}

/** One line of free text (a contact, payment terms, a footer): trimmed, visible, at most `max` characters. */
export function checkLine(raw: string, label: string, max = 200): string {
  const line = checkText(raw, label).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (line === '' || isInvisible(line)) throw new UsageError(`${label}: it is empty; give the text, or clear the field.`, 'INVALID_INPUT', { field: label });
  if ([...line].length > max) throw new UsageError(`${label}: ${[...line].length} characters; at most ${max} fit.`, 'INVALID_INPUT', { field: label });
  return line;
}

/** A postal address: lines separated by newlines (or written "\n" or "|" on a command line), at most 6 of at most 100 characters. */
export function checkAddress(raw: string, label: string): string {
  const lines = raw
    .replace(/\\n|\|/g, '\n')
    .split(/\r?\n/)
    .map((l) => checkText(l, label).normalize('NFC').trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
  if (lines.length === 0 || lines.every(isInvisible)) throw new UsageError(`${label}: it is empty; give the address, or clear the field.`, 'INVALID_INPUT', { field: label });
  if (lines.length > 6) throw new UsageError(`${label}: ${lines.length} lines; an address has at most 6.`, 'INVALID_INPUT', { field: label });
  const long = lines.find((l) => [...l].length > 100);
  if (long) throw new UsageError(`${label}: the line "${long.slice(0, 40)}…" has ${[...long].length} characters; at most 100 fit.`, 'INVALID_INPUT', { field: label });
  return lines.join('\n');
}

/** A telephone number as people write it: digits, spaces, + ( ) - . / and an extension, at most 40. */
export function checkPhone(raw: string, label: string): string {
  const phone = checkText(raw, label).trim().replace(/\s+/g, ' ');
  if (!/^\+?[0-9][0-9 ()./-]{3,35}(?: ?(?:ext\.?|x) ?[0-9]{1,6})?$/i.test(phone)) throw new UsageError(`${label}: "${raw}" is not a telephone number.`, 'INVALID_INPUT', { field: label });
  return phone;
}
