import { describe, expect, it } from 'vitest';
import { assignSerials, checkReceivedSerials, checkSerial, requireDistinct } from './serials.rules.js';

describe('serial numbers', () => {
  const lines = [
    { sku: 'WP480G', qty: 2, stocked: true, serials: ['A1'] },
    { sku: 'CLASSOUND-FLAT', qty: 1, stocked: false, serials: [] },
  ];
  it('are recorded on the device lines of the order, never more than its units', () => {
    expect(assignSerials('ORD-000001', lines, new Map([['WP480G', ['A2']]])).get('WP480G')).toEqual(['A1', 'A2']);
    // Naming one again records nothing twice.
    expect(assignSerials('ORD-000001', lines, new Map([['WP480G', ['A1']]])).get('WP480G')).toEqual(['A1']);
    expect(() => assignSerials('ORD-000001', lines, new Map([['WP480G', ['A2', 'A3']]]))).toThrow(/ships 2 × WP480G; 3 serial numbers/);
    expect(() => assignSerials('ORD-000001', lines, new Map([['W-AIR', ['X']]]))).toThrow(/has no W-AIR line/);
    expect(() => assignSerials('ORD-000001', lines, new Map([['CLASSOUND-FLAT', ['X']]]))).toThrow(/is a service/);
  });
  it('look like serial numbers and are named once', () => {
    expect(checkSerial(' SN-01/2 ', 'serial')).toBe('SN-01/2');
    expect(() => checkSerial('a b', 'serial')).toThrow(/not a serial number/);
    expect(() => requireDistinct(['A', 'B', 'A'], 'serial')).toThrow(/A is named twice/);
  });
  it('a return that named its devices is received against exactly them', () => {
    expect(() => checkReceivedSerials('CAN-0001', [], [])).not.toThrow();
    expect(() => checkReceivedSerials('CAN-0001', ['A', 'B'], ['B', 'A'])).not.toThrow();
    expect(() => checkReceivedSerials('CAN-0001', ['A', 'B'], [])).toThrow(/receive it against them/);
    expect(() => checkReceivedSerials('CAN-0001', ['A', 'B'], ['A', 'C'])).toThrow(/B did not arrive, and C is not part of it/);
  });
});
