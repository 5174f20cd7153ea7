import { UsageError } from '../errors.js';

export const NAME_MAX = 200;

/** A name people typed: trimmed, not empty, not too long, no control characters. */
export function checkName(raw: string, flag = '--name', max = NAME_MAX): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') throw new UsageError(`${flag}: the name is empty; give the company name.`);
  if ([...name].length > max) throw new UsageError(`${flag}: the name has ${[...name].length} characters; at most ${max} fit.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UsageError(`${flag}: the name contains control characters; type it on one line.`);
  return name;
}

export function checkCountry(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const country = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country: "${raw}" is not a two-letter country code (e.g. DE, PL, GB).`);
  return country;
}

export function checkEmail(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const email = raw.trim();
  if (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError(`--email: "${raw}" is not an e-mail address.`);
  return email;
}

export function checkVat(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const vat = raw.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 .-]{1,39}$/.test(vat)) throw new UsageError(`--vat: "${raw}" is not a VAT number (letters, digits, dots and dashes, at most 40).`);
  return vat;
}
