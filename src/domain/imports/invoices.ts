import type { ImportKindSpec } from './run.js';
import type { Invoice } from '../kernel/model.js';
import { type PartnersEnv, idOf, partnerOfRow } from './rows.js';
import { isCurrency, CURRENCIES, type Currency } from '../../terms/money.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';

export const invoicesImport: ImportKindSpec<Invoice, PartnersEnv> = {
  columns: [
    { name: 'number', required: true, synonyms: ['invoice', 'invoice number', 'invoice no', 'invoice id', 'no'] },
    { name: 'partner', required: true, synonyms: ['partner id'] },
    { name: 'amount', required: true, synonyms: ['total', 'amount due'] },
    { name: 'currency', required: true, synonyms: ['ccy'] },
    { name: 'issued', required: true, synonyms: ['issued on', 'issue date', 'invoice date', 'date'] },
    { name: 'due', required: true, synonyms: ['due on', 'due date'] },
    { name: 'paid', required: false, synonyms: ['paid on', 'payment date', 'paid date'] },
  ],
  key: 'number',
  staffOnly: true,
  async prepare(tx) {
    return { partners: new Map((await tx.parties.partners()).map((p) => [p.id, p])) };
  },
  parse(row, env, actor) {
    const number = idOf(row, 'number', 'an invoice number');
    const partner = partnerOfRow(row, env, null);
    const amount = row.amount('amount', true);
    const currency = row.text('currency', true, (t) => {
      const code = t.trim().toUpperCase();
      if (isCurrency(code) && (CURRENCIES as readonly string[]).includes(code)) return code as Currency;
      row.say('currency', `"${t.trim()}" is not a currency partners are invoiced in (${CURRENCIES.join(', ')})`);
      return undefined;
    });
    const issued = row.date('issued', true);
    const due = row.date('due', true);
    const paid = row.date('paid', false);
    const late = (column: string, date: CalendarDate | null | undefined) => {
      if (date && date > actor.today) row.say(column, `${formatDate(date)} is after today (${formatDate(actor.today)})`);
    };
    late('issued', issued);
    late('paid', paid);
    if (issued && due && due < issued) row.say('due', `${formatDate(due)} is before the invoice was issued (${formatDate(issued)})`);
    if (issued && paid && paid < issued) row.say('paid', `${formatDate(paid)} is before the invoice was issued (${formatDate(issued)})`);
    const invoiced = partner ? env.partners.get(partner)?.currency : undefined;
    if (currency && invoiced && currency !== invoiced) row.say('currency', `${partner} is invoiced in ${invoiced}, not ${currency}`);
    if (!number || !partner || amount == null || !currency || !issued || !due || (paid === undefined && row.has('paid'))) return null;
    return { number, partner, amount, currency, issuedOn: issued, dueOn: due, paidOn: paid ?? null };
  },
  keyOf: (r) => r.number,
  async apply(tx, _env, actor, batch, counts) {
    const existing = new Map(
      (
        await tx.invoices.getMany(
          actor.scope,
          batch.map((b) => b.record.number),
        )
      ).map((i) => [i.number, i]),
    );
    for (const { row, record } of batch) {
      const stored = existing.get(record.number);
      if (!stored) {
        await tx.invoices.insert(record);
        counts.created++;
      } else if (stored.partner !== record.partner) {
        row.say('partner', `${record.number} is ${stored.partner}'s invoice; an import does not move invoices between partners`);
      } else {
        // Without a paid column, what is stored stays paid (or not).
        const next = row.has('paid') ? record : { ...record, paidOn: stored.paidOn };
        if (stored.paidOn !== null && (next.amount !== stored.amount || next.currency !== stored.currency || next.issuedOn !== stored.issuedOn)) {
          row.say('amount', `${record.number} was paid on ${formatDate(stored.paidOn)}: its amount, currency and issue date stay as they were paid`);
          continue;
        }
        if (sameInvoice(next, stored)) counts.unchanged++;
        else {
          await tx.invoices.update(next);
          counts.updated++;
        }
      }
    }
  },
};

const sameInvoice = (a: Invoice, b: Invoice): boolean =>
  a.amount === b.amount && a.currency === b.currency && a.issuedOn === b.issuedOn && a.dueOn === b.dueOn && a.paidOn === b.paidOn && a.partner === b.partner;
