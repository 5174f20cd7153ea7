import type { Context } from '../../cli/context.js';
import type { Pbx } from '../../domain/kernel/model.js';
import type { QuoteParties } from '../../domain/quoting/quoting.js';
import { writeOutput } from '../../export/files.js';
import { assertPrintable } from '../../export/fonts.js';
import { type QuoteDocument, writeQuotePdf } from '../../export/quotePdf.js';

export { assertPrintable };

/**
 * Writes a quote or an order confirmation as a PDF. The document is made only once the
 * file can be written (an existing file without --force is refused first), so a quote
 * number is not taken for a file that is never written.
 */
export async function writeQuoteFile(
  ctx: Context,
  defaultName: string,
  document: () => Promise<Omit<QuoteDocument, 'date' | 'whatIf'>>,
  options: { out?: string; force?: boolean; paper?: 'a4' | 'letter' },
): Promise<{ title: string }> {
  // An ID comes from imported data: in a default file name it is only letters, digits, dots and dashes.
  const safeName = defaultName.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '');
  const target = await ctx.outputTarget(options.out, safeName, '--out', 'pdf');
  let title = '';
  let number: string | null = null;
  const written = await writeOutput(target, ctx.io.stdout, options.force === true, async (out) => {
    const made = await document();
    number = made.number ?? null;
    title = made.copy === 'internal' ? `${made.title} (internal copy)` : made.title;
    await writeQuotePdf({ ...made, date: (await ctx.today()), whatIf: ctx.datePinnedBy !== null }, options.paper ?? 'a4', out);
  });
  if (written.path !== null) {
    if (ctx.json) ctx.printJson({ file: written.path, bytes: written.bytes, title, ...(number ? { number } : {}) });
    else ctx.out(`Wrote ${title} to ${written.path} (${(written.bytes / 1024).toFixed(1)} KB).`);
  }
  return { title };
}

/** Who a document is from and for, as the PDF names them (the area manager shows on the internal copy only). */
export function documentParties(parties: QuoteParties, pbx: Pbx | null): Pick<QuoteDocument, 'partner' | 'customer' | 'pbx' | 'samplePrices' | 'sandbox'> {
  const { partner, customer } = parties;
  return {
    partner: partner ? { name: partner.name, areaManager: `${partner.areaManagerName} <${partner.areaManagerEmail}>` } : null,
    customer: customer ? { id: customer.id, name: customer.name } : null,
    pbx: pbx ? { id: pbx.id, name: pbx.name } : null,
    samplePrices: parties.samplePrices,
    sandbox: parties.sandbox,
  };
}
