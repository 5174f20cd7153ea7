import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, option } from '../../cli/command.js';
import { pickCustomer } from '../../cli/pickers.js';
import { agreementJson } from '../../cli/views.js';
import { UsageError } from '../../errors.js';
import { addAgreement } from '../../domain/parties/agreements.js';
import { checkText } from '../../domain/kernel/text.js';
import { formatDate, parseDate } from '../../terms/dates.js';

export const command = defineCommand({
  path: ['agreements', 'add'],
  description: "register a customer's signed HWaaS agreement (send the copy to your area manager)",
  options: {
    customer: option.string('--customer <id>', 'the customer'),
    signedOn: option.string('--signed-on <YYYY-MM-DD>', 'when the customer signed'),
    file: option.string('--file <path>', 'the signed document'),
  },
  examples: ['hwaas agreements add --customer CUS-0002 --signed-on 2026-11-20 --file signed.pdf'],
  writes: true,
  async run(ctx, options) {
    const customer = await pickCustomer(ctx, options.customer);
    const today = await ctx.today();
    const signedOn = await ctx.ask(options.signedOn, '--signed-on', 'Signed on (YYYY-MM-DD, or today):', (text, label) => {
      const date = text.trim().toLowerCase() === 'today' ? today : parseDate(text, label);
      if (date > today) throw new UsageError(`${label}: ${formatDate(date)} is after today (${formatDate(today)}).`);
      return date;
    });
    let file: string | null = null;
    if (options.file !== undefined) {
      file = resolve(ctx.io.cwd, checkText(options.file, '--file'));
      if (!existsSync(file)) throw new UsageError(`--file: ${file} does not exist; give the path of the signed agreement.`);
    }
    const store = await ctx.store();
    const actor = await ctx.actor();
    const result = await addAgreement(store, actor, { customer, signedOn, file, signedOnLabel: '--signed-on' });
    const earlier = (await store.agreements.list(actor.scope, result.customer.id)).filter((a) => a.id !== result.agreement.id);
    if (ctx.json) {
      ctx.printJson(agreementJson(result.agreement));
      return;
    }
    ctx.out(`Registered ${result.agreement.id}: ${result.customer.name} signed the HWaaS agreement on ${formatDate(signedOn)}.`);
    if (earlier.length > 0) ctx.err(`${result.customer.name} already had ${earlier.map((a) => `${a.id} (signed ${formatDate(a.signedOn)})`).join(', ')}: they are kept; the latest signed counts.`);
    if (result.partner) ctx.out(`Send the signed copy to your area manager, ${result.partner.areaManagerName} <${result.partner.areaManagerEmail}>, if you have not yet.`);
  },
});
