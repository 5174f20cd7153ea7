import type { Writable } from 'node:stream';
import { defineCommand, option } from '../cli/command.js';
import { safeJson } from '../cli/report.js';
import { pricelistJson } from '../cli/views.js';
import { UsageError } from '../errors.js';
import { type Pricelist, type PricelistType, loadPricelist, pricelistItems } from '../domain/catalog/pricelist.js';
import { writeAll, writeOutput } from '../export/files.js';
import { pricelistTable } from '../export/pricelistTable.js';
import { formatDate, parseDate } from '../terms/dates.js';
import { TIERS } from '../domain/kernel/model.js';
import { formatAmount, parseCurrency } from '../terms/money.js';

export type PricelistFormat = 'pdf' | 'xlsx' | 'csv' | 'json';

/** Renders a price list in one format onto a stream: shared by the command and the benchmark. */
export async function renderPricelist(
  list: Pricelist,
  format: PricelistFormat,
  out: Writable,
  options: { paper?: 'a4' | 'letter'; bom?: boolean; forTerminal?: boolean; whatIf?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  switch (format) {
    case 'json':
      return writeAll(out, `${safeJson(pricelistJson(list), 2)}\n`);
    case 'csv': {
      const { toCsv } = await import('../export/csv.js');
      const table = pricelistTable(list);
      const rows = table.rows.map((row) => row.map((value) => (typeof value === 'bigint' ? formatAmount(value) : value)));
      return writeAll(out, toCsv(table.header, rows, { bom: options.bom === true, forTerminal: options.forTerminal }));
    }
    case 'xlsx': {
      const { writePricelistXlsx } = await import('../export/xlsx.js');
      return writePricelistXlsx(list, out, options.onProgress);
    }
    case 'pdf': {
      const { writePricelistPdf } = await import('../export/pricelistPdf.js');
      return writePricelistPdf(list, options.paper ?? 'a4', out, options.onProgress, options.whatIf);
    }
  }
}

export const command = defineCommand({
  path: ['pricelist'],
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
    const type: PricelistType = options.type ?? 'opex';
    if (options.bom && format !== 'csv') throw new UsageError('--bom is for --format csv.', 'USAGE');
    if (options.paper && format !== 'pdf') throw new UsageError('--paper is for --format pdf.', 'USAGE');
    const currency = options.currency === undefined ? null : parseCurrency(options.currency, '--currency');
    // --json promises one JSON document on stdout; a CSV, XLSX or PDF there would be another.
    if (ctx.json && options.out === '-' && format !== 'json') throw new UsageError(`--json and --out - with --format ${format} both want stdout: write the ${format} to a file, or leave out --json.`, 'USAGE');
    const list = await loadPricelist(await ctx.store(), await ctx.actor(), {
      type,
      currency,
      tier: options.tier ?? null,
      on: options.on === undefined ? null : parseDate(options.on, '--on'),
      resale: options.resale === true,
    });

    const defaultName = `hwaas-pricelist-${type}-${list.currency}-${options.on ?? formatDate((await ctx.today()))}.${format}`;
    // --json alone prints the JSON price list; with a file format it prints what was written.
    const out = options.out ?? (ctx.json && format === 'json' ? '-' : undefined);
    const target = await ctx.outputTarget(out, defaultName, '--out', format);
    const count = pricelistItems(list).length;
    const showProgress = target.kind === 'file' && ctx.io.stderr.isTTY === true && count > 2000 && !ctx.json;
    const onProgress = showProgress ? (done: number, total: number) => ctx.io.stderr.write(`\r  ${format}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} products…`) : undefined;
    const forTerminal = target.kind === 'stdout' && ctx.io.stdout.isTTY === true;
    const written = await writeOutput(target, ctx.io.stdout, options.force === true, (stream) => renderPricelist(list, format, stream, { paper: options.paper, bom: options.bom, forTerminal, whatIf: ctx.datePinnedBy !== null, onProgress }));
    if (showProgress) ctx.io.stderr.write('\r\u001b[K');
    if (written.path === null) return;
    if (ctx.json) {
      ctx.printJson({ file: written.path, format, type, currency: list.currency, tier: list.tier, validFrom: formatDate(list.validFrom), resale: list.resale, date: formatDate((await ctx.today())), items: count, bytes: written.bytes });
      return;
    }
    ctx.out(
      `Wrote ${written.path}: ${list.resale ? 'your resale' : type === 'opex' ? 'OpEx' : 'CapEx'} price list in ${list.currency}${list.resale ? '' : ` (${list.tier} price book valid from ${formatDate(list.validFrom)})`}, ${count} products, ${(written.bytes / 1024).toFixed(1)} KB.`,
    );
  },
});
