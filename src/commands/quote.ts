import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../cli/context.js';
import { renderExplanation, renderQuote } from '../cli/quoteView.js';
import { RefusedError, UsageError } from '../errors.js';
import { readCatalog } from '../domain/data.js';
import { type QuoteSources, makeQuote, storeQuoteSources } from '../domain/quoting.js';
import { catalogPriceBook, parseItemFlags } from '../domain/pricing.js';
import { compareCase, readQuoteCases, runQuoteCase } from '../domain/quoteCases.js';
import { parseJsonText } from '../domain/validate.js';
import { dataFile } from '../paths.js';
import { parseDate } from '../terms/dates.js';
import { parseCurrency } from '../terms/money.js';
import { explainQuote, quoteToJson } from '../terms/quote.js';
import { parseTerm } from '../terms/term.js';

export interface QuoteOptions {
  pbx?: string;
  term?: string;
  activated?: string;
  item: string[];
  start?: string;
  currency?: string;
  explain?: boolean;
  file?: string;
  check?: boolean;
  format?: string;
  out?: string;
  force?: boolean;
  paper?: 'a4' | 'letter';
}

/** The store when there is one; without one, ad-hoc quotes still work from data/catalog.json (handy in CI). */
async function quoteSources(ctx: Context): Promise<QuoteSources> {
  if (existsSync(ctx.dbPath)) {
    const store = await ctx.store();
    return storeQuoteSources(store, await ctx.scope());
  }
  const catalog = readCatalog(parseJsonText('data/catalog.json', readFileSync(dataFile('catalog.json'), 'utf8')));
  return {
    book: catalogPriceBook(catalog),
    findPbx: () => {
      throw new RefusedError('NO_STORE', `no store at ${ctx.dbPath}: a quote for a named PBX needs one; run \`hwaas init\`, or quote ad hoc with --term and --activated.`);
    },
    currencyOf: () => 'EUR',
  };
}

export async function run(ctx: Context, options: QuoteOptions): Promise<number> {
  if (options.file !== undefined) return runCases(ctx, options);
  if (options.check) throw new UsageError('--check goes with --file CASES.json.', 'USAGE');
  const format = options.format ?? (ctx.json ? 'json' : 'table');
  if (format !== 'pdf' && (options.out !== undefined || options.paper !== undefined)) throw new UsageError('--out and --paper go with --format pdf.', 'USAGE');
  if (options.pbx !== undefined && options.activated !== undefined) {
    throw new UsageError('--activated is for ad-hoc quotes: with --pbx the PBX\'s own activation date is used.', 'USAGE');
  }
  const input = {
    pbx: options.pbx ?? null,
    term: options.term === undefined ? null : parseTerm(options.term),
    activated: options.activated === undefined ? null : parseDate(options.activated, '--activated'),
    start: options.start === undefined ? ctx.today : parseDate(options.start, '--start'),
    currency: options.currency === undefined ? null : parseCurrency(options.currency),
    items: parseItemFlags(options.item),
  };
  const sources = await quoteSources(ctx);
  const { quote, pbx } = makeQuote(sources, input);

  if (format === 'json') {
    ctx.printJson(options.explain ? { ...quoteToJson(quote), explanation: explainQuote(quote) } : quoteToJson(quote));
    return 0;
  }
  if (format === 'pdf') {
    const { writeQuoteFile } = await import('./quote/pdf.js');
    await writeQuoteFile(ctx, { title: 'Quote', quote, pbx }, options);
    return 0;
  }
  const title = pbx ? `Quote for ${pbx.id} (${pbx.name}), customer ${pbx.customer}` : 'Ad-hoc quote';
  ctx.out(renderQuote(ctx.style, quote, title));
  if (options.explain) ctx.out(renderExplanation(quote));
  return 0;
}

/** A cases file is read whole, so it is bounded: /dev/zero or a 10 GB file is refused, not swallowed. */
export const MAX_CASES_BYTES = 128 * 1024 * 1024;

function readCasesFile(file: string, cwd: string): string {
  const tooBig = () => new UsageError(`--file: ${file} is larger than ${MAX_CASES_BYTES / 1024 / 1024} MB, more than a cases file can be; split it into several files.`);
  let fd: number;
  try {
    if (file === '-') fd = 0;
    else {
      const path = resolve(cwd, file);
      const stat = statSync(path);
      if (stat.isDirectory()) throw new UsageError(`--file: ${file} is a folder; give a JSON cases file.`);
      if (stat.isFile() && stat.size > MAX_CASES_BYTES) throw tooBig();
      fd = openSync(path, 'r');
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  // Read in chunks up to the bound, whatever the file claims to be (a device, a pipe, stdin).
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw new UsageError(`--file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      if (read === 0) break;
      total += read;
      if (total > MAX_CASES_BYTES) throw tooBig();
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function runCases(ctx: Context, options: QuoteOptions): Promise<number> {
  if (options.pbx !== undefined || options.term !== undefined || options.activated !== undefined || options.item.length > 0) {
    throw new UsageError('--file takes the quotes from the file: leave out --pbx, --term, --activated and --item.', 'USAGE');
  }
  const text = readCasesFile(options.file!, ctx.io.cwd);
  const cases = readQuoteCases(parseJsonText(options.file!, text, true));
  const sources = await quoteSources(ctx);
  const outcomes = cases.map((c) => runQuoteCase(sources, c, ctx.today));

  if (!options.check) {
    ctx.printJson(outcomes.map((o) => ('quote' in o ? o.quote : { error: o.error })));
    return 0;
  }
  let failed = 0;
  const results = cases.map((c, i) => {
    const outcome = outcomes[i]!;
    const differences = c.expect ? compareCase(outcome, c.expect) : [];
    const passed = c.expect !== null && differences.length === 0;
    if (!passed) failed++;
    return { index: i, name: c.name, passed, differences, ...(c.expect === null ? { reason: 'no "expect" in the case' } : {}) };
  });
  if (ctx.json) {
    ctx.printJson(results);
    return failed > 0 ? 1 : 0;
  }
  const { chalk } = ctx.style;
  const lines: string[] = [];
  for (const result of results) {
    if (result.passed) {
      lines.push(`${chalk.green('✓')} ${result.name}`);
      continue;
    }
    const why = result.reason ? [result.reason] : result.differences.map((d) => `${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.got)}`);
    lines.push(`${chalk.red('✗')} ${result.name}: ${why.join('; ')}`);
  }
  lines.push(`${results.length - failed} passed, ${failed} failed`);
  ctx.out(lines.join('\n'));
  return failed > 0 ? 1 : 0;
}
