import { describe, expect, it } from 'vitest';
import { parseDate } from '../../terms/dates.js';
import { monthlyEquivalent } from '../catalog/pricelist.js';
import { whyNotOrderable } from './pbxs.js';

describe('PBX eligibility and monthly equivalents', () => {
  const today = parseDate('2026-11-24');
  const pbx = { id: 'P', customer: 'C', partner: 'X', name: 'n', type: 'cloud' as const, activated: parseDate('2020-05-01'), cancelledOn: null, termChanges: [] };
  it('says why a PBX cannot take HWaaS of a term', () => {
    expect(whyNotOrderable({ ...pbx, license: 'yearly' }, 'yearly', today)).toBeNull();
    expect(whyNotOrderable({ ...pbx, license: 'yearly' }, 'monthly', today)).toMatch(/yearly licence/);
    expect(whyNotOrderable({ ...pbx, license: 'perpetual' }, 'yearly', today)).toMatch(/perpetual/);
    expect(whyNotOrderable({ ...pbx, license: 'yearly', cancelledOn: parseDate('2024-05-01') }, 'yearly', today)).toBe('cancelled: ended 2024-05-01');
  });
  it('rounds the monthly equivalent half up', () => {
    expect(monthlyEquivalent(6800n, 'yearly')).toBe(567n); // 5.666…
    expect(monthlyEquivalent(30600n, 'five-year')).toBe(510n);
    expect(monthlyEquivalent(30n, 'five-year')).toBe(1n); // 0.5 → 1
  });
});
