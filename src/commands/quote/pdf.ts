import { existsSync } from 'node:fs';
import type { Context } from '../../cli/context.js';
import type { Pbx } from '../../domain/model.js';
import { outputTarget, writeOutput } from '../../export/files.js';
import { writeQuotePdf } from '../../export/quotePdf.js';
import { formatDate } from '../../terms/dates.js';
import type { Quote } from '../../terms/quote.js';

/** Writes a quote or an order confirmation as a PDF, with the partner and customer from the store. */
export async function writeQuoteFile(
  ctx: Context,
  what: { title: string; quote: Quote; pbx: Pbx | null; facts?: string[]; defaultName?: string },
  options: { out?: string; force?: boolean; paper?: 'a4' | 'letter' },
): Promise<void> {
  // An ad-hoc quote can be made without a store (prices from data/); then it names no partner.
  const store = existsSync(ctx.dbPath) ? await ctx.store() : null;
  const scope = store ? await ctx.scope() : null;
  const partnerId = what.pbx?.partner ?? (store ? (await ctx.user()).partner : null);
  const partner = store && partnerId ? store.parties.partner(partnerId) : null;
  const customer = store && scope && what.pbx ? store.customers.get(scope, what.pbx.customer) : null;
  const defaultName = what.defaultName ?? `hwaas-quote-${what.pbx?.id ?? what.quote.term}-${formatDate(ctx.today)}.pdf`;
  const target = outputTarget(options.out, defaultName, ctx.io.cwd);
  const written = await writeOutput(target, ctx.io.stdout, options.force === true, (out) =>
    writeQuotePdf(
      {
        title: what.title,
        quote: what.quote,
        date: ctx.today,
        partner: partner ? { name: partner.name, areaManager: `${partner.areaManagerName} <${partner.areaManagerEmail}>` } : null,
        customer: customer ? { id: customer.id, name: customer.name } : null,
        pbx: what.pbx ? { id: what.pbx.id, name: what.pbx.name } : null,
        facts: what.facts,
        samplePrices: store ? store.parties.setting('sample_prices') === '1' : true,
        sandbox: store ? store.parties.setting('mode') === 'sandbox' : false,
      },
      options.paper ?? 'a4',
      out,
    ),
  );
  if (written.path === null) return;
  if (ctx.json) ctx.printJson({ file: written.path, bytes: written.bytes });
  else ctx.out(`Wrote ${written.path} (${(written.bytes / 1024).toFixed(1)} KB).`);
}
