import type { Writable } from 'node:stream';
import type { Context } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { type Pricelist, type PricelistType, buildPricelist, pricelistItems, pricelistTable, pricelistToJson } from '../domain/pricelist.js';
import { formatDate } from '../terms/dates.js';
import { type Currency, formatAmount, parseCurrency } from '../terms/money.js';
import { outputTarget, writeAll, writeOutput } from '../export/files.js';

export type PricelistFormat = 'pdf' | 'xlsx' | 'csv' | 'json';

export interface PricelistOptions {
  type?: PricelistType;
  format?: PricelistFormat;
  currency?: string;
  paper?: 'a4' | 'letter';
  out?: string;
  force?: boolean;
  bom?: boolean;
}

/** Renders a price list in one format onto a stream: shared by the command and the benchmark. */
export async function renderPricelist(
  list: Pricelist,
  format: PricelistFormat,
  out: Writable,
  options: { paper?: 'a4' | 'letter'; bom?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  switch (format) {
    case 'json':
      return writeAll(out, `${JSON.stringify(pricelistToJson(list), null, 2)}\n`);
    case 'csv': {
      const { toCsv } = await import('../export/csv.js');
      const table = pricelistTable(list);
      const rows = table.rows.map((row) => row.map((value) => (typeof value === 'bigint' ? formatAmount(value) : value)));
      return writeAll(out, toCsv(table.header, rows, { bom: options.bom === true }));
    }
    case 'xlsx': {
      const { writePricelistXlsx } = await import('../export/xlsx.js');
      return writePricelistXlsx(list, out, options.onProgress);
    }
    case 'pdf': {
      const { writePricelistPdf } = await import('../export/pricelistPdf.js');
      return writePricelistPdf(list, options.paper ?? 'a4', out, options.onProgress);
    }
  }
}

export async function run(ctx: Context, options: PricelistOptions): Promise<void> {
  const format: PricelistFormat = options.format ?? (ctx.json ? 'json' : 'pdf');
  const type: PricelistType = options.type ?? 'opex';
  if (options.bom && format !== 'csv') throw new UsageError('--bom is for --format csv.', 'USAGE');
  if (options.paper && format !== 'pdf') throw new UsageError('--paper is for --format pdf.', 'USAGE');
  const requestedCurrency = options.currency === undefined ? null : parseCurrency(options.currency);

  const store = await ctx.store();
  const user = await ctx.user();
  const partner = user.partner ? store.parties.partner(user.partner) : null;
  const currency: Currency = requestedCurrency ?? partner?.currency ?? 'EUR';
  const list = buildPricelist(store.catalog.products(), store.catalog.prices(currency), {
    type,
    currency,
    date: ctx.today,
    partner: partner ? { id: partner.id, name: partner.name } : null,
    samplePrices: store.parties.setting('sample_prices') === '1',
    sandbox: store.parties.setting('mode') === 'sandbox',
  });

  const defaultName = `hwaas-pricelist-${type}-${currency}-${formatDate(ctx.today)}.${format}`;
  // --json alone prints the JSON price list; with a file format it prints what was written.
  const out = options.out ?? (ctx.json && format === 'json' ? '-' : undefined);
  const target = outputTarget(out, defaultName, ctx.io.cwd);
  const count = pricelistItems(list).length;
  const showProgress = target.kind === 'file' && ctx.io.stderr.isTTY === true && count > 2000 && !ctx.json;
  const onProgress = showProgress ? (done: number, total: number) => ctx.io.stderr.write(`\r  ${format}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} products…`) : undefined;
  const written = await writeOutput(target, ctx.io.stdout, options.force === true, (stream) => renderPricelist(list, format, stream, { paper: options.paper, bom: options.bom, onProgress }));
  if (showProgress) ctx.io.stderr.write('\r\u001b[K');
  if (written.path === null) return;
  if (ctx.json) {
    ctx.printJson({ file: written.path, format, type, currency, date: formatDate(ctx.today), items: count, bytes: written.bytes });
    return;
  }
  ctx.out(`Wrote ${written.path}: ${type === 'opex' ? 'OpEx' : 'CapEx'} price list in ${currency}, ${count} products, ${(written.bytes / 1024).toFixed(1)} KB.`);
}
