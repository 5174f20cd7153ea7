import { defineCommand, option } from '../../cli/command.js';
import { pickCustomer } from '../../cli/pickers.js';
import { checkName } from '../../domain/kernel/checks.js';
import { PBX_TYPES, type PbxType } from '../../domain/kernel/model.js';
import { checkActivation } from '../../domain/parties/pbxs.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { type License, parseLicense } from '../../terms/term.js';

const LICENSES: readonly { value: License; name: string }[] = [
  { value: 'monthly', name: 'monthly' },
  { value: 'yearly', name: 'yearly' },
  { value: 'five-year', name: 'five-year' },
  { value: 'perpetual', name: 'perpetual (no HWaaS)' },
];

export const command = defineCommand({
  description: 'register a PBX of a customer',
  options: {
    customer: option.string('--customer <id>', 'the customer'),
    name: option.string('--name <name>', 'a name for the PBX'),
    type: option.choice('--type <type>', 'cloud, virtual or hardware', PBX_TYPES),
    license: option.string('--license <term>', 'monthly|yearly|five-year (1m, 1y, 5y) or perpetual'),
    activated: option.string('--activated <YYYY-MM-DD>', 'activation date (not after today)'),
  },
  examples: ['hwaas pbx add --customer CUS-0001 --name "Müller Filiale" --type cloud --license yearly --activated 2026-05-01'],
  writes: true,
  async run(ctx, options) {
    const { prompts } = ctx;
    const cases = await ctx.useCases();
    const customer = await pickCustomer(ctx, options.customer);
    const name = await prompts.ask(options.name, '--name', 'A name for the PBX:', (text, label) => checkName(text, label, 120));
    const type: PbxType = await prompts.choose(
      options.type,
      '--type',
      'Type:',
      PBX_TYPES.map((t) => ({ value: t, name: t })),
    );
    const license = options.license !== undefined ? parseLicense(options.license, '--license') : await prompts.choose(undefined, '--license', 'Licence:', LICENSES);
    const today = parseDate(await cases.today());
    const activated = await prompts.ask(options.activated, '--activated', 'Activation date (YYYY-MM-DD):', (text, label) => {
      const date = parseDate(text, label);
      checkActivation(date, today, label);
      return date;
    });
    const pbx = await cases.pbxs.add({ customer, name, type, license, activated: formatDate(activated) });
    if (ctx.json) {
      ctx.printJson(pbx);
      return;
    }
    ctx.out(`Added ${pbx.id}: ${name}, ${type}, ${license} licence, activated ${formatDate(activated)}.`);
    if (pbx.periodStart && pbx.expiresOn) ctx.out(`Current period ${pbx.periodStart} to ${pbx.expiresOn}: services ordered now end with it.`);
  },
});
