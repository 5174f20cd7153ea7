import { defineCommand, option } from '../../cli/command.js';
import { checkCountry, checkEmail, checkVat } from '../../domain/kernel/checks.js';
import { UsageError } from '../../errors.js';
import { customerEditText } from '../../views/text/parties.js';

const CLEARABLE = ['country', 'vat', 'email', 'address', 'contact'];

export const command = defineCommand({
  description: 'correct what is known of a customer: name, country, VAT, e-mail, address, contact (never its partner)',
  args: { id: { description: 'the customer' } },
  options: {
    name: option.string('--name <name>', 'company name'),
    country: option.string('--country <cc>', 'two-letter country code'),
    vat: option.string('--vat <vat>', 'VAT number'),
    email: option.string('--email <addr>', 'e-mail'),
    address: option.string('--address <text>', 'postal address; lines separated by "|" or "\\n"'),
    contact: option.string('--contact <text>', 'who to write to (e.g. "Jana Müller, IT")'),
    clear: option.list('--clear <field>', `empty a field: ${CLEARABLE.join(', ')}; repeat it`),
  },
  examples: [
    'hwaas customers edit CUS-0001 --address "Hauptstraße 1|10115 Berlin" --contact "Jana Müller"',
    'hwaas customers edit CUS-0001 --name "Müller GmbH & Co. KG" --json',
    'hwaas customers edit CUS-0001 --clear email',
  ],
  writes: true,
  async run(ctx, options, { id }) {
    if (options.country !== undefined) checkCountry(options.country, '--country');
    if (options.vat !== undefined) checkVat(options.vat, '--vat');
    if (options.email !== undefined) checkEmail(options.email, '--email');
    for (const field of options.clear) {
      if (!CLEARABLE.includes(field.toLowerCase())) throw new UsageError(`--clear: "${field}" cannot be cleared; use ${CLEARABLE.join(', ')} (a customer keeps its name).`, 'USAGE');
    }
    const result = await (await ctx.useCases()).customers.edit({
      id,
      name: options.name ?? null,
      country: options.country ?? null,
      vat: options.vat ?? null,
      email: options.email ?? null,
      address: options.address ?? null,
      contact: options.contact ?? null,
      clear: options.clear.map((f) => f.toLowerCase()),
    });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(customerEditText(result));
  },
});
