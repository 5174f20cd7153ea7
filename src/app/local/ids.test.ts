import { describe, expect, it } from 'vitest';
import { UsageError, aboutField } from '../../errors.js';
import { idFilter, idOf, optionalId, skuOf } from './ids.js';

const thrown = (f: () => unknown): UsageError => {
  try {
    f();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
};

describe('IDs given to a use case', () => {
  it('are written as hwaas writes them', () => {
    expect(idOf(' pbx1001 ', 'pbx')).toBe('PBX-1001');
    expect(idOf('q-2026-1', 'number', 'a number')).toBe('Q-2026-00001');
    expect(optionalId(undefined, 'partner')).toBeUndefined();
    expect(optionalId(null, 'partner')).toBeUndefined();
    expect(idFilter('cus-0001', 'customer')).toBe('CUS-0001');
    expect(idFilter(undefined, 'customer')).toBeUndefined();
    expect(skuOf(' wp480g ', 'sku')).toBe('WP480G');
  });

  it('given blank, are an input error naming the field, never "every one" or "my own"', () => {
    for (const [f, sentence] of [
      [() => idOf('  ', 'id'), 'id: give an ID (it is blank).'],
      [() => idOf('', 'number', 'a number'), 'number: give a number (it is blank).'],
      [() => optionalId('', 'partner'), 'partner: give an ID (it is blank).'],
      [() => idFilter(' ', 'customer'), 'customer: give an ID (it is blank); leave it out to list every one.'],
      [() => skuOf('', 'sku'), 'sku: give a SKU (it is blank).'],
    ] as const) {
      const error = thrown(f);
      expect([error.exitCode, error.code, error.message]).toEqual([2, 'INVALID_INPUT', sentence]);
      expect(error.field).toBe(sentence.slice(0, sentence.indexOf(':')));
    }
  });

  it('are said of their flags by the command line, in the sentence too', () => {
    const flags: Record<string, string> = { partner: '--partner', role: '--role', areaManagerName: '--area-manager-name' };
    const label = (field: string) => flags[field] ?? null;
    expect(
      aboutField(
        thrown(() => optionalId('', 'partner')),
        label,
      ).message,
    ).toBe('--partner: give an ID (it is blank).');
    const listed = new UsageError('nothing to change: give at least one of name, areaManagerName.', 'USAGE', { fields: ['name', 'areaManagerName'] });
    // A field without a flag stays as it is; one with a flag is said as the flag, whole words only.
    expect(aboutField(listed, label).message).toBe('nothing to change: give at least one of name, --area-manager-name.');
    const role = new UsageError('partner: staff belong to no partner; say role partner.', 'USAGE', { fields: ['role'] });
    expect(aboutField(role, label).message).toBe('--partner: staff belong to no partner; say --role partner.');
  });
});
