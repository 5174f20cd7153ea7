import { tryParseAmount, formatGrouped } from '../../terms/money.js';
import { UsageError } from '../../errors.js';

export const MAX_QTY = 10_000;

/** 1,000,000.00 per device per term: with MAX_QTY, every line and total stays exact in a 64-bit integer. */
export const MAX_UNIT_PRICE = 100_000_000n;

/** A unit price as typed (`@55.00`), within the bound. */
export function parseUnitPrice(text: string, what: string): bigint {
  const price = tryParseAmount(text);
  if (price === null) throw new UsageError(`${what}: the price "${text}" is not an amount with at most two decimals, e.g. 55.00.`);
  if (price > MAX_UNIT_PRICE) throw new UsageError(`${what}: the price ${text} is above the limit of ${formatGrouped(MAX_UNIT_PRICE)} per device and term.`);
  return price;
}

/** One `--item` or one case item before it meets the catalog. */
export interface RequestedItem {
  readonly sku: string;
  readonly qty: number;
  /** A negotiated price per term, in minor units. */
  readonly price: bigint | null;
}

export function parseQty(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`${what}: the quantity "${text}" is not a whole number from 1 to ${MAX_QTY.toLocaleString('en')}.`);
  }
  if (Number(text) > MAX_QTY) throw new UsageError(`${what}: the quantity ${text} is above the limit of ${MAX_QTY.toLocaleString('en')} per line.`);
  return Number(text);
}

/** Adds up repeated SKUs (their prices must agree); keeps the first-seen order. */
export function mergeItems(items: readonly RequestedItem[], name: (sku: string) => string): RequestedItem[] {
  const merged = new Map<string, RequestedItem>();
  for (const item of items) {
    const previous = merged.get(item.sku);
    if (!previous) {
      merged.set(item.sku, item);
      continue;
    }
    if (previous.price !== item.price) throw new UsageError(`${name(item.sku)}: given twice with different prices; give one price per SKU.`);
    const qty = previous.qty + item.qty;
    if (qty > MAX_QTY) throw new UsageError(`${name(item.sku)}: ${qty} in all; at most ${MAX_QTY.toLocaleString('en')} per line.`);
    merged.set(item.sku, { ...previous, qty });
  }
  return [...merged.values()];
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function nearestSkus(sku: string, skus: readonly string[], count = 3): string[] {
  return skus
    .map((candidate) => ({ candidate, score: candidate.includes(sku) || sku.includes(candidate) ? 0.5 : distance(sku, candidate) }))
    .filter(({ candidate, score }) => score <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((x) => x.candidate);
}

export function unknownSku(sku: string, skus: readonly string[]): UsageError {
  const near = nearestSkus(sku, skus);
  return new UsageError(`unknown SKU "${sku}"${near.length ? `; did you mean ${near.join(', ')}?` : '.'}`, 'UNKNOWN_SKU', { hint: { kind: 'list-skus' } });
}
