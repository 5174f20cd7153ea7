import type { Context } from '../../cli/context.js';
import type { Pbx } from '../../domain/model.js';
import type { QuoteParties } from '../../domain/quoting.js';
import { writeOutput } from '../../export/files.js';
import { writeQuotePdf } from '../../export/quotePdf.js';
import { formatDate } from '../../terms/dates.js';
import type { Quote } from '../../terms/quote.js';

/** Writes a quote or an order confirmation as a PDF, from values: it reads nothing of the store. */
export async function writeQuoteFile(
  ctx: Context,
  what: { title: string; quote: Quote; pbx: Pbx | null; parties: QuoteParties; facts?: string[]; defaultName?: string },
  options: { out?: string; force?: boolean; paper?: 'a4' | 'letter' },
): Promise<void> {
  const { partner, customer } = what.parties;
  const defaultName = what.defaultName ?? `hwaas-quote-${what.pbx?.id ?? what.quote.term}-${formatDate(ctx.today)}.pdf`;
  const target = await ctx.outputTarget(options.out, defaultName);
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
        samplePrices: what.parties.samplePrices,
        sandbox: what.parties.sandbox,
        whatIf: ctx.datePinnedBy !== null,
      },
      options.paper ?? 'a4',
      out,
    ),
  );
  if (written.path === null) return;
  if (ctx.json) ctx.printJson({ file: written.path, bytes: written.bytes });
  else ctx.out(`Wrote ${written.path} (${(written.bytes / 1024).toFixed(1)} KB).`);
}
