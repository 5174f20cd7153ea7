import { type CalendarDate, formatDate } from '../../terms/dates.js';
import type { ImportKindSpec } from './run.js';
import { checkText } from '../kernel/text.js';
import type { Agreement } from '../kernel/model.js';

interface AgreementRecord {
  readonly customer: string;
  readonly signedOn: CalendarDate;
  readonly file: string | null | undefined;
}

export const agreementsImport: ImportKindSpec<AgreementRecord, null> = {
  columns: [
    { name: 'customer', required: true, synonyms: ['customer id', 'client', 'client id'] },
    { name: 'signed', required: true, synonyms: ['signed on', 'signed date', 'date signed', 'signature date'] },
    { name: 'file', required: false, synonyms: ['document', 'pdf', 'path', 'file name'] },
  ],
  key: 'customer',
  staffOnly: false,
  async prepare() {
    return null;
  },
  parse(row, _env, actor) {
    const customer = row.text('customer', true, (t) => t.trim().toUpperCase());
    const signedOn = row.date('signed', true);
    const file = row.text('file', false, (t, l) => {
      const text = checkText(t, l).trim();
      if (text.length > 500) row.say('file', `has ${text.length} characters; at most 500 fit`);
      return text.length > 500 ? undefined : text;
    });
    if (signedOn && signedOn > actor.today) {
      row.say('signed', `${formatDate(signedOn)} is after today (${formatDate(actor.today)})`);
      return null;
    }
    if (!customer || !signedOn || (file === undefined && row.has('file'))) return null;
    return { customer, signedOn, file };
  },
  keyOf: (r) => r.customer,
  async apply(tx, _env, actor, batch, counts) {
    const ids = batch.map((b) => b.record.customer);
    const customers = new Set((await tx.customers.getMany(actor.scope, ids)).map((c) => c.id));
    const latest = await tx.agreements.latest(actor.scope, ids);
    for (const { row, record } of batch) {
      if (!customers.has(record.customer)) {
        row.say('customer', `customer ${record.customer} not found`);
        continue;
      }
      const stored: Agreement | undefined = latest.get(record.customer);
      const file = record.file === undefined ? (stored?.file ?? null) : record.file;
      if (stored && stored.signedOn === record.signedOn && stored.file === file) {
        counts.unchanged++;
        continue;
      }
      // A newer signature (or another copy) is a new agreement: the one before stays on file.
      await tx.agreements.add(record.customer, record.signedOn, file, actor.at, actor.user.id);
      if (stored) counts.updated++;
      else counts.created++;
    }
  },
};
