import type { Context } from '../../cli/context.js';
import { listFormat, parseWholeNumber, printListing } from '../../cli/listing.js';
import { NotFoundError } from '../../errors.js';
import { type PbxJson, expiresWithin, pbxState, pbxToJson } from '../../domain/pbx.js';
import type { Pbx } from '../../domain/model.js';
import { parseLicense } from '../../terms/term.js';

/** A PBX with its period on "today", computed once per row. */
interface Row {
  readonly pbx: Pbx;
  readonly view: PbxJson;
}

export async function run(ctx: Context, options: { customer?: string; term?: string; expiringWithin?: string; format?: string }): Promise<void> {
  const format = listFormat(ctx, options.format);
  const license = options.term === undefined ? null : parseLicense(options.term, '--term');
  const within = parseWholeNumber(options.expiringWithin, '--expiring-within', 0, 36_600);
  const store = await ctx.store();
  const scope = await ctx.scope();
  if (options.customer !== undefined && !store.customers.get(scope, options.customer)) throw new NotFoundError('customer', options.customer);
  let rows: Row[] = store.pbxs.list(scope, { customer: options.customer, license }).map((pbx) => ({ pbx, view: pbxToJson(pbx, ctx.today) }));
  if (within !== undefined) {
    rows = rows.filter((r) => expiresWithin(r.pbx, ctx.today, within));
    // The renewal calendar reads best soonest first.
    rows.sort((a, b) => (a.view.expiresOn ?? '').localeCompare(b.view.expiresOn ?? '') || a.pbx.id.localeCompare(b.pbx.id));
  }
  await printListing(ctx, format, rows, {
    columns: [
      { header: 'PBX', value: (r: Row) => r.pbx.id },
      { header: 'Name', value: (r) => r.pbx.name },
      { header: 'Customer', value: (r) => r.pbx.customer },
      { header: 'Type', value: (r) => r.pbx.type },
      { header: 'Licence', value: (r) => r.pbx.license },
      { header: 'Activated', value: (r) => r.view.activated },
      { header: 'Period start', value: (r) => r.view.periodStart ?? '' },
      { header: 'Expires', value: (r) => r.view.expiresOn ?? '' },
      { header: 'State', value: (r) => pbxState(r.pbx, ctx.today) },
    ],
    toJson: (r) => r.view,
    keys: ['id', 'name', 'customer', 'partner', 'type', 'license', 'activated', 'cancelledOn', 'periodStart', 'expiresOn'],
    empty: within !== undefined ? `No PBX expires within ${within} days of today.` : 'No PBXs match.',
  });
}
