import type { Context } from '../../cli/context.js';
import { renderTable } from '../../cli/style.js';
import { NotFoundError } from '../../errors.js';
import { pbxState, pbxToJson } from '../../domain/pbx.js';
import { formatDate } from '../../terms/dates.js';
import { customerToJson } from './list.js';

export async function run(ctx: Context, _options: unknown, id: string): Promise<void> {
  const store = await ctx.store();
  const scope = await ctx.scope();
  const customer = store.customers.get(scope, id);
  if (!customer) throw new NotFoundError('customer', id);
  const pbxs = store.pbxs.list(scope, { customer: customer.id }).map((pbx) => ({ pbx, view: pbxToJson(pbx, ctx.today) }));
  const agreements = store.ledger.agreements(scope, customer.id);
  if (ctx.json) {
    ctx.printJson({
      ...customerToJson(customer),
      pbxs: pbxs.map((r) => r.view),
      agreements: agreements.map((a) => ({ id: a.id, customer: a.customer, signedOn: formatDate(a.signedOn), file: a.file })),
    });
    return;
  }
  const { chalk } = ctx.style;
  const partner = store.parties.partner(customer.partner);
  ctx.out(`${chalk.bold(customer.name)} (${customer.id})`);
  ctx.out(`Partner: ${partner?.name ?? customer.partner} (${customer.partner})`);
  if (customer.country) ctx.out(`Country: ${customer.country}`);
  if (customer.vat) ctx.out(`VAT: ${customer.vat}`);
  if (customer.email) ctx.out(`E-mail: ${customer.email}`);
  ctx.out(
    agreements.length > 0
      ? `HWaaS agreement: signed on ${formatDate(agreements[agreements.length - 1]!.signedOn)} (${agreements[agreements.length - 1]!.id})`
      : `HWaaS agreement: ${chalk.yellow('none on file')}; register the signed copy with \`hwaas agreements add --customer ${customer.id} --signed-on YYYY-MM-DD\`.`,
  );
  ctx.out('');
  if (pbxs.length === 0) {
    ctx.out(`No PBXs: add one with \`hwaas pbx add --customer ${customer.id} …\`.`);
    return;
  }
  ctx.out(
    renderTable(
      ctx.style,
      [
        { header: 'PBX', value: (r) => r.pbx.id },
        { header: 'Name', value: (r) => r.pbx.name },
        { header: 'Licence', value: (r) => r.pbx.license },
        { header: 'Expires', value: (r) => r.view.expiresOn ?? '' },
        { header: 'State', value: (r) => pbxState(r.pbx, ctx.today) },
      ],
      pbxs,
    ),
  );
}
