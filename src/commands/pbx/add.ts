import type { Context } from '../../cli/context.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { checkName } from '../../domain/customers.js';
import { PBX_TYPES, type PbxType } from '../../domain/model.js';
import { checkActivation, pbxToJson } from '../../domain/pbx.js';
import { parseDate } from '../../terms/dates.js';
import { parseLicense } from '../../terms/term.js';

export async function run(
  ctx: Context,
  options: { customer?: string; name?: string; type?: PbxType; license?: string; activated?: string },
): Promise<void> {
  const customerId = await ctx.need(options.customer, '--customer', 'Customer ID (see `hwaas customers list`):');
  const name = checkName(await ctx.need(options.name, '--name', 'A name for the PBX:'), '--name', 120);
  const type = (await ctx.need(options.type, '--type', 'Type (cloud, virtual or hardware):')) as PbxType;
  if (!PBX_TYPES.includes(type)) throw new UsageError(`--type: "${type}" is not cloud, virtual or hardware.`);
  const license = parseLicense(await ctx.need(options.license, '--license', 'Licence (monthly, yearly, five-year or perpetual):'));
  const activated = parseDate(await ctx.need(options.activated, '--activated', 'Activation date (YYYY-MM-DD):'), '--activated');
  checkActivation(activated, ctx.today);
  const store = await ctx.store();
  const scope = await ctx.scope();
  const customer = store.customers.get(scope, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const id = store.write(() => store.pbxs.add({ customer: customer.id, name, type, license, activated }));
  const pbx = store.pbxs.get(scope, id)!;
  const view = pbxToJson(pbx, ctx.today);
  if (ctx.json) {
    ctx.printJson(view);
    return;
  }
  ctx.out(`Added ${id}: ${name}, ${type}, ${license} licence, activated ${view.activated}.`);
  if (view.expiresOn) ctx.out(`Current period ${view.periodStart} to ${view.expiresOn}: services ordered now end with it.`);
}
