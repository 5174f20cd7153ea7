import { defineCommand, option } from '../../cli/command.js';
import { RefusedError, UsageError } from '../../errors.js';
import { parseTerm } from '../../terms/term.js';
import { termChangePlanText } from '../../views/text/services.js';

export const command = defineCommand({
  description: "change a PBX's billing term from the end of its current period; every service follows",
  args: { id: { description: 'the PBX' } },
  options: {
    to: option.string('--to <term>', 'monthly, yearly or five-year (1m, 1y, 5y)'),
    yes: option.flag('--yes', 'do not ask for confirmation'),
    undo: option.flag('--undo', 'undo the change of term waiting to take effect'),
  },
  examples: ['hwaas pbx change-term PBX-1001 --to monthly', 'hwaas pbx change-term PBX-1001 --to 5y --yes --json', 'hwaas pbx change-term PBX-1001 --undo --yes'],
  help: "From the end of the current period the PBX's boundaries are counted from that date on the new term, and every service on it renews on the new term at the price of the price book in force on that date (co-termination holds).",
  writes: true,
  async run(ctx, options, { id }) {
    if (options.undo) {
      if (options.to !== undefined) throw new UsageError('--undo goes without --to: it undoes the change of term that is waiting.', 'USAGE');
      const cases = await ctx.useCases();
      // What is waiting is said before the question (and nothing waiting is said without one).
      const [shown, today] = [await cases.pbxs.show({ id }), await cases.today()];
      const waiting = shown.termChanges.find((c) => c.from > today);
      if (!waiting) {
        throw new RefusedError('INVALID_STATE', `PBX ${shown.id} has no change of term waiting to take effect.`);
      }
      if (!(await ctx.prompts.confirm(options.yes, `Undo the change of PBX ${shown.id} to ${waiting.term} on ${waiting.from}: it keeps renewing ${shown.license}?`))) {
        ctx.err('Nothing changed.');
        return 1;
      }
      const undone = await cases.pbxs.undoTermChange({ id });
      if (ctx.json) ctx.printJson(undone);
      else ctx.out(`PBX ${undone.pbx} no longer changes to ${undone.undone.term} on ${undone.undone.from}: it and its services renew ${undone.term}.`);
      return 0;
    }
    if (options.to === undefined) throw new UsageError('missing --to: say the new term (monthly, yearly or five-year).', 'USAGE');
    const to = parseTerm(options.to, '--to');
    const cases = await ctx.useCases();
    const plan = await cases.pbxs.planTermChange({ id, to });
    if (!ctx.json) ctx.out(termChangePlanText(ctx.style, plan));
    if (!(await ctx.prompts.confirm(options.yes, `Change PBX ${plan.pbx} to ${plan.to} from ${plan.effectiveOn}?`))) {
      ctx.err('Nothing changed.');
      return 1;
    }
    const done = await cases.pbxs.changeTerm({ id, to, plan: plan.plan });
    if (ctx.json) ctx.printJson(done);
    else ctx.out(`PBX ${done.pbx} changes to ${done.to} on ${done.effectiveOn}.`);
    return 0;
  },
});
