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
