import { defineCommand, option } from '../../cli/command.js';
import { checkTarget, outputTarget, writeFile } from '../../cli/output.js';
import { UsageError } from '../../errors.js';
import { orderText } from '../../views/text/orders.js';
import { orderContract } from './changed.js';

export const command = defineCommand({
  description: 'an order, its figures, warnings and history',
  args: { id: { description: 'the order' } },
  options: {
    format: option.choice('--format <format>', "table, json, or pdf: the customer's order confirmation (resale prices)", ['table', 'json', 'pdf'] as const),
    internal: option.flag('--internal', "with --format pdf: the partner's own copy (buy and resale prices, margin, stock warnings)"),
    out: option.string('--out <file>', 'with --format pdf: the file (- for stdout)'),
    paper: option.choice('--paper <size>', 'PDF paper size (default a4)', ['a4', 'letter'] as const),
    force: option.flag('--force', 'replace an existing file'),
  },
  examples: ['hwaas orders show ORD-000001', 'hwaas orders show ORD-000001 --format pdf', 'hwaas orders show ORD-000001 --format pdf --internal'],
  async run(ctx, options, { id }) {
    const format = options.format ?? (ctx.json ? 'json' : 'table');
    if (format !== 'pdf' && (options.out !== undefined || options.paper !== undefined || options.internal)) throw new UsageError('--out, --paper and --internal go with --format pdf.', 'USAGE');
    const cases = await ctx.useCases();
    if (format === 'pdf') {
      // A file named with --out is checked before the document is made; by default the file is named after the order as hwaas writes its ID.
      const named = options.out === undefined ? null : await outputTarget(ctx, options.out, '', '--out', 'pdf', ['pdf']);
      if (named) await checkTarget(named, options.force === true);
      const document = await cases.orders.document({ id, copy: options.internal ? 'internal' : 'customer', paper: options.paper });
      const target = named ?? (await outputTarget(ctx, undefined, document.name, '--out', 'pdf', ['pdf']));
      if (!named) await checkTarget(target, options.force === true);
      const written = await writeFile(ctx, target, options.force === true, document.content);
      for (const warning of document.warnings ?? []) ctx.err(`warning: ${warning}`);
      if (written.path === null) return;
      if (ctx.json) ctx.printJson({ file: written.path, bytes: written.bytes, title: document.title });
      else ctx.out(`Wrote ${document.title} to ${written.path} (${(written.bytes / 1024).toFixed(1)} KB).`);
      return;
    }
    const order = await cases.orders.show({ id });
    if (format === 'json') ctx.printJson(orderContract(order));
    else ctx.out(orderText(ctx.style, order, (iso) => ctx.timeOf(iso)));
  },
});
