import { defineCommand } from '../../cli/command.js';
import { renderTable } from '../../cli/style.js';
import { pbxJson } from '../../cli/views.js';
import type { ServiceOnPbx } from '../../domain/model.js';
import { currentPeriod, pbxState, showPbx } from '../../domain/pbxs.js';
import { formatDate } from '../../terms/dates.js';

export const command = defineCommand({
  path: ['pbx', 'show'],
  description: 'a PBX, its current period, expiration and the services on it',
  args: { id: { description: 'the PBX' } },
  options: {},
  examples: ['hwaas pbx show PBX-1001', 'hwaas --date 2020-08-01 pbx show PBX-1001 --json'],
  async run(ctx, _options, { id }) {
    const actor = await ctx.actor();
    const view = await showPbx(await ctx.store(), actor, id);
    const { pbx } = view;
    const period = currentPeriod(view);
    const endsOn = period ? formatDate(period.expiresOn) : null;
    // Co-termination: every service on the PBX ends on the PBX's expiration.
    const services = view.services.map((s: ServiceOnPbx) => ({ order: s.order, status: s.status, sku: s.sku, name: s.name, qty: s.qty, start: s.start === null ? null : formatDate(s.start), endsOn }));
    if (ctx.json) {
      ctx.printJson({ ...pbxJson(view), services });
      return;
    }
    const { chalk } = ctx.style;
    ctx.out(`${chalk.bold(pbx.name)} (${pbx.id}), ${pbx.type} PBX of ${view.customer?.name ?? pbx.customer} (${pbx.customer})`);
    ctx.out(`Licence: ${pbx.license}, activated ${formatDate(pbx.activated)}${pbx.cancelledOn !== null ? `, cancelled: ends ${formatDate(pbx.cancelledOn)}` : ''}`);
    if (period) {
      ctx.out(`Current period: ${formatDate(period.start)} to ${endsOn} (expiration; ${pbxState(view, actor.today)})`);
      ctx.out(`Everything ordered for this PBX now ends with it on ${endsOn}.`);
    } else {
      ctx.out(`State: ${pbxState(view, actor.today)}${pbx.license === 'perpetual' ? ': HWaaS needs a subscription PBX' : ''}`);
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
  },
});
