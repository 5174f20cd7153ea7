import { defineCommand } from '../../cli/command.js';
import { renderTable } from '../../cli/style.js';
import { agreementJson, customerJson, pbxJson } from '../../cli/views.js';
import { showCustomer } from '../../domain/parties/customers.js';
import { type PbxOnDay, currentPeriod, pbxOnDay, pbxState } from '../../domain/parties/pbxs.js';
import { formatDate } from '../../terms/dates.js';

export const command = defineCommand({
  path: ['customers', 'show'],
  description: 'one customer with its PBXs and agreements',
  args: { id: { description: 'the customer' } },
  options: {},
  examples: ['hwaas customers show CUS-0001'],
  async run(ctx, _options, { id }) {
    const actor = await ctx.actor();
    const { customer, partner, pbxs, agreements } = await showCustomer(await ctx.store(), actor, id);
    const rows = pbxs.map((pbx) => pbxOnDay(pbx, actor.today));
    if (ctx.json) {
      ctx.printJson({ ...customerJson(customer), pbxs: rows.map(pbxJson), agreements: agreements.map(agreementJson) });
      return;
    }
    const { chalk } = ctx.style;
    ctx.out(`${chalk.bold(customer.name)} (${customer.id})`);
    ctx.out(`Partner: ${partner?.name ?? customer.partner} (${customer.partner})`);
    if (customer.country) ctx.out(`Country: ${customer.country}`);
    if (customer.vat) ctx.out(`VAT: ${customer.vat}`);
    if (customer.email) ctx.out(`E-mail: ${customer.email}`);
    const last = agreements[agreements.length - 1];
    ctx.out(
      last
        ? `HWaaS agreement: signed on ${formatDate(last.signedOn)} (${last.id})`
        : `HWaaS agreement: ${chalk.yellow('none on file')}; register the signed copy with \`hwaas agreements add --customer ${customer.id} --signed-on YYYY-MM-DD\`.`,
    );
    ctx.out('');
    if (rows.length === 0) {
      ctx.out(`No PBXs: add one with \`hwaas pbx add --customer ${customer.id} …\`.`);
      return;
    }
    ctx.out(
      renderTable<PbxOnDay>(
        ctx.style,
        [
          { header: 'PBX', value: (r) => r.pbx.id },
          { header: 'Name', value: (r) => r.pbx.name },
          { header: 'Licence', value: (r) => r.pbx.license },
          { header: 'Expires', value: (r) => { const p = currentPeriod(r); return p ? formatDate(p.expiresOn) : ''; } },
          { header: 'State', value: (r) => pbxState(r, actor.today) },
        ],
        rows,
      ),
    );
  },
});
