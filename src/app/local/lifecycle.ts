import { UsageError } from '../../errors.js';
import { idFilter, idOf, serialsOf, skuOf } from './ids.js';
import { PICKUPS, type Pickup } from '../../domain/kernel/model.js';
import { checkText } from '../../domain/kernel/text.js';
import { MAX_QTY, parseQty } from '../../domain/catalog/items.js';
import { type CancelRequest, cancelServices, cancellationKey, listCancellations, planCancellation, receiveReturn, undoCancellation } from '../../domain/lifecycle/cancellations.js';
import { RMA_MAX, listRmas, moveRma, requestReplacement } from '../../domain/lifecycle/rmas.js';
import { MRR_GROUPS, type MrrGroup, listServices, mrrBy, renewals } from '../../domain/lifecycle/serviceLines.js';
import { changeTerm, planTermChange, termChangeKey, undoTermChange } from '../../domain/lifecycle/termChanges.js';
import { daysBetween, formatDate } from '../../terms/dates.js';
import { parseTerm } from '../../terms/term.js';
import { cancellationJson, devicesOf, mrrJson, renewalJson, returnJson, rmaJson, serviceJson, termChangeJson } from '../../views/json/services.js';
import type { UseCases } from '../usecases.js';
import type { Calls } from './calls.js';

function pickupOf(value: string | null | undefined, field: string): Pickup | null {
  if (value === null || value === undefined) return null;
  const found = PICKUPS.find((p) => p === value.trim().toLowerCase());
  if (!found) throw new UsageError(`${field}: "${value}" is not a place; use ${PICKUPS.join(' or ')}.`, 'INVALID_INPUT', { field });
  return found;
}

/** What a cancellation stops: a whole PBX (items null) or units of its products, merged by SKU. */
function cancelRequest(input: { pbx: string; items: readonly { sku: string; qty: number }[] | null; pickup?: string | null; serials?: readonly string[] | null }): CancelRequest {
  if (input.pbx === undefined || input.pbx === null) throw new UsageError('pbx: say which PBX the services run on.', 'USAGE', { field: 'pbx' });
  let items: { sku: string; qty: number }[] | null = null;
  if (input.items !== null) {
    if (!Array.isArray(input.items) || input.items.length === 0) throw new UsageError('items: say what to cancel, a product and a number of units.', 'USAGE', { field: 'items' });
    const merged = new Map<string, number>();
    for (const item of input.items) {
      const sku = typeof item?.sku === 'string' ? item.sku.trim().toUpperCase() : '';
      if (!sku) throw new UsageError('items: every item names a product (its SKU).', 'INVALID_INPUT', { field: 'items' });
      const qty = parseQty(String(item.qty), `item ${sku}`);
      const sum = (merged.get(sku) ?? 0) + qty;
      if (sum > MAX_QTY) throw new UsageError(`item ${sku}: ${sum} units in all, above the limit of ${MAX_QTY.toLocaleString('en')} per line.`);
      merged.set(sku, sum);
    }
    items = [...merged].map(([sku, qty]) => ({ sku, qty }));
  }
  return { pbx: idOf(input.pbx, 'pbx'), items, pickup: pickupOf(input.pickup, 'pickup'), serials: serialsOf(input.serials) };
}

/** After checkout: service lines, renewals, MRR, cancellations and returns, replacements, changes of term. */
export function lifecycleUseCases(calls: Calls): Pick<UseCases, 'services' | 'returns' | 'rmas' | 'devices'> & { pbxs: Pick<UseCases['pbxs'], 'planTermChange' | 'changeTerm' | 'undoTermChange'> } {
  return {
    services: {
      async list(input) {
        const { store, actor } = await calls.reader();
        const { lines } = await listServices(store, actor, {
          pbx: idFilter(input.pbx, 'pbx') ?? null,
          customer: idFilter(input.customer, 'customer') ?? null,
          partner: idFilter(input.partner, 'partner') ?? null,
        });
        return { items: lines.map(serviceJson), viewer: actor.scope.kind };
      },
      async renewals({ within, partner }) {
        if (!Number.isInteger(within) || within < 0 || within > 36_600)
          throw new UsageError(`within: "${within}" is not a whole number of days from 0 to 36,600.`, 'INVALID_INPUT', { field: 'within' });
        const { store, actor } = await calls.reader();
        const rows = await renewals(store, actor, within, idFilter(partner, 'partner') ?? null);
        return { items: rows.map((r) => renewalJson(r, daysBetween(actor.today, r.renewsOn))), viewer: actor.scope.kind };
      },
      async mrr({ by, partner }) {
        if (!(MRR_GROUPS as readonly string[]).includes(by)) throw new UsageError(`by: "${by}" is not a grouping; use ${MRR_GROUPS.join(', ')}.`, 'INVALID_INPUT', { field: 'by' });
        const only = idFilter(partner, 'partner') ?? null;
        const { store, actor } = await calls.reader();
        const { lines } = await listServices(store, actor, { partner: only });
        return { by: by as MrrGroup, items: mrrBy(lines, by as MrrGroup).map(mrrJson), viewer: actor.scope.kind };
      },
      async undoCancel({ id }) {
        const cancellation = idOf(id, 'id', 'a cancellation ID');
        const { store, actor } = await calls.writer();
        return cancellationJson(await undoCancellation(store, actor, cancellation));
      },
      async planCancel(input) {
        const request = cancelRequest(input);
        const { store, actor } = await calls.reader();
        const plan = await planCancellation(store, actor, request);
        return { ...cancellationJson(plan), names: Object.fromEntries(plan.names), plan: cancellationKey(plan) };
      },
      async cancel(input) {
        const request = cancelRequest(input);
        if (typeof input.plan !== 'string' || input.plan === '')
          throw new UsageError('plan: name the plan that was shown (a cancellation is planned, shown, then confirmed).', 'USAGE', { field: 'plan' });
        const { store, actor } = await calls.writer();
        return cancellationJson(await cancelServices(store, actor, request, input.plan));
      },
      async replace(input) {
        if (!input.pbx) throw new UsageError('pbx: say which PBX the devices run on.', 'USAGE', { field: 'pbx' });
        if (!input.sku) throw new UsageError('sku: say which model to replace.', 'USAGE', { field: 'sku' });
        if (!Number.isInteger(input.qty) || input.qty < 1) throw new UsageError(`qty: "${input.qty}" is not a whole number of devices from 1 to ${RMA_MAX}.`, 'INVALID_INPUT', { field: 'qty' });
        const reason = checkText(input.reason ?? '', 'reason').trim();
        if (reason === '') throw new UsageError('reason: say what is wrong with them.', 'USAGE', { field: 'reason' });
        if ([...reason].length > 500) throw new UsageError('reason: at most 500 characters.', 'INVALID_INPUT', { field: 'reason' });
        const deliverTo = pickupOf(input.deliverTo, 'deliverTo');
        if (deliverTo === null) throw new UsageError('deliverTo: say where the replacements go: end-user or partner.', 'USAGE', { field: 'deliverTo' });
        const serials = serialsOf(input.serials);
        const { store, actor } = await calls.writer();
        return rmaJson(await requestReplacement(store, actor, { pbx: idOf(input.pbx, 'pbx'), sku: skuOf(input.sku, 'sku'), qty: input.qty, reason, deliverTo, serials }));
      },
    },

    returns: {
      async list(input) {
        const { store, actor } = await calls.reader();
        return { items: (await listCancellations(store, actor, input.all !== true)).map(returnJson), viewer: actor.scope.kind };
      },
      async receive({ id, serials }) {
        const received = serialsOf(serials);
        const { store, actor } = await calls.writer();
        return returnJson(await receiveReturn(store, actor, idOf(id, 'id'), received));
      },
    },

    devices: {
      async list(input) {
        const serial = input.serial === undefined || input.serial === null ? null : serialsOf([input.serial], 'serial')[0]!;
        const { store, actor } = await calls.reader();
        const { lines } = await listServices(store, actor, { pbx: idFilter(input.pbx, 'pbx') ?? null, customer: idFilter(input.customer, 'customer') ?? null });
        return { items: devicesOf(lines, serial), viewer: actor.scope.kind };
      },
    },

    rmas: {
      async list() {
        const { store, actor } = await calls.reader();
        return { items: (await listRmas(store, actor)).map(rmaJson), viewer: actor.scope.kind };
      },
      async ship({ id }) {
        const { store, actor } = await calls.writer();
        return rmaJson(await moveRma(store, actor, idOf(id, 'id'), 'shipped'));
      },
      async close({ id }) {
        const { store, actor } = await calls.writer();
        return rmaJson(await moveRma(store, actor, idOf(id, 'id'), 'closed'));
      },
    },

    pbxs: {
      async planTermChange({ id, to }) {
        const term = parseTerm(to, 'to');
        const { store, actor } = await calls.reader();
        const plan = await planTermChange(store, actor, idOf(id, 'id'), term);
        return { ...termChangeJson(plan), plan: termChangeKey(plan) };
      },
      async changeTerm({ id, to, plan }) {
        const term = parseTerm(to, 'to');
        if (typeof plan !== 'string' || plan === '') throw new UsageError('plan: name the plan that was shown (a change of term is planned, shown, then confirmed).', 'USAGE', { field: 'plan' });
        const { store, actor } = await calls.writer();
        return termChangeJson(await changeTerm(store, actor, idOf(id, 'id'), term, plan));
      },
      async undoTermChange({ id }) {
        const pbx = idOf(id, 'id');
        const { store, actor } = await calls.writer();
        const { undone, stays } = await undoTermChange(store, actor, pbx);
        return { pbx, term: stays, undone: { from: formatDate(undone.from), term: undone.term } };
      },
    },
  };
}
