import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { TIERS } from '../../domain/kernel/model.js';
import { diffBooks } from '../../domain/catalog/pricebooks.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { formatAmount, parseCurrency } from '../../terms/money.js';

const price = (value: bigint | null) => (value === null ? null : formatAmount(value));

export const command = defineCommand({
  path: ['pricebook', 'diff'],
  description: "staff: what changes between the versions of a tier's price book in force on two dates",
  options: {
    tier: option.choice('--tier <tier>', 'the partner tier', TIERS),
    currency: option.string('--currency <code>', 'the currency, e.g. EUR'),
    from: option.string('--from <YYYY-MM-DD>', 'the earlier date'),
    to: option.string('--to <YYYY-MM-DD>', 'the later date'),
  },
  examples: ['hwaas pricebook diff --tier silver --currency EUR --from 2026-12-31 --to 2027-01-01', 'hwaas pricebook diff --tier silver --currency EUR --from 2026-12-31 --to 2027-01-01 --json'],
  async run(ctx, options) {
    if (options.tier === undefined || options.currency === undefined || options.from === undefined || options.to === undefined) {
      throw new UsageError('give --tier, --currency, --from and --to.', 'USAGE');
    }
    const diff = await diffBooks(await ctx.store(), await ctx.actor(), options.tier, parseCurrency(options.currency, '--currency'), parseDate(options.from, '--from'), parseDate(options.to, '--to'));
    const json = {
      tier: options.tier,
      currency: diff.to.currency,
      from: formatDate(diff.from.validFrom),
      to: formatDate(diff.to.validFrom),
      added: diff.added.map((l) => ({ sku: l.sku, name: l.name })),
      removed: diff.removed.map((l) => ({ sku: l.sku, name: l.name })),
      changed: diff.changed.map(({ line, changes }) => ({
        sku: line.sku,
        name: line.name,
        changes: changes.map((c) => ({ term: c.kind, from: price(c.from), to: price(c.to), percent: c.percent })),
      })),
    };
    if (ctx.json) {
      ctx.printJson(json);
      return;
    }
    const out = [`The ${json.tier} ${json.currency} price book valid from ${json.from} → the one valid from ${json.to}:`];
    if (json.from === json.to) out.push('the same version is in force on both dates: nothing changes.');
    for (const a of json.added) out.push(`  + ${a.sku}  ${a.name}`);
    for (const r of json.removed) out.push(`  - ${r.sku}  ${r.name}`);
    for (const c of json.changed) {
      out.push(`  ~ ${c.sku}  ${c.name}`);
      for (const ch of c.changes) out.push(`      ${ch.term}: ${ch.from ?? '(not offered)'} → ${ch.to ?? '(not offered)'}${ch.percent === null ? '' : ` (${ch.percent.startsWith('-') ? '' : '+'}${ch.percent} %)`}`);
    }
    if (json.from !== json.to && out.length === 1) out.push('no product or price changes.');
    out.push(`${json.added.length} added, ${json.removed.length} removed, ${json.changed.length} with changed prices.`);
    ctx.out(out.join('\n'));
  },
});
