import { defineCommand, option } from '../../cli/command.js';
import { customerJson } from '../../cli/views.js';
import { UsageError } from '../../errors.js';
import { addCustomer, partnerFor } from '../../domain/parties/customers.js';
import { checkCountry, checkEmail, checkName, checkVat } from '../../domain/kernel/checks.js';

export const command = defineCommand({
  path: ['customers', 'add'],
  description: 'add a customer (a partner adds its own; staff say --partner)',
  options: {
    name: option.string('--name <name>', 'company name (asked for at a terminal)'),
    country: option.string('--country <cc>', 'two-letter country code'),
    vat: option.string('--vat <vat>', 'VAT number'),
    email: option.string('--email <addr>', 'contact e-mail'),
    partner: option.string('--partner <id>', 'the partner it belongs to (staff)'),
  },
  examples: ['hwaas customers add --name "Łódź Telekom Sp. z o.o." --country PL', 'hwaas --as USR-101 customers add --name "Acme" --partner PTR-001'],
  writes: true,
  async run(ctx, options) {
    // Check every flag before asking or writing anything.
    const country = checkCountry(options.country, '--country');
    const vat = checkVat(options.vat, '--vat');
    const email = checkEmail(options.email, '--email');
    const store = await ctx.store();
    const actor = await ctx.actor();
    const partner = await partnerFor(store, actor, options.partner ?? null);
    if (!partner) throw new UsageError('missing --partner: staff must say which partner (e.g. --partner PTR-001).', 'USAGE');
    const rawName = await ctx.need(options.name, '--name', 'Company name of the new customer:', (text) => {
      try {
        checkName(text, '--name');
        return true;
      } catch (error) {
        return (error as Error).message.replace(/^--name: /, '');
      }
    });
    const customer = await addCustomer(store, actor, { partner, name: checkName(rawName, '--name'), country, vat, email });
    if (ctx.json) {
      ctx.printJson(customerJson(customer));
      return;
    }
    ctx.out(`Added ${customer.id}: ${customer.name} (partner ${partner.name}).`);
    ctx.out(`Next: register a PBX with \`hwaas pbx add --customer ${customer.id} --name NAME --type cloud --license yearly --activated YYYY-MM-DD\`.`);
  },
});
