import type { Context } from '../../cli/context.js';
import { renderTable } from '../../cli/style.js';
import { NotFoundError } from '../../errors.js';
import { pbxState, pbxToJson } from '../../domain/pbx.js';
import { formatDate } from '../../terms/dates.js';

export async function run(ctx: Context, _options: unknown, id: string): Promise<void> {
  const store = await ctx.store();
  const scope = await ctx.scope();
  const pbx = store.pbxs.get(scope, id);
  if (!pbx) throw new NotFoundError('PBX', id);
  const view = pbxToJson(pbx, ctx.today);
  // Co-termination: every service on the PBX ends on the PBX's expiration.
  const services = store.orders.servicesOn(pbx.id).map((s) => ({
    order: s.order,
    status: s.status,
    sku: s.sku,
    name: s.name,
    qty: s.qty,
    start: s.start === null ? null : formatDate(s.start),
    endsOn: view.expiresOn,
  }));
  if (ctx.json) {
    ctx.printJson({ ...view, services });
    return;
  }
  const { chalk } = ctx.style;
  const customer = store.customers.get(scope, pbx.customer);
  ctx.out(`${chalk.bold(pbx.name)} (${pbx.id}), ${pbx.type} PBX of ${customer?.name ?? pbx.customer} (${pbx.customer})`);
  ctx.out(`Licence: ${pbx.license}, activated ${view.activated}${view.cancelledOn ? `, cancelled: ends ${view.cancelledOn}` : ''}`);
  if (view.periodStart && view.expiresOn) {
    ctx.out(`Current period: ${view.periodStart} to ${view.expiresOn} (expiration; ${pbxState(pbx, ctx.today)})`);
    ctx.out(`Everything ordered for this PBX now ends with it on ${view.expiresOn}.`);
  } else {
    ctx.out(`State: ${pbxState(pbx, ctx.today)}${pbx.license === 'perpetual' ? ': HWaaS needs a subscription PBX' : ''}`);
  }
  ctx.out('');
  if (services.length === 0) {
    ctx.out('No HWaaS services on this PBX yet.');
    return;
  }
  ctx.out(
    renderTable(
      ctx.style,
      [
        { header: 'Order', value: (s) => s.order },
        { header: 'Status', value: (s) => s.status },
        { header: 'SKU', value: (s) => s.sku },
        { header: 'Product', value: (s) => s.name },
        { header: 'Qty', value: (s) => String(s.qty), align: 'right' },
        { header: 'Since', value: (s) => s.start ?? '' },
        { header: 'Ends', value: (s) => s.endsOn ?? '' },
      ],
      services,
    ),
  );
}
