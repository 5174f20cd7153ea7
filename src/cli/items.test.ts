import { describe, expect, it } from 'vitest';
import { mergeItems, nearestSkus } from '../domain/catalog/items.js';
import { parseItemFlags } from './items.js';

describe('items', () => {
  it('parses, merges and suggests', () => {
    expect(parseItemFlags(['wp480g=2', 'WP480G=3', 'DUOLED=1@10.50'])).toEqual([
      { sku: 'WP480G', qty: 5, price: null },
      { sku: 'DUOLED', qty: 1, price: 1050n },
    ]);
    expect(() => parseItemFlags(['WP480G=1@10', 'WP480G=1@11'])).toThrow(/different prices/);
    expect(() => parseItemFlags(['WP480G'])).toThrow(/SKU=QTY/);
    expect(() =>
      mergeItems(
        [
          { sku: 'A', qty: 10_000, price: null },
          { sku: 'A', qty: 1, price: null },
        ],
        (s) => s,
      ),
    ).toThrow(/10001 in all/);
    expect(nearestSkus('WAIR-OFICE', ['WAIR-OFFICE', 'WAIR-MED', 'WP410'])).toEqual(['WAIR-OFFICE']);
  });
});
