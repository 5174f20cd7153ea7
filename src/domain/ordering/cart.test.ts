import { describe, expect, it } from 'vitest';
import { readSampleBooks } from '../../import/samples.js';
import { Cart, backordered, orderableProducts } from './cart.js';

const samples = readSampleBooks;

describe('the cart of the interactive order (no prompts)', () => {
  it('adds, merges, changes and removes lines in the order they came, within the line limit', () => {
    const cart = new Cart();
    expect(cart.add('WP480G', 2)).toBe(2);
    expect(cart.add('DUOLED', 1)).toBe(1);
    expect(cart.add('WP480G', 3)).toBe(5);
    expect(cart.entries()).toEqual([
      ['WP480G', 5],
      ['DUOLED', 1],
    ]);
    expect(cart.add('WP480G', 9_999)).toBe(10_000);
    cart.set('DUOLED', 4);
    cart.remove('WP480G');
    expect(cart.items()).toEqual([{ sku: 'DUOLED', qty: 4, price: null }]);
    expect(cart.size).toBe(1);
    expect(cart.qty('WP480G')).toBeUndefined();
  });

  it('says how many devices wait for stock (backorder); services never wait', () => {
    expect(backordered(10, 4)).toBe(0);
    expect(backordered(3, 5)).toBe(2);
    expect(backordered(-4, 5)).toBe(5);
    expect(backordered(null, 500)).toBe(0);
  });

  it('offers the HWaaS products priced on the term', async () => {
    const sample = (await samples()).find((b) => b.key.tier === 'gold' && b.key.currency === 'EUR')!;
    const book = { ...sample.key, lines: sample.lines, line: (sku: string) => sample.lines.find((l) => l.sku === sku) ?? null };
    const offered = orderableProducts(book, 'yearly');
    expect(offered.length).toBeGreaterThan(20);
    expect(offered.every((p) => p.hwaas)).toBe(true);
    expect(offered.map((p) => p.sku)).not.toContain('BELT-CLIP');
  });
});
