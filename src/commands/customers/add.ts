import type { Context } from '../../cli/context.js';
import { checkCountry, checkEmail, checkName, checkVat } from '../../domain/customers.js';
import { customerToJson } from './list.js';

export async function run(
  ctx: Context,
  options: { name?: string; country?: string; vat?: string; email?: string; partner?: string },
): Promise<void> {
  // Check every flag before asking or writing anything.
  const country = checkCountry(options.country);
  const vat = checkVat(options.vat);
  const email = checkEmail(options.email);
  const partner = await ctx.partnerFor(options.partner);
  const rawName = await ctx.need(options.name, '--name', 'Company name of the new customer:', (text) => {
    try {
      checkName(text);
      return true;
    } catch (error) {
      return (error as Error).message.replace(/^--name: /, '');
    }
  });
  const name = checkName(rawName);
  const store = await ctx.store();
  const customer = store.write(() => store.customers.add({ partner: partner.id, name, country, vat, email }, ctx.timestamp()));
  if (ctx.json) {
    ctx.printJson(customerToJson(customer));
    return;
  }
  ctx.out(`Added ${customer.id}: ${customer.name} (partner ${partner.name}).`);
  ctx.out(`Next: register a PBX with \`hwaas pbx add --customer ${customer.id} --name NAME --type cloud --license yearly --activated YYYY-MM-DD\`.`);
}
