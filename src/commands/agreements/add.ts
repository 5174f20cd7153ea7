import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { checkText } from '../../domain/text.js';
import { agreementToJson } from './list.js';

export async function run(ctx: Context, options: { customer?: string; signedOn?: string; file?: string }): Promise<void> {
  const customerId = await ctx.need(options.customer, '--customer', 'Customer ID (see `hwaas customers list`):');
  const signedOn = parseDate(await ctx.need(options.signedOn, '--signed-on', 'Signed on (YYYY-MM-DD):'), '--signed-on');
  if (signedOn > ctx.today) throw new UsageError(`--signed-on: ${formatDate(signedOn)} is after today (${formatDate(ctx.today)}).`);
  let file: string | null = null;
  if (options.file !== undefined) {
    file = resolve(ctx.io.cwd, checkText(options.file, '--file'));
    if (!existsSync(file)) throw new UsageError(`--file: ${file} does not exist; give the path of the signed agreement.`);
  }
  const store = await ctx.store();
  const scope = await ctx.scope();
  const customer = store.customers.get(scope, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const user = await ctx.user();
  const agreement = store.write(() => store.ledger.addAgreement(customer.id, signedOn, file, ctx.timestamp(), user.id));
  if (ctx.json) {
    ctx.printJson(agreementToJson(agreement));
    return;
  }
  const partner = store.parties.partner(customer.partner);
  ctx.out(`Registered ${agreement.id}: ${customer.name} signed the HWaaS agreement on ${formatDate(signedOn)}.`);
  if (partner) ctx.out(`Send the signed copy to your area manager, ${partner.areaManagerName} <${partner.areaManagerEmail}>, if you have not yet.`);
}
