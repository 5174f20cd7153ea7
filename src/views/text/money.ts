import { type Currency, formatMoney } from '../../terms/money.js';
import type { Amount } from '../json/common.js';

/** An amount of the JSON ("1234.50", "-3.00") as minor units. */
export function minorOf(amount: Amount): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`not an amount of the contract: ${amount}`);
  const minor = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] ? -minor : minor;
}

/** An amount of the JSON for people: "€1,234.50". */
export const money = (amount: Amount, currency: string): string => formatMoney(minorOf(amount), currency as Currency);

/** Blank for no amount. */
export const moneyOrBlank = (amount: Amount | null, currency: string): string => (amount === null ? '' : money(amount, currency));
