import type { Context } from '../../cli/context.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { NotFoundError } from '../../errors.js';
import type { Pbx } from '../../domain/model.js';
import { expiresWithin, pbxState, pbxToJson } from '../../domain/pbx.js';
import { parseLicense } from '../../terms/term.js';

export async function run(ctx: Context, options: { customer?: string; term?: string; expiringWithin?: string; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const license = options.term === undefined ? null : parseLicense(options.term, '--term');
  const within = parseWholeNumber(options.expiringWithin, '--expiring-within', 0, 36_600);
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (options.customer !== undefined && !store.customers.get(scope, options.customer)) throw new NotFoundError('customer', options.customer);
  let pbxs = store.pbxs.list(scope, { customer: options.customer, license });
  if (within !== undefined) {
    pbxs = pbxs.filter((p) => expiresWithin(p, ctx.today, within));
    // The renewal calendar reads best soonest first.
    pbxs.sort((a, b) => (pbxToJson(a, ctx.today).expiresOn ?? '').localeCompare(pbxToJson(b, ctx.today).expiresOn ?? '') || a.id.localeCompare(b.id));
  }
  await printListing(ctx, format, pbxs, {
    columns: [
      { header: 'PBX', value: (p: Pbx) => p.id },
      { header: 'Name', value: (p) => p.name },
      { header: 'Customer', value: (p) => p.customer },
      { header: 'Type', value: (p) => p.type },
      { header: 'Licence', value: (p) => p.license },
      { header: 'Activated', value: (p) => pbxToJson(p, ctx.today).activated },
      { header: 'Period start', value: (p) => pbxToJson(p, ctx.today).periodStart ?? '' },
      { header: 'Expires', value: (p) => pbxToJson(p, ctx.today).expiresOn ?? '' },
      { header: 'State', value: (p) => pbxState(p, ctx.today) },
    ],
    toJson: (p) => pbxToJson(p, ctx.today),
    keys: ['id', 'name', 'customer', 'partner', 'type', 'license', 'activated', 'cancelledOn', 'periodStart', 'expiresOn'],
    empty: within !== undefined ? `No PBX expires within ${within} days of today.` : 'No PBXs match.',
  });
}
