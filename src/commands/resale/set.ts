import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import type { ResaleRule } from '../../domain/kernel/model.js';
import { type ResaleTarget, markupText, parseMarkup, resalePartner, setMarkup, setPrice } from '../../domain/catalog/resale.js';
import { formatAmount } from '../../terms/money.js';
import { PER_TERM, parseTerm } from '../../terms/term.js';
import { parseUnitPrice } from '../../domain/catalog/items.js';

export const resaleRuleJson = (r: ResaleRule) => ({
  partner: r.partner,
  kind: r.kind,
  target: r.key === '' ? null : r.key,
  term: r.term,
  markup: r.markupBp === null ? null : markupText(r.markupBp),
  price: r.price === null ? null : formatAmount(r.price),
  currency: r.currency,
});

export const command = defineCommand({
  path: ['resale', 'set'],
  description: 'set a markup (default, a category or a SKU) or an explicit resale price for a SKU and term',
  options: {
    markup: option.string('--markup <pct>', 'percent on the buy price, up to two decimals: 25, 12.5'),
    category: option.string('--category <name>', 'the markup applies to this category (as the price list names it)'),
    sku: option.string('--sku <sku>', 'the markup or price applies to this SKU'),
    term: option.string('--term <term>', 'with --price: monthly, yearly or five-year'),
    price: option.string('--price <amount>', "an explicit resale price per device and term, in the partner's currency"),
    partner: option.string('--partner <id>', "staff: whose resale prices (a partner's user sets its own)"),
  },
  examples: ['hwaas resale set --markup 25', 'hwaas resale set --markup 12.5 --category "Desk phones"', 'hwaas resale set --sku WP480G --term yearly --price 89.00'],
  writes: true,
  async run(ctx, options) {
    const store = await ctx.store();
    const actor = await ctx.actor();
    const partnerId = await resalePartner(store, actor, options.partner ?? null);
    let rule: ResaleRule;
    if (options.price !== undefined) {
      if (options.markup !== undefined || options.category !== undefined) throw new UsageError('--price is an explicit price for one SKU and term: leave out --markup and --category.', 'USAGE');
      if (options.sku === undefined || options.term === undefined) throw new UsageError('an explicit resale price needs --sku and --term.', 'USAGE');
      const partner = (await store.parties.partner(partnerId))!;
      rule = await setPrice(store, actor, partnerId, options.sku.trim().toUpperCase(), parseTerm(options.term, '--term'), partner.currency, parseUnitPrice(options.price, '--price'));
    } else {
      if (options.markup === undefined) throw new UsageError('give --markup PCT (or --sku, --term and --price for an explicit price).', 'USAGE');
      if (options.term !== undefined) throw new UsageError('--term goes with --price: a markup applies to every term.', 'USAGE');
      if (options.category !== undefined && options.sku !== undefined) throw new UsageError('a markup is for a category or a SKU, not both.', 'USAGE');
      const target: ResaleTarget =
        options.sku !== undefined ? { kind: 'sku', sku: options.sku.trim().toUpperCase() } : options.category !== undefined ? { kind: 'category', category: options.category.trim() } : { kind: 'default' };
      rule = await setMarkup(store, actor, partnerId, target, parseMarkup(options.markup, '--markup'));
    }
    if (ctx.json) {
      ctx.printJson(resaleRuleJson(rule));
      return;
    }
    const what = rule.kind === 'default' ? 'every product' : rule.kind === 'category' ? `the category "${rule.key}"` : rule.key;
    ctx.out(rule.kind === 'price' ? `${partnerId} resells ${rule.key} at ${formatAmount(rule.price!)} ${rule.currency} per ${PER_TERM[rule.term!]}.` : `${partnerId} resells ${what} at its buy price + ${markupText(rule.markupBp!)} %.`);
  },
});
