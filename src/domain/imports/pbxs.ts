import type { NewPbx } from '../kernel/port.js';
import type { ImportKindSpec, RowReader } from './run.js';
import { idOf } from './rows.js';
import { checkName } from '../kernel/checks.js';
import { PBX_TYPES, type PbxType, type Pbx } from '../kernel/model.js';
import { parseLicense } from '../../terms/term.js';
import { formatDate } from '../../terms/dates.js';

interface PbxRecord extends NewPbx {
  readonly id: string;
  readonly cancelledGiven: boolean;
}

export const pbxsImport: ImportKindSpec<PbxRecord, null> = {
  columns: [
    { name: 'id', required: true, synonyms: ['pbx id', 'pbx', 'serial', 'serial number'] },
    { name: 'customer', required: true, synonyms: ['customer id', 'client', 'client id'] },
    { name: 'name', required: true, synonyms: ['pbx name', 'label'] },
    { name: 'type', required: true, synonyms: ['pbx type', 'deployment'] },
    { name: 'license', required: true, synonyms: ['licence', 'license type', 'licence type', 'license term', 'licence term', 'term', 'subscription'] },
    { name: 'activated', required: true, synonyms: ['activated on', 'activation date', 'activation', 'start date'] },
    { name: 'cancelled', required: false, synonyms: ['cancelled on', 'canceled', 'canceled on', 'cancellation date', 'end date'] },
  ],
  key: 'id',
  staffOnly: false,
  async prepare() {
    return null;
  },
  parse(row, _env, actor) {
    const id = idOf(row, 'id', 'a PBX ID');
    const customer = row.text('customer', true, (t) => t.trim().toUpperCase());
    const name = row.text('name', true, (t, l) => checkName(t, l));
    const type = row.text('type', true, (t) => {
      const value = t.trim().toLowerCase();
      if ((PBX_TYPES as readonly string[]).includes(value)) return value as PbxType;
      row.say('type', `"${t.trim()}" is not a PBX type (${PBX_TYPES.join(', ')})`);
      return undefined;
    });
    const license = row.text('license', true, (t, l) => parseLicense(t.trim(), l));
    const activated = row.date('activated', true);
    const cancelled = row.date('cancelled', false);
    if (activated && activated > actor.today) {
      row.say('activated', `${formatDate(activated)} is after today (${formatDate(actor.today)}); a PBX is registered once it is activated`);
      return null;
    }
    if (activated && cancelled && cancelled <= activated) {
      row.say('cancelled', `${formatDate(cancelled)} is not after the activation (${formatDate(activated)})`);
      return null;
    }
    if (!id || !customer || !name || !type || !license || !activated || (cancelled === undefined && row.has('cancelled'))) return null;
    return { id, customer, name, type, license, activated, cancelledOn: cancelled ?? null, cancelledGiven: row.has('cancelled') };
  },
  keyOf: (r) => r.id,
  async apply(tx, _env, actor, batch, counts) {
    const customers = new Set((await tx.customers.getMany(actor.scope, [...new Set(batch.map((b) => b.record.customer))])).map((c) => c.id));
    // Held until the import commits: a checkout on one of these PBXs waits, and then sees what the import did (and the other way round).
    await tx.pbxs.lockMany(batch.map((b) => b.record.id));
    const existing = new Map(
      (
        await tx.pbxs.getMany(
          actor.scope,
          batch.map((b) => b.record.id),
        )
      ).map((p) => [p.id, p]),
    );
    const ordered = await tx.pbxs.withOrders([...existing.keys()]);
    const fresh: { row: RowReader; pbx: PbxRecord }[] = [];
    for (const { row, record } of batch) {
      if (!customers.has(record.customer)) {
        row.say('customer', `customer ${record.customer} not found`);
        continue;
      }
      const stored = existing.get(record.id);
      if (!stored) {
        fresh.push({ row, pbx: record });
        continue;
      }
      const next: NewPbx = { ...record, cancelledOn: record.cancelledGiven ? record.cancelledOn : stored.cancelledOn };
      const moved = (['customer', 'license', 'activated'] as const).filter((k) => next[k] !== stored[k]);
      // A PBX with orders keeps its cancellation: an import moving it under a placed order would bill past (or before) the PBX's end.
      if (ordered.has(stored.id) && (next.cancelledOn ?? null) !== stored.cancelledOn) {
        row.say(
          'cancelled',
          `${stored.id} has orders: its cancellation cannot be set or changed by an import (it was ${stored.cancelledOn === null ? 'not cancelled' : formatDate(stored.cancelledOn)})`,
        );
        continue;
      }
      if (moved.length > 0 && ordered.has(stored.id)) {
        row.say(
          moved[0]!,
          `${stored.id} has orders: its ${moved.map((k) => (k === 'license' ? 'licence' : k === 'activated' ? 'activation date' : k)).join(' and ')} cannot change (it was ${describe(stored, moved[0]!)})`,
        );
        continue;
      }
      if (moved.length === 0 && next.name === stored.name && next.type === stored.type && (next.cancelledOn ?? null) === stored.cancelledOn) counts.unchanged++;
      else {
        await tx.pbxs.update(stored.id, next);
        counts.updated++;
      }
    }
    const inserted = await tx.pbxs.insertMany(fresh.map((f) => f.pbx));
    for (const { row, pbx } of fresh) {
      if (inserted.has(pbx.id)) counts.created++;
      else row.say('id', `${pbx.id} is already the ID of another PBX; give this one its own`);
    }
  },
};

function describe(pbx: Pbx, key: 'customer' | 'license' | 'activated'): string {
  return key === 'activated' ? formatDate(pbx.activated) : pbx[key];
}
