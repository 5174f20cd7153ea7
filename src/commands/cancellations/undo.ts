import { defineCommand, option } from '../../cli/command.js';
import { money } from '../../views/text/money.js';

export const command = defineCommand({
  description: 'undo a cancellation before it takes effect: the services run on and renew, no devices come back',
  args: { id: { description: 'the cancellation, CAN-NNNN (`hwaas cancellations list` lists them)' } },
  options: { yes: option.flag('--yes', 'do not ask for confirmation') },
  examples: ['hwaas cancellations undo CAN-0001', 'hwaas cancellations undo CAN-0001 --yes --json'],
  writes: true,
  async run(ctx, options, { id }) {
    const cases = await ctx.useCases();
    if (!(await ctx.prompts.confirm(options.yes, `Undo cancellation ${id.trim().toUpperCase()}: its services run on and renew?`))) {
      ctx.err('Nothing changed.');
      return 1;
    }
    const undone = await cases.services.undoCancel({ id });
    if (ctx.json) {
      ctx.printJson(undone);
      return 0;
    }
    const units = undone.lines.reduce((n, l) => n + l.qty, 0);
    ctx.out(
      `${undone.id} undone: ${undone.wholePbx ? `PBX ${undone.pbx} and everything on it run on` : `${units} unit${units === 1 ? '' : 's'} on PBX ${undone.pbx} ${units === 1 ? 'runs' : 'run'} on`} past ${undone.effectiveOn}${undone.finalChargeTotal === '0.00' ? '' : `; the final charge of ${money(undone.finalChargeTotal, undone.currency)} is not due`}${undone.returnStatus === 'requested' ? '; no devices come back' : ''}.`,
    );
    return 0;
  },
});
