import { defineCommand, option } from '../../../cli/command.js';
import { UsageError } from '../../../errors.js';
import { PROFILE_FIELDS } from '../../../domain/kernel/model.js';
import { profileText } from '../../../views/text/parties.js';

export const command = defineCommand({
  description: "a partner's identity on the documents it sends its customers: letterhead, logo, VAT number, payment terms, footer",
  options: {
    partner: option.string('--partner <id>', 'staff: whose profile'),
    legalName: option.string('--legal-name <name>', 'the company name as it signs (e.g. "Alpen Telecom GmbH")'),
    address: option.string('--address <text>', 'postal address; lines separated by "|" or "\\n"'),
    vat: option.string('--vat <vat>', 'VAT number'),
    email: option.string('--email <addr>', 'e-mail customers write to'),
    phone: option.string('--phone <number>', 'telephone number'),
    logo: option.string('--logo <file>', 'a PNG or JPEG file, at most 512 KB'),
    paymentTerms: option.string('--payment-terms <text>', 'e.g. "30 days net from the invoice date"'),
    footer: option.string('--footer <text>', 'a line at the foot of every page (bank details, registration)'),
    clear: option.list('--clear <field>', `empty a field: ${PROFILE_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join(', ')}; repeat it`),
  },
  examples: [
    'hwaas partners profile set --legal-name "Alpen Telecom GmbH" --address "Leopoldstraße 12|80802 München|Germany" --vat DE123456789 --email office@alpentelecom.example --payment-terms "30 days net" --logo logo.png',
    'hwaas --as USR-101 partners profile set --partner PTR-002 --footer "IBAN PL61 1090 1014 0000 0712 1981 2874"',
    'hwaas partners profile set --clear logo',
  ],
  writes: true,
  async run(ctx, options) {
    let logo: { name: string; base64: string } | null = null;
    if (options.logo !== undefined) {
      const { readNamedFile } = await import('../../../import/source.js');
      const file = await readNamedFile(options.logo, { cwd: ctx.io.cwd, maxBytes: 512 * 1024, what: 'logo (PNG or JPEG)', flag: '--logo' });
      logo = { name: file.name, base64: Buffer.from(file.content).toString('base64') };
    }
    const clear = options.clear.map((f) => {
      const field = PROFILE_FIELDS.find((k) => k.toLowerCase() === f.replace(/[-_ ]/g, '').toLowerCase());
      if (!field) throw new UsageError(`--clear: "${f}" is not a field of the profile; use ${PROFILE_FIELDS.map((k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join(', ')}.`, 'USAGE');
      return field;
    });
    const result = await (await ctx.useCases()).partners.setProfile({
      partner: options.partner ?? null,
      legalName: options.legalName ?? null,
      address: options.address ?? null,
      vat: options.vat ?? null,
      email: options.email ?? null,
      phone: options.phone ?? null,
      logo,
      paymentTerms: options.paymentTerms ?? null,
      footer: options.footer ?? null,
      clear,
    });
    if (ctx.json) {
      ctx.printJson(result);
      return;
    }
    ctx.out(result.changed.length === 0 ? `Nothing changed in the profile of ${result.partner}.` : `Profile of ${result.partner}: ${result.changed.join(', ')} changed.`);
    ctx.out(profileText(result));
  },
});
