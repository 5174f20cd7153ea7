import { defineCommand, option } from '../../cli/command.js';
import { PICKUPS } from '../../domain/kernel/model.js';
import { checkText } from '../../domain/kernel/text.js';
import { RMA_MAX } from '../../domain/lifecycle/rmas.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'ask for faulty devices to be replaced (RMA): at most five of one model on one PBX per request',
  options: {
    pbx: option.string('--pbx <id>', 'the PBX the devices run on'),
    sku: option.string('--sku <sku>', 'the model'),
    qty: option.string('--qty <n>', 'how many (1 to 5)'),
    reason: option.string('--reason <text>', 'what is wrong with them'),
    deliverTo: option.choice('--deliver-to <who>', 'where the replacements go', PICKUPS),
    serial: option.list('--serial <SN>', 'the serial number of a faulty device (repeatable)'),
  },
  examples: ['hwaas services replace --pbx PBX-1001 --sku WP480G --qty 2 --reason "display dead" --deliver-to end-user'],
  help: "Billing does not change: the replacements take the faulty units' place on the same service lines. Wildix staff ship them (`hwaas rma ship`) and close the case (`hwaas rma close`).",
  writes: true,
  async run(ctx, options) {
    const need = (value: string | undefined, flag: string, what: string): string => {
      if (value === undefined || value.trim() === '') throw new UsageError(`missing ${flag}: ${what}.`, 'USAGE');
      return value.trim();
    };
    const pbx = need(options.pbx, '--pbx', 'say which PBX the devices run on');
    const sku = need(options.sku, '--sku', 'say which model to replace');
    const qtyText = need(options.qty, '--qty', 'say how many devices (1 to 5)');
    if (!/^\d{1,9}$/.test(qtyText) || Number(qtyText) < 1) throw new UsageError(`--qty: "${qtyText}" is not a whole number of devices from 1 to ${RMA_MAX}.`);
    const reason = checkText(need(options.reason, '--reason', 'say what is wrong with them'), '--reason');
    if ([...reason].length > 500) throw new UsageError('--reason: at most 500 characters.');
    if (options.deliverTo === undefined) throw new UsageError('missing --deliver-to: say where the replacements go: end-user or partner.', 'USAGE');
    const rma = await (await ctx.useCases()).services.replace({ pbx, sku, qty: Number(qtyText), reason, deliverTo: options.deliverTo, serials: options.serial });
    if (ctx.json) ctx.printJson(rma);
    else ctx.out(`Requested ${rma.id}: ${rma.qty} × ${rma.sku} for PBX ${rma.pbx}, delivered to the ${rma.deliverTo === 'partner' ? 'partner' : 'end user'}; billing does not change.`);
    return 0;
  },
});
