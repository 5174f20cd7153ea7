import { defineCommand } from '../../cli/command.js';
import { partnerJson } from '../../cli/views.js';
import { editPartner } from '../../domain/parties/partners.js';
import { PARTNER_FLAGS, partnerOptions } from './add.js';

export const command = defineCommand({
  path: ['partners', 'edit'],
  description: 'staff: change what is given of a partner (its currency only while it has no orders or invoices)',
  args: { id: { description: 'the partner' } },
  options: partnerOptions,
  examples: ['hwaas --as USR-101 partners edit PTR-002 --tier gold', 'hwaas --as USR-101 partners edit PTR-004 --area-manager-name "Ewa Nowak" --area-manager-email ewa.nowak@wildix.example'],
  writes: true,
  async run(ctx, options, { id }) {
    const { before, after } = await editPartner(await ctx.store(), await ctx.actor(), id.trim().toUpperCase(), options, PARTNER_FLAGS);
    if (ctx.json) {
      ctx.printJson(partnerJson(after));
      return;
    }
    const changes = (Object.keys(PARTNER_FLAGS) as (keyof typeof PARTNER_FLAGS)[])
      .filter((key) => before[key] !== after[key])
      .map((key) => `${PARTNER_FLAGS[key].slice(2)} ${before[key]} → ${after[key]}`);
    ctx.out(changes.length ? `${after.id} (${after.name}): ${changes.join('; ')}.` : `${after.id} (${after.name}): nothing changed; it already was so.`);
  },
});
