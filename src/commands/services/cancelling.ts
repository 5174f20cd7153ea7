import type { Context } from '../../cli/context.js';
import { cancellationPlanText, cancellationQuestion } from '../../views/text/services.js';

/** Plans, shows, asks, records: `services cancel` and `pbx cancel`. The cancellation is recorded only as shown. */
export async function runCancellation(
  ctx: Context,
  request: { pbx: string; items: { sku: string; qty: number }[] | null; pickup: string | null; serials?: readonly string[] },
  yes: boolean | undefined,
): Promise<number> {
  const cases = await ctx.useCases();
  const plan = await cases.services.planCancel(request);
  if (!ctx.json) ctx.out(cancellationPlanText(ctx.style, plan));
  if (!(await ctx.prompts.confirm(yes, cancellationQuestion(plan)))) {
    ctx.err('Nothing cancelled.');
    return 1;
  }
  const recorded = await cases.services.cancel({ ...request, plan: plan.plan });
  if (ctx.json) ctx.printJson(recorded);
  else {
    const ret = recorded.returnStatus === 'requested' ? `; return request ${recorded.id} is open (\`hwaas returns list\`)` : '';
    ctx.out(`Recorded ${recorded.id}: ${plan.wholePbx ? `PBX ${recorded.pbx} ends` : 'the services stop'} on ${recorded.effectiveOn}${ret}.`);
  }
  return 0;
}
