import { describe, expect, it } from 'vitest';
import { parseDate } from '../../terms/dates.js';
import type { OrderStatus, ServiceRecord } from '../kernel/model.js';
import { unitsToStop } from './cancellation.rules.js';
import type { ServiceLine } from './serviceLines.js';

let seq = 0;
function line(since: string, qty: number, options: { ending?: string; status?: OrderStatus; sku?: string } = {}): ServiceLine {
  seq += 1;
  const record: ServiceRecord = {
    order: `ORD-${String(seq).padStart(6, '0')}`,
    orderSeq: seq,
    orderStatus: options.status ?? 'shipped',
    lineNo: 1,
    partner: 'PTR-001',
    customer: 'CUS-0001',
    pbx: 'PBX-1001',
    sku: options.sku ?? 'WP480G',
    name: 'WorkForce WP480G desk phone',
    category: 'Desk phones',
    stocked: true,
    qty,
    since: parseDate(since),
    currency: 'EUR',
    unitPrice: 6800n,
    resaleUnitPrice: 8160n,
    source: null,
    serials: [],
    cancelled: [],
  };
  const ending = options.ending !== undefined;
  return {
    record,
    qty,
    term: 'yearly',
    unitPrice: 6800n,
    renewsOn: ending ? null : parseDate('2027-05-01'),
    renewal: ending ? null : 6800n * BigInt(qty),
    resaleUnitPrice: 8160n,
    resaleRenewal: ending ? null : 8160n * BigInt(qty),
    resaleMrr: 0n,
    mrr: ending ? 0n : 567n * BigInt(qty),
    ending,
    endsOn: ending ? parseDate(options.ending!) : null,
    status: ending ? 'ending' : 'active',
  };
}

describe('which units a cancellation stops', () => {
  it('takes them from the oldest lines first, as many as asked', () => {
    const lines = [line('2025-01-10', 2), line('2025-06-01', 3), line('2026-02-01', 4)];
    expect(unitsToStop(lines, 'PBX-1001', { sku: 'WP480G', qty: 4 }).map(({ line: l, qty }) => [l.record.since, qty])).toEqual([
      [parseDate('2025-01-10'), 2],
      [parseDate('2025-06-01'), 2],
    ]);
  });

  it('leaves units that already stop alone and says how many do when more are asked for than run', () => {
    const lines = [line('2025-01-10', 2, { ending: '2027-05-01' }), line('2025-06-01', 3)];
    expect(unitsToStop(lines, 'PBX-1001', { sku: 'WP480G', qty: 3 }).map((t) => t.qty)).toEqual([3]);
    expect(() => unitsToStop(lines, 'PBX-1001', { sku: 'WP480G', qty: 4 })).toThrow('only 3 × WP480G run on PBX PBX-1001 (2 more already stop on 2027-05-01): 4 cannot be cancelled.');
  });

  it('says when nothing of the SKU runs, or everything already stops', () => {
    expect(() => unitsToStop([line('2025-01-10', 1, { sku: 'DUOLED' })], 'PBX-1001', { sku: 'WP480G', qty: 1 })).toThrow('no WP480G runs on PBX PBX-1001.');
    expect(() => unitsToStop([line('2025-01-10', 1, { ending: '2027-05-01' })], 'PBX-1001', { sku: 'WP480G', qty: 1 })).toThrow(/every WP480G on PBX PBX-1001 already stops on 2027-05-01/);
  });

  it('does not stop devices that have not shipped: their order is cancelled instead', () => {
    const lines = [line('2025-01-10', 1), line('2026-11-20', 2, { status: 'placed' })];
    expect(() => unitsToStop(lines, 'PBX-1001', { sku: 'WP480G', qty: 2 })).toThrow(/has not shipped yet: cancel that order instead/);
    expect(unitsToStop(lines, 'PBX-1001', { sku: 'WP480G', qty: 1 })).toHaveLength(1);
  });
});
