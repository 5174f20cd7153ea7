import { defineCommand, option } from '../../cli/command.js';
import { checkWith } from '../../cli/prompts.js';
import { checkCountry, checkEmail, checkName } from '../../domain/kernel/checks.js';
import { TIERS } from '../../domain/kernel/model.js';
import { CURRENCIES } from '../../terms/money.js';

export const partnerOptions = {
  name: option.string('--name <name>', 'company name'),
  country: option.string('--country <cc>', 'two-letter country code'),
  currency: option.choice('--currency <code>', 'what it is priced and invoiced in', CURRENCIES),
  tier: option.choice('--tier <tier>', 'its tier in the partner programme: which price book applies', TIERS),
  areaManagerName: option.string('--area-manager-name <name>', 'its Wildix area manager'),
  areaManagerEmail: option.string('--area-manager-email <addr>', "the area manager's e-mail: signed agreements go there"),
};

export const command = defineCommand({
  description: 'staff: add a partner (asks for what is missing at a terminal)',
  options: partnerOptions,
  examples: ['hwaas --as USR-101 partners add --name "Nordic Voice AB" --country SE --currency EUR --tier silver --area-manager-name "Luca Bianchi" --area-manager-email luca.bianchi@wildix.example'],
  writes: true,
  async run(ctx, options) {
    const { prompts } = ctx;
    const input = {
      name: await prompts.need(options.name, '--name', 'Company name of the partner:', checkWith(checkName, '--name')),
      country: await prompts.need(options.country, '--country', 'Country (two letters, e.g. SE):', checkWith(checkCountry, '--country')),
      currency: await prompts.choose(
        options.currency,
        '--currency',
        'Currency:',
        CURRENCIES.map((c) => ({ value: c, name: c })),
      ),
      tier: await prompts.choose(
        options.tier,
        '--tier',
        'Tier:',
        TIERS.map((t) => ({ value: t, name: t })),
      ),
      areaManagerName: await prompts.need(
        options.areaManagerName,
        '--area-manager-name',
        "Wildix area manager's name:",
        checkWith((t, l) => checkName(t, l, 120), '--area-manager-name'),
      ),
      areaManagerEmail: await prompts.need(options.areaManagerEmail, '--area-manager-email', "Area manager's e-mail:", checkWith(checkEmail, '--area-manager-email')),
    };
    const partner = await (await ctx.useCases()).partners.add(input);
    if (ctx.json) {
      ctx.printJson(partner);
      return;
    }
    ctx.out(`Added ${partner.id}: ${partner.name} (${partner.country}, ${partner.currency}, ${partner.tier}).`);
    ctx.out(`Next: give it a user with \`hwaas users add --role partner --partner ${partner.id} --email ADDR --name NAME\`.`);
  },
});
