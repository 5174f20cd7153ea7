import { UsageError } from '../errors.js';
import { checkText, isInvisible } from './text.js';

export const NAME_MAX = 200;

/** A name people typed: trimmed, not empty, not too long, no control characters, something visible. */
export function checkName(raw: string, flag = '--name', max = NAME_MAX): string {
  const name = checkText(raw, flag).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') throw new UsageError(`${flag}: the name is empty; give the company name.`);
  if (isInvisible(name)) throw new UsageError(`${flag}: the name has no visible characters; give the company name.`);
  if ([...name].length > max) throw new UsageError(`${flag}: the name has ${[...name].length} characters; at most ${max} fit.`);
  return name;
}

export function checkCountry(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const country = checkText(raw, '--country').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country: "${raw}" is not a two-letter country code (e.g. DE, PL, GB).`);
  return country;
}

export function checkEmail(raw: string | undefined, flag = '--email'): string | null {
  if (raw === undefined) return null;
  const email = checkText(raw, flag).trim();
  if (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || isInvisible(email.replace(/[@.]/g, ''))) {
    throw new UsageError(`${flag}: "${raw}" is not an e-mail address.`);
  }
  return email;
}

export function checkVat(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const vat = checkText(raw, '--vat').trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 .-]{1,39}$/.test(vat)) throw new UsageError(`--vat: "${raw}" is not a VAT number (letters, digits, dots and dashes, at most 40).`);
  return vat;
}
