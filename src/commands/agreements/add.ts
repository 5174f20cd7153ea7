import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, option } from '../../cli/command.js';
import { pickCustomer } from '../../cli/pickers.js';
import { UsageError } from '../../errors.js';
import { checkText } from '../../domain/kernel/text.js';
import { formatDate, parseDate } from '../../terms/dates.js';

export const command = defineCommand({
  description: "register a customer's signed HWaaS agreement (send the copy to your area manager)",
  options: {
    customer: option.string('--customer <id>', 'the customer'),
    signedOn: option.string('--signed-on <YYYY-MM-DD>', 'when the customer signed'),
    file: option.string('--file <path>', 'the signed document'),
  },
  examples: ['hwaas agreements add --customer CUS-0002 --signed-on 2026-11-20 --file signed.pdf'],
  writes: true,
  async run(ctx, options) {
    const cases = await ctx.useCases();
    const customer = await pickCustomer(ctx, options.customer);
    const today = parseDate(await cases.today());
    const signedOn = await ctx.prompts.ask(options.signedOn, '--signed-on', 'Signed on (YYYY-MM-DD, or today):', (text, label) => {
      const date = text.trim().toLowerCase() === 'today' ? today : parseDate(text, label);
      if (date > today) throw new UsageError(`${label}: ${formatDate(date)} is after today (${formatDate(today)}).`);
      return date;
    });
    let file: string | null = null;
    if (options.file !== undefined) {
      file = resolve(ctx.io.cwd, checkText(options.file, '--file'));
      if (!existsSync(file)) throw new UsageError(`--file: ${file} does not exist; give the path of the signed agreement.`);
    }
    const added = await cases.agreements.add({ customer, signedOn: formatDate(signedOn), file });
    if (ctx.json) {
      ctx.printJson({ id: added.id, customer: added.customer, signedOn: added.signedOn, file: added.file });
      return;
    }
    ctx.out(`Registered ${added.id}: ${added.customerName} signed the HWaaS agreement on ${added.signedOn}.`);
    if (added.earlier.length > 0) ctx.err(`${added.customerName} already had ${added.earlier.map((a) => `${a.id} (signed ${a.signedOn})`).join(', ')}: they are kept; the latest signed counts.`);
    if (added.areaManager) ctx.out(`Send the signed copy to your area manager, ${added.areaManager}, if you have not yet.`);
  },
});
