import { defineCommand } from '../../cli/command.js';
import { serviceJson } from '../../cli/serviceViews.js';
import { renderTable } from '../../cli/style.js';
import { pbxJson } from '../../cli/views.js';
import { currentPeriod, pbxState, showPbx } from '../../domain/parties/pbxs.js';
import { type ServiceLine, mrrBy, serviceLines } from '../../domain/lifecycle/serviceLines.js';
import { formatDate } from '../../terms/dates.js';
import { termOn } from '../../terms/period.js';
import { formatAmount, formatMoney } from '../../terms/money.js';

export const command = defineCommand({
  path: ['pbx', 'show'],
  description: 'a PBX, its current period, expiration, the services on it and their MRR',
  args: { id: { description: 'the PBX' } },
  options: {},
  examples: ['hwaas pbx show PBX-1001', 'hwaas --date 2020-08-01 pbx show PBX-1001 --json'],
  async run(ctx, _options, { id }) {
    const actor = await ctx.actor();
    const store = await ctx.store();
    const view = await showPbx(store, actor, id);
    const { pbx } = view;
    const period = currentPeriod(view);
    const endsOn = period ? formatDate(period.expiresOn) : null;
    const { lines } = await serviceLines(store, actor.scope, actor.today, { pbx: pbx.id });
    // The 0.1 shape (by order line, with its order's status), read from the same service lines; co-termination: each ends with the PBX.
    const services = lines.map((l) => ({ order: l.record.order, status: l.record.orderStatus, sku: l.record.sku, name: l.record.name, qty: l.qty, start: formatDate(l.record.since), endsOn: l.endsOn === null ? endsOn : formatDate(l.endsOn) }));
    const mrr = mrrBy(lines, 'pbx')[0] ?? null;
    const changes = pbx.termChanges.map((c) => ({ from: formatDate(c.from), term: c.term }));
    if (ctx.json) {
      ctx.printJson({ ...pbxJson(view), termChanges: changes, services, serviceLines: lines.map(serviceJson), mrr: mrr === null ? '0.00' : formatAmount(mrr.mrr) });
      return;
    }
    const { chalk } = ctx.style;
    ctx.out(`${chalk.bold(pbx.name)} (${pbx.id}), ${pbx.type} PBX of ${view.customer?.name ?? pbx.customer} (${pbx.customer})`);
    const licence = termOn(pbx, actor.today);
    ctx.out(`Licence: ${licence}, activated ${formatDate(pbx.activated)}${licence !== pbx.license ? ` (as ${pbx.license})` : ''}${pbx.cancelledOn !== null ? `, cancelled: ends ${formatDate(pbx.cancelledOn)}` : ''}`);
    for (const change of changes) ctx.out(`Term: ${change.term} from ${change.from}`);
    if (period) {
      ctx.out(`Current period: ${formatDate(period.start)} to ${endsOn} (expiration; ${pbxState(view, actor.today)})`);
      ctx.out(`Everything ordered for this PBX now ends with it on ${endsOn}.`);
    } else {
      ctx.out(`State: ${pbxState(view, actor.today)}${pbx.license === 'perpetual' ? ': HWaaS needs a subscription PBX' : ''}`);
    }
    ctx.out('');
    if (lines.length === 0) {
      ctx.out(period ? 'No HWaaS services run on this PBX.' : 'No HWaaS services run on it.');
      return;
    }
    const money = (m: bigint | null, l: ServiceLine) => (m === null ? '' : formatMoney(m, l.record.currency));
    ctx.out(
      renderTable(
        ctx.style,
        [
          { header: 'Order', value: (l: ServiceLine) => l.record.order },
          { header: 'SKU', value: (l) => l.record.sku },
          { header: 'Product', value: (l) => l.record.name, shrink: true },
          { header: 'Qty', value: (l) => String(l.qty), align: 'right' },
          { header: 'Since', value: (l) => formatDate(l.record.since), drop: 1 },
          { header: 'Renewal', value: (l) => money(l.renewal, l), align: 'right' },
          { header: 'MRR', value: (l) => money(l.mrr, l), align: 'right' },
          { header: 'Status', value: (l) => (l.endsOn === null ? l.status : `${l.status}, ends ${formatDate(l.endsOn)}`) },
        ],
        lines,
      ),
    );
    if (mrr) ctx.out(`MRR: ${formatMoney(mrr.mrr, mrr.currency)}`);
  },
});
