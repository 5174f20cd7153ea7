import { defineCommand, formatOption } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { PARTNER_KEYS, partnerJson } from '../../cli/views.js';
import type { Partner } from '../../domain/kernel/model.js';
import { listPartners } from '../../domain/parties/partners.js';

export const command = defineCommand({
  path: ['partners', 'list'],
  description: "the partners (a partner's user sees its own)",
  options: { format: formatOption() },
  examples: ['hwaas --as USR-101 partners list', 'hwaas partners list --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const partners = await listPartners(await ctx.store(), await ctx.actor());
    await printListing(ctx, format, partners, {
      columns: [
        { header: 'ID', value: (p: Partner) => p.id },
        { header: 'Name', value: (p) => p.name, shrink: true },
        { header: 'Country', value: (p) => p.country, drop: 1 },
        { header: 'Currency', value: (p) => p.currency },
        { header: 'Tier', value: (p) => p.tier },
        { header: 'Area manager', value: (p) => `${p.areaManagerName} <${p.areaManagerEmail}>`, shrink: true },
      ],
      toJson: partnerJson,
      keys: PARTNER_KEYS,
      empty: 'No partners yet: staff add one with `hwaas partners add`.',
    });
  },
});
