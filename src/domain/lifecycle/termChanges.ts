import type { Pbx, Actor } from '../kernel/model.js';
import { type Term, TERM_MONTHS } from '../../terms/term.js';
import { type CalendarDate, formatDate, checkWithinCalendar, addMonths } from '../../terms/dates.js';
import { type ServiceLine, serviceLines } from './serviceLines.js';
import type { Repositories, Store } from '../kernel/port.js';
import { runningPbx } from './running.js';
import { segmentOn } from '../../terms/period.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import { correction } from '../parties/corrections.js';
export interface TermChangePlan {
  readonly pbx: Pbx;
  readonly from: Term;
  readonly to: Term;
  readonly effectiveOn: CalendarDate;
  /** The first boundary under the new term: when the first renewal under it ends. */
  readonly nextBoundary: CalendarDate;
  readonly currency: string;
  readonly lines: readonly { readonly line: ServiceLine; readonly unitPrice: bigint; readonly renewal: bigint }[];
  readonly renewalTotal: bigint;
}

/** What `pbx change-term` would do: from the end of the current period the PBX and every service on it renew on the new term, at its price. */
export async function planTermChange(tx: Repositories, actor: Actor, id: string, to: Term): Promise<TermChangePlan> {
  const { pbx, expiresOn: e } = await runningPbx(tx, actor, id);
  const now = segmentOn(pbx, actor.today)!.term;
  const pending = pbx.termChanges.find((c) => c.from >= e);
  if (pending) throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} already changes to ${pending.term} on ${formatDate(pending.from)}.`);
  if (now === to) throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} is already ${to}.`);
  checkWithinCalendar(addMonths(e, TERM_MONTHS[to]), `PBX ${pbx.id}'s first ${to} period would end on a date that`);
  const changed: Pbx = { ...pbx, termChanges: [...pbx.termChanges, { from: e, term: to }] };
  const book = await serviceLines(tx, actor.scope, actor.today, { pbx: pbx.id });
  // A cancellation's final charge was worked out on the periods it saw: they do not change under it.
  const stopping = book.lines.find((l) => l.ending);
  if (stopping) {
    const id = stopping.record.cancelled.find((c) => c.effectiveOn === stopping.endsOn)?.cancellation;
    throw new RefusedError('INVALID_STATE', `services on PBX ${pbx.id} stop on ${formatDate(stopping.endsOn!)}${id ? ` (${id})` : ''}: its term cannot change while a cancellation is waiting.`);
  }
  const lines: TermChangePlan['lines'][number][] = [];
  for (const line of book.lines.filter((l) => !l.ending)) {
    const unitPrice = await book.price(line.record, changed, { from: e, term: to });
    if (unitPrice === null) {
      throw new RefusedError('NOT_PRICED', `${line.record.sku} runs on PBX ${pbx.id} but has no ${to} price in the book in force on ${formatDate(e)}: the PBX cannot change to ${to}.`);
    }
    lines.push({ line, unitPrice, renewal: unitPrice * BigInt(line.qty) });
  }
  const partner = await tx.parties.partner(pbx.partner);
  return {
    pbx,
    from: now,
    to,
    effectiveOn: e,
    nextBoundary: addMonths(e, TERM_MONTHS[to]),
    currency: lines[0]?.line.record.currency ?? partner?.currency ?? 'EUR',
    lines,
    renewalTotal: lines.reduce((sum, l) => sum + l.renewal, 0n),
  };
}

/** What a change of term's figures are, as text: the confirmation names it, and nothing that changes them may happen in between. */
export const termChangeKey = (plan: TermChangePlan): string => JSON.stringify([plan.pbx.id, plan.to, plan.effectiveOn, plan.renewalTotal.toString()]);

export async function changeTerm(store: Store, actor: Actor, id: string, to: Term, shown: string): Promise<TermChangePlan> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(id);
    const plan = await planTermChange(tx, actor, id, to);
    if (termChangeKey(plan) !== shown) {
      throw new RefusedError('INVALID_STATE', `PBX ${id} changed while you were asked; nothing was changed: look at it again.`);
    }
    await tx.pbxs.addTermChange(plan.pbx.id, plan.effectiveOn, to, actor.at, actor.user.id);
    return plan;
  });
}

/** A change of term that has not taken effect, undone: the PBX and its services renew on the term they run on. An event says who and when. */
export async function undoTermChange(store: Store, actor: Actor, id: string): Promise<{ pbx: Pbx; undone: { from: CalendarDate; term: Term }; stays: Term }> {
  return store.write(async (tx) => {
    await tx.pbxs.lock(id);
    const pbx = await tx.pbxs.get(actor.scope, id);
    if (!pbx) throw new NotFoundError('PBX', id);
    const pending = pbx.termChanges.find((c) => c.from > actor.today);
    if (!pending) {
      const last = pbx.termChanges.at(-1);
      throw new RefusedError(
        'INVALID_STATE',
        last ? `PBX ${pbx.id}'s change to ${last.term} took effect on ${formatDate(last.from)}: it can no longer be undone.` : `PBX ${pbx.id} has no change of term waiting to take effect.`,
      );
    }
    if (!(await tx.pbxs.removeTermChange(pbx.id, pending.from))) throw new RefusedError('INVALID_STATE', `PBX ${pbx.id} changed at the same moment elsewhere: look at it again.`);
    const stays = segmentOn(pbx, actor.today)!.term;
    await tx.parties.addEvent(correction(actor, pbx.partner, pbx.id, 'term change undone', { from: formatDate(pending.from), term: pending.term, stays }));
    return { pbx: (await tx.pbxs.get(actor.scope, id))!, undone: pending, stays };
  });
}
