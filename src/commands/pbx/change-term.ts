import { defineCommand, option } from '../../cli/command.js';
import { termChangeJson } from '../../cli/serviceViews.js';
import { renderTable } from '../../cli/style.js';
import { UsageError } from '../../errors.js';
import { formatDate } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import { parseTerm } from '../../terms/term.js';
import { type TermChangePlan, changeTerm, planTermChange, termChangeKey } from '../../domain/lifecycle/termChanges.js';

export const command = defineCommand({
  path: ['pbx', 'change-term'],
  description: "change a PBX's billing term from the end of its current period; every service follows",
  args: { id: { description: 'the PBX' } },
  options: {
    to: option.string('--to <term>', 'monthly, yearly or five-year (1m, 1y, 5y)'),
    yes: option.flag('--yes', 'do not ask for confirmation'),
  },
  examples: ['hwaas pbx change-term PBX-1001 --to monthly', 'hwaas pbx change-term PBX-1001 --to 5y --yes --json'],
  help: "From the end of the current period the PBX's boundaries are counted from that date on the new term, and every service on it renews on the new term at the price of the price book in force on that date (co-termination holds).",
  writes: true,
  async run(ctx, options, { id }) {
    if (options.to === undefined) throw new UsageError('missing --to: say the new term (monthly, yearly or five-year).', 'USAGE');
    const to = parseTerm(options.to, '--to');
    const store = await ctx.store();
    const plan = await planTermChange(store, await ctx.actor(), id, to);
    const money = (m: bigint) => formatMoney(m, plan.currency);
    if (!ctx.json) {
      ctx.out(`PBX ${plan.pbx.id} is ${plan.from} until ${formatDate(plan.effectiveOn)}; from then on ${plan.to}, renewing next on ${formatDate(plan.nextBoundary)}.`);
      if (plan.lines.length > 0) {
        ctx.out(`The first renewal under the new term, on ${formatDate(plan.effectiveOn)}:`);
        ctx.out(
          renderTable(
            ctx.style,
            [
              { header: 'Order', value: (l: TermChangePlan['lines'][number]) => l.line.record.order },
              { header: 'SKU', value: (l) => l.line.record.sku },
              { header: 'Qty', value: (l) => String(l.line.qty), align: 'right' },
              { header: `Unit / ${plan.to}`, value: (l) => money(l.unitPrice), align: 'right' },
              { header: 'Renewal', value: (l) => money(l.renewal), align: 'right' },
            ],
            plan.lines,
          ),
        );
        ctx.out(`Renewal total: ${money(plan.renewalTotal)}.`);
      } else ctx.out('No services renew on it.');
    }
    if (!(await ctx.confirm(options.yes, `Change PBX ${plan.pbx.id} to ${plan.to} from ${formatDate(plan.effectiveOn)}?`))) {
      ctx.err('Nothing changed.');
      return 1;
    }
    const done = await changeTerm(store, await ctx.actor(), id, to, termChangeKey(plan));
    if (ctx.json) ctx.printJson(termChangeJson(done));
    else ctx.out(`PBX ${done.pbx.id} changes to ${done.to} on ${formatDate(done.effectiveOn)}.`);
    return 0;
  },
});
