import { defineCommand, option } from '../../cli/command.js';
import { partnerJson } from '../../cli/views.js';
import { TIERS } from '../../domain/kernel/model.js';
import { type PartnerLabels, addPartner } from '../../domain/parties/partners.js';
import { CURRENCIES } from '../../terms/money.js';
import { checkCurrency, checkTier, checkCountry, checkEmail, checkName } from '../../domain/kernel/checks.js';

export const PARTNER_FLAGS: PartnerLabels = {
  name: '--name',
  country: '--country',
  currency: '--currency',
  tier: '--tier',
  areaManagerName: '--area-manager-name',
  areaManagerEmail: '--area-manager-email',
};

export const partnerOptions = {
  name: option.string('--name <name>', 'company name'),
  country: option.string('--country <cc>', 'two-letter country code'),
  currency: option.choice('--currency <code>', 'what it is priced and invoiced in', CURRENCIES),
  tier: option.choice('--tier <tier>', 'its tier in the partner programme: which price book applies', TIERS),
  areaManagerName: option.string('--area-manager-name <name>', 'its Wildix area manager'),
  areaManagerEmail: option.string('--area-manager-email <addr>', "the area manager's e-mail: signed agreements go there"),
};

/** A validator for a prompt: the check's own sentence, without the flag it names. */
export const promptCheck = (check: (text: string, label: string) => unknown, label: string) => (text: string) => {
  try {
    check(text, label);
    return true;
  } catch (error) {
    return (error as Error).message.replace(`${label}: `, '');
  }
};

export const command = defineCommand({
  path: ['partners', 'add'],
  description: 'staff: add a partner (asks for what is missing at a terminal)',
  options: partnerOptions,
  examples: [
    'hwaas --as USR-101 partners add --name "Nordic Voice AB" --country SE --currency EUR --tier silver --area-manager-name "Luca Bianchi" --area-manager-email luca.bianchi@wildix.example',
  ],
  writes: true,
  async run(ctx, options) {
    const store = await ctx.store();
    const actor = await ctx.actor();
    const f = PARTNER_FLAGS;
    const input = {
      name: await ctx.need(options.name, f.name, 'Company name of the partner:', promptCheck(checkName, f.name)),
      country: await ctx.need(options.country, f.country, 'Country (two letters, e.g. SE):', promptCheck(checkCountry, f.country)),
      currency: await ctx.choose(options.currency, f.currency, 'Currency:', CURRENCIES.map((c) => ({ value: c, name: c }))),
      tier: await ctx.choose(options.tier, f.tier, 'Tier:', TIERS.map((t) => ({ value: t, name: t }))),
      areaManagerName: await ctx.need(options.areaManagerName, f.areaManagerName, "Wildix area manager's name:", promptCheck((t, l) => checkName(t, l, 120), f.areaManagerName)),
      areaManagerEmail: await ctx.need(options.areaManagerEmail, f.areaManagerEmail, "Area manager's e-mail:", promptCheck(checkEmail, f.areaManagerEmail)),
    };
    // Checked again as a whole (a flag's value was not checked by a prompt).
    checkCurrency(input.currency, f.currency);
    checkTier(input.tier, f.tier);
    const partner = await addPartner(store, actor, input, f);
    if (ctx.json) {
      ctx.printJson(partnerJson(partner));
      return;
    }
    ctx.out(`Added ${partner.id}: ${partner.name} (${partner.country}, ${partner.currency}, ${partner.tier}).`);
    ctx.out(`Next: give it a user with \`hwaas users add --role partner --partner ${partner.id} --email ADDR --name NAME\`.`);
  },
});
