import type { ImportKindSpec, RowReader } from './run.js';
import { type PartnersEnv, idOf, partnerOfRow, keep } from './rows.js';
import { checkAddress, checkCountry, checkEmail, checkLine, checkName, checkVat } from '../kernel/checks.js';
import type { Customer } from '../kernel/model.js';

interface CustomerRecord {
  readonly id: string;
  readonly partner: string;
  readonly name: string;
  readonly country: string | null | undefined;
  readonly vat: string | null | undefined;
  readonly email: string | null | undefined;
  readonly address: string | null | undefined;
  readonly contact: string | null | undefined;
}

export const customersImport: ImportKindSpec<CustomerRecord, PartnersEnv> = {
  columns: [
    { name: 'id', required: true, synonyms: ['customer id', 'customer no', 'customer number', 'customer code', 'client id', 'code'] },
    { name: 'name', required: true, synonyms: ['company', 'company name', 'customer name', 'customer', 'client'] },
    { name: 'country', required: false, synonyms: ['country code', 'cc'] },
    { name: 'vat', required: false, synonyms: ['vat number', 'vat no', 'vat id', 'tax id'] },
    { name: 'email', required: false, synonyms: ['mail', 'email address', 'contact email'] },
    { name: 'partner', required: 'staff', synonyms: ['partner id', 'reseller'] },
    { name: 'address', required: false, synonyms: ['postal address', 'street address'] },
    { name: 'contact', required: false, synonyms: ['contact person', 'attention', 'attn'] },
  ],
  key: 'id',
  staffOnly: false,
  async prepare(tx) {
    return { partners: new Map((await tx.parties.partners()).map((p) => [p.id, p])) };
  },
  parse(row, env, actor) {
    const id = idOf(row, 'id', 'a customer ID');
    const name = row.text('name', true, checkName);
    const country = row.text('country', false, (t, l) => checkCountry(t, l));
    const vat = row.text('vat', false, (t, l) => checkVat(t, l));
    const email = row.text('email', false, (t, l) => checkEmail(t, l));
    const address = row.text('address', false, (t, l) => checkAddress(t, l), { keepLines: true });
    const contact = row.text('contact', false, (t, l) => checkLine(t, l));
    const partner = partnerOfRow(row, env, actor.scope.kind === 'partner' ? actor.scope.partnerId : null);
    if (!id || !name || !partner) return null;
    return { id, partner, name, country, vat, email, address, contact };
  },
  keyOf: (r) => r.id,
  async apply(tx, _env, actor, batch, counts) {
    const existing = new Map(
      (
        await tx.customers.getMany(
          actor.scope,
          batch.map((b) => b.record.id),
        )
      ).map((c) => [c.id, c]),
    );
    const fresh: { row: RowReader; customer: Customer }[] = [];
    for (const { row, record } of batch) {
      const stored = existing.get(record.id);
      if (!stored) {
        fresh.push({
          row,
          customer: {
            id: record.id,
            partner: record.partner,
            name: record.name,
            country: record.country ?? null,
            vat: record.vat ?? null,
            email: record.email ?? null,
            address: record.address ?? null,
            contact: record.contact ?? null,
          },
        });
        continue;
      }
      if (stored.partner !== record.partner) {
        row.say('partner', `${record.id} belongs to ${stored.partner}; an import does not move customers between partners`);
        continue;
      }
      const next: Customer = {
        ...stored,
        name: record.name,
        country: keep(record.country, stored.country),
        vat: keep(record.vat, stored.vat),
        email: keep(record.email, stored.email),
        address: keep(record.address, stored.address ?? null),
        contact: keep(record.contact, stored.contact ?? null),
      };
      const same = (['name', 'country', 'vat', 'email', 'address', 'contact'] as const).every((k) => (next[k] ?? null) === (stored[k] ?? null));
      if (same) counts.unchanged++;
      else {
        await tx.customers.update(next);
        counts.updated++;
      }
    }
    const inserted = await tx.customers.insertMany(
      fresh.map((f) => f.customer),
      actor.at,
    );
    for (const { row, customer } of fresh) {
      if (inserted.has(customer.id)) counts.created++;
      else row.say('id', `${customer.id} is already the ID of another customer; give this one its own`);
    }
  },
};
