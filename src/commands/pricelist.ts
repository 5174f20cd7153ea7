import { resultOf } from '../app/usecases.js';
import { defineCommand, option } from '../cli/command.js';
import { checkTarget, outputTarget, writeFile } from '../cli/output.js';
import { safeJson } from '../cli/report.js';
import { RefusedError, UsageError } from '../errors.js';
import { TIERS } from '../domain/kernel/model.js';
import { escapeUnsafe } from '../domain/kernel/text.js';

export type PricelistFormat = 'pdf' | 'xlsx' | 'csv' | 'json';

export const command = defineCommand({
  description: 'the OpEx (HWaaS) or CapEx price list as PDF, Excel, CSV or JSON',
  options: {
    type: option.choice('--type <type>', 'opex: per term, as a service; capex: purchase', ['opex', 'capex'] as const),
    format: option.choice('--format <format>', 'file format (default pdf; json with --json)', ['pdf', 'xlsx', 'csv', 'json'] as const),
    currency: option.string('--currency <code>', "an ISO 4217 code, e.g. EUR, GBP, USD (default: your partner's currency; EUR for staff)"),
    tier: option.choice('--tier <tier>', "staff: the price book's tier (default: the partner's; reseller for staff)", TIERS),
    on: option.string('--on <YYYY-MM-DD>', 'the price book version in force on this date (default: today)'),
    resale: option.flag('--resale', "a partner's own list for its customers: its resale prices only"),
    paper: option.choice('--paper <size>', 'PDF paper size (default a4)', ['a4', 'letter'] as const),
    out: option.string('--out <file>', 'where to write; - for stdout (default hwaas-pricelist-<type>-<currency>-<date>.<ext>)'),
    force: option.flag('--force', 'replace an existing file'),
    bom: option.flag('--bom', 'CSV: start with a UTF-8 byte-order mark, for Excel'),
  },
  examples: [
    'hwaas pricelist',
    'hwaas pricelist --format xlsx --currency GBP',
    'hwaas pricelist --type capex --format csv --out - | head',
    'hwaas pricelist --json > pricelist.json',
    'hwaas --as USR-101 pricelist --tier gold --on 2027-01-01 --format csv --out -',
    'hwaas pricelist --resale --format pdf --out my-prices.pdf',
  ],
  async run(ctx, options) {
    // Without --format, a file name that says pdf, xlsx, csv or json says the format.
    const named = options.out !== undefined && options.out !== '-' ? /\.(pdf|xlsx|csv|json)$/i.exec(options.out)?.[1]?.toLowerCase() : undefined;
    const format: PricelistFormat = options.format ?? (named as PricelistFormat | undefined) ?? (ctx.json ? 'json' : 'pdf');
    if (options.bom && format !== 'csv') throw new UsageError('--bom is for --format csv.', 'USAGE');
    if (options.paper && format !== 'pdf') throw new UsageError('--paper is for --format pdf.', 'USAGE');
    // --json promises one JSON document on stdout; a CSV, XLSX or PDF there would be another.
    if (ctx.json && options.out === '-' && format !== 'json')
      throw new UsageError(`--json and --out - with --format ${format} both want stdout: write the ${format} to a file, or leave out --json.`, 'USAGE');
    const cases = await ctx.useCases();
    const asked = { type: options.type, currency: options.currency, tier: options.tier, on: options.on, resale: options.resale === true };
    // --json alone prints the JSON price list; with a file format it prints what was written.
    const out = options.out ?? (ctx.json && format === 'json' ? '-' : undefined);
    let content: Uint8Array;
    let name: string;
    let summary: { type: string; currency: string; tier: string; validFrom: string; resale: boolean; date: string; items: number };
    if (format === 'json') {
      const list = await cases.pricelist.get(asked);
      content = Buffer.from(`${safeJson(list, 2)}\n`, 'utf8');
      name = `hwaas-pricelist-${list.resale ? 'resale-' : ''}${list.type}-${list.currency}-${list.date}.json`;
      summary = { ...list, tier: list.tier ?? 'resale', items: list.items.length };
    } else {
      const target = await outputTarget(ctx, out, 'hwaas-pricelist.pdf', '--out', format);
      await checkTarget(target, options.force === true);
      const showProgress = target.kind === 'file' && ctx.io.stderr.isTTY === true && !ctx.json;
      const made = await resultOf(cases.pricelist.document({ ...asked, format, paper: options.paper, bom: options.bom }), (p) => {
        if (showProgress && p.total !== null && p.total > 2000) ctx.io.stderr.write(`\r  ${format}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} products…`);
      });
      if (showProgress) ctx.io.stderr.write('\r\u001b[K');
      content = made.document.content;
      for (const warning of made.document.warnings ?? []) ctx.err(`warning: ${warning}`);
      name = made.document.name;
      summary = made.list;
    }
    const target = await outputTarget(ctx, out, name, '--out', format);
    // --force replaces a price list of the same kind only: a resale list never over the cost list, nor the other way.
    if (target.kind === 'file' && options.force) {
      const { pricelistKindOf } = await import('../export/pricelistKind.js');
      const found = await pricelistKindOf(target.path);
      const making = summary.resale ? 'resale' : 'cost';
      if (found !== null && found !== making) {
        throw new RefusedError(
          'EXISTS',
          `${target.path} is your ${found === 'resale' ? 'resale price list (for customers)' : 'confidential cost price list'}; --force replaces only a ${making === 'resale' ? 'resale' : 'cost'} price list: write this one under another name.`,
        );
      }
    }
    // A CSV on a terminal shows no control character of the data raw: a stored name cannot drive the terminal.
    if (format === 'csv' && target.kind === 'stdout' && ctx.io.stdout.isTTY === true) {
      content = Buffer.from(Buffer.from(content).toString('utf8').split('\r\n').map(escapeUnsafe).join('\r\n'), 'utf8');
    }
    const written = await writeFile(ctx, target, options.force === true, content);
    if (written.path === null) return;
    if (ctx.json) {
      ctx.printJson({
        file: written.path,
        format,
        type: summary.type,
        currency: summary.currency,
        tier: summary.tier,
        validFrom: summary.validFrom,
        resale: summary.resale,
        date: summary.date,
        items: summary.items,
        bytes: written.bytes,
      });
      return;
    }
    const type = summary.type === 'opex' ? 'OpEx' : 'CapEx';
    ctx.out(
      `Wrote ${written.path}: ${summary.resale ? 'your price list for customers (resale prices)' : `${type} cost price list (confidential: what you pay Wildix, not for customers)`} in ${summary.currency}${summary.resale ? '' : ` (${summary.tier} price book valid from ${summary.validFrom})`}, ${summary.items} products, ${(written.bytes / 1024).toFixed(1)} KB.`,
    );
  },
});
