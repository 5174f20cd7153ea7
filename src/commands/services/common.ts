import type { Context } from '../../cli/context.js';
import { cancellationJson } from '../../cli/serviceViews.js';
import { renderTable } from '../../cli/style.js';
import { orderId } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { type CancelRequest, type CancellationPlan, cancelServices, cancellationKey, planCancellation } from '../../domain/lifecycle/cancellations.js';

/** What a cancellation will do, for people, before they confirm it. */
function describe(ctx: Context, plan: CancellationPlan): void {
  const money = (m: bigint) => formatMoney(m, plan.currency);
  const what = plan.wholePbx ? `PBX ${plan.pbx} and every service on it` : `These services on PBX ${plan.pbx}`;
  ctx.out(`${what} stop on ${formatDate(plan.effectiveOn)}, the end of the current period (what was charged is not refunded; they do not renew).`);
  if (plan.lines.length > 0) {
    ctx.out(
      renderTable(
        ctx.style,
        [
          { header: 'Order', value: (l: CancellationPlan['lines'][number]) => orderId(l.orderSeq) },
          { header: 'SKU', value: (l) => l.sku },
          { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
          { header: 'Since', value: (l) => formatDate(l.since) },
          { header: 'Minimum until', value: (l) => formatDate(l.minimumUntil) },
          { header: 'Final charge', value: (l) => money(l.finalCharge), align: 'right' },
        ],
        plan.lines,
      ),
    );
  } else ctx.out('No services run on it.');
  ctx.out(`Final charge (six-month minimum): ${money(plan.finalChargeTotal)}. MRR decreases by ${money(plan.mrrDecrease)}.`);
  const devices = plan.lines.reduce((n, l) => n + l.returnedQty, 0);
  if (devices > 0) ctx.out(`${devices} device${devices === 1 ? '' : 's'} to return, picked up from the ${plan.pickup === 'partner' ? 'partner' : 'end user'}.`);
}

/** Plans, shows, asks, records: `services cancel` and `pbx cancel`. */
export async function runCancellation(ctx: Context, request: CancelRequest, yes: boolean | undefined): Promise<number> {
  const store = await ctx.store();
  const actor = await ctx.actor();
  const plan = await planCancellation(store, actor, request);
  if (!ctx.json) describe(ctx, plan);
  const question = plan.wholePbx
    ? `Cancel PBX ${plan.pbx} from ${formatDate(plan.effectiveOn)}, with a final charge of ${formatMoney(plan.finalChargeTotal, plan.currency)}?`
    : `Cancel these services from ${formatDate(plan.effectiveOn)}, with a final charge of ${formatMoney(plan.finalChargeTotal, plan.currency)}?`;
  if (!(await ctx.confirm(yes, question))) {
    ctx.err('Nothing cancelled.');
    return 1;
  }
  const recorded = await cancelServices(store, await ctx.actor(), request, cancellationKey(plan));
  if (ctx.json) ctx.printJson(cancellationJson(recorded));
  else {
    const ret = recorded.returnStatus === 'requested' ? `; return request ${recorded.id} is open (\`hwaas returns list\`)` : '';
    ctx.out(`Recorded ${recorded.id}: ${plan.wholePbx ? `PBX ${recorded.pbx} ends` : 'the services stop'} on ${formatDate(recorded.effectiveOn)}${ret}.`);
  }
  return 0;
}
