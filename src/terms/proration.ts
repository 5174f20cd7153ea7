import { divideRoundHalfUp } from './money.js';

/**
 * docs/terms.md "Proration": price × qty × days / periodDays, rounded once, half up,
 * to the minor unit, from the exact rational value.
 */
export function prorate(unitPriceMinor: bigint, qty: number, days: number, periodDays: number): bigint {
  if (days === periodDays) return unitPriceMinor * BigInt(qty);
  return divideRoundHalfUp(unitPriceMinor * BigInt(qty) * BigInt(days), BigInt(periodDays));
}
