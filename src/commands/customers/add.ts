import { defineCommand, option } from '../../cli/command.js';
import { checkWith } from '../../cli/prompts.js';
import { checkCountry, checkEmail, checkName, checkVat } from '../../domain/kernel/checks.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'add a customer (a partner adds its own; staff say --partner)',
  options: {
    name: option.string('--name <name>', 'company name (asked for at a terminal)'),
    country: option.string('--country <cc>', 'two-letter country code'),
    vat: option.string('--vat <vat>', 'VAT number'),
    email: option.string('--email <addr>', 'contact e-mail'),
    partner: option.string('--partner <id>', 'the partner it belongs to (staff)'),
    address: option.string('--address <text>', 'postal address for its documents; lines separated by "|" or "\\n"'),
    contact: option.string('--contact <text>', 'who to write to (e.g. "Jana Müller, IT")'),
  },
  examples: ['hwaas customers add --name "Łódź Telekom Sp. z o.o." --country PL', 'hwaas --as USR-101 customers add --name "Acme" --partner PTR-001'],
  writes: true,
  async run(ctx, options) {
    // Every flag is checked before anything is asked or written.
    checkCountry(options.country, '--country');
    checkVat(options.vat, '--vat');
    checkEmail(options.email, '--email');
    const cases = await ctx.useCases();
    const who = await cases.whoami();
    if (who.role === 'staff' && options.partner === undefined) throw new UsageError('missing --partner: staff must say which partner (e.g. --partner PTR-001).', 'USAGE');
    const name = await ctx.prompts.need(options.name, '--name', 'Company name of the new customer:', checkWith(checkName, '--name'));
    const customer = await cases.customers.add({
      partner: options.partner ?? null,
      name,
      country: options.country ?? null,
      vat: options.vat ?? null,
      email: options.email ?? null,
      address: options.address ?? null,
      contact: options.contact ?? null,
    });
    if (ctx.json) {
      const { partnerName: _name, ...shown } = customer;
      ctx.printJson(shown);
      return;
    }
    ctx.out(`Added ${customer.id}: ${customer.name} (partner ${customer.partnerName}).`);
    ctx.out(`Next: register a PBX with \`hwaas pbx add --customer ${customer.id} --name NAME --type cloud --license yearly --activated YYYY-MM-DD\`.`);
  },
});
