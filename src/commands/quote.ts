import { resolve } from 'node:path';
import { defineCommand, option } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { parseItemFlags } from '../cli/items.js';
import { renderExplanation, renderQuote } from '../cli/quoteView.js';
import { caseOutcomeJson, compareCase, quoteJson } from '../cli/views.js';
import { RefusedError, UsageError } from '../errors.js';
import { type Actor, type BookLine, TIERS } from '../domain/kernel/model.js';
import { cachedBooks } from '../domain/catalog/pricebooks.js';
import type { Store } from '../domain/kernel/port.js';
import { type CaseOutcome, readQuoteCases, runQuoteCase } from '../domain/quoting/quoteCases.js';
import { type QuoteInput, type QuoteSources, makeQuote, quoteParties, storeQuoteSources } from '../domain/quoting/quoting.js';
import { parseValidDays, recordQuote, requireCustomerSide } from '../domain/quoting/quotes.js';
import { MAX_NESTING, checkJsonShape, parseJsonText } from '../domain/kernel/validate.js';
import { formatDate, parseDate } from '../terms/dates.js';
import { parseCurrency } from '../terms/money.js';
import { explainQuote } from '../terms/quote.js';
import { parseTerm } from '../terms/term.js';

const options = {
  pbx: option.string('--pbx <id>', 'quote for this PBX (its term, activation and partner currency)'),
  term: option.string('--term <term>', 'monthly|yearly|five-year (1m, 1y, 5y): ad hoc with --activated, or a check against --pbx'),
  activated: option.string('--activated <YYYY-MM-DD>', 'activation date of an ad-hoc PBX'),
  item: option.list('--item <SKU=QTY[@PRICE]>', 'a product and quantity, optionally a negotiated price per term; repeat it'),
  start: option.string('--start <YYYY-MM-DD>', 'when the services start (default: today)'),
  currency: option.string('--currency <code>', "an ISO 4217 code, e.g. EUR (default: the PBX partner's; EUR ad hoc)"),
  tier: option.choice('--tier <tier>', 'the price book of an ad-hoc quote without a partner (staff; default reseller)', TIERS),
  side: option.choice('--side <side>', "the table's sides: buy (what the partner pays), sell (its resale), both (default)", ['buy', 'sell', 'both'] as const),
  explain: option.flag('--explain', 'show the arithmetic of each line'),
  file: option.string('--file <cases.json>', 'many quotes from a file (see "Quotes in CI" in the README); - reads stdin'),
  check: option.flag('--check', 'with --file: compare each case with its "expect"; exit 1 if any fails'),
  format: option.choice('--format <format>', "output format: table, json, or pdf: the customer's quote, numbered and recorded", ['table', 'json', 'pdf'] as const),
  internal: option.flag('--internal', "with --format pdf: the partner's own copy (buy and resale prices, margin), not numbered"),
  validDays: option.string('--valid-days <days>', "with --format pdf: how long the customer's quote holds (default 30)"),
  out: option.string('--out <file>', 'with --format pdf: the file (- for stdout; default hwaas-quote-<pbx>-<date>.pdf)'),
  paper: option.choice('--paper <size>', 'PDF paper size (default a4)', ['a4', 'letter'] as const),
  force: option.flag('--force', 'replace an existing file'),
};

export const command = defineCommand({
  path: ['quote'],
  description: 'what an order will cost: co-terminated with the PBX, prorated to the cent',
  options,
  examples: [
    'hwaas quote --pbx PBX-1001 --item CLASSOUND-FLAT-S=1 --item WP480G=5',
    'hwaas quote --term yearly --activated 2020-05-01 --start 2020-08-01 --item CLASSOUND-FLAT-S=1@120.00 --explain',
    'HWAAS_TODAY=2026-11-24 hwaas quote --pbx PBX-1001 --item WP480G=2 --json',
    'hwaas quote --file quotes.json --check',
    'hwaas --as USR-101 quote --tier gold --term yearly --activated 2026-01-15 --item WP480G=10 --side buy',
    'hwaas quote --pbx PBX-1001 --item WP480G=5 --format pdf --out quote-mueller.pdf',
  ],
  async run(ctx, opts) {
    if (opts.file !== undefined) return runCases(ctx, opts.file, opts);
    if (opts.check) throw new UsageError('--check goes with --file CASES.json.', 'USAGE');
    const format = opts.format ?? (ctx.json ? 'json' : 'table');
    if (format !== 'pdf' && (opts.out !== undefined || opts.paper !== undefined || opts.internal || opts.validDays !== undefined)) {
      throw new UsageError('--out, --paper, --internal and --valid-days go with --format pdf.', 'USAGE');
    }
    if (opts.internal && opts.validDays !== undefined) throw new UsageError("--valid-days is for the customer's quote; the internal copy is not sent.", 'USAGE');
    const validDays = parseValidDays(opts.validDays);
    if (opts.pbx !== undefined && opts.activated !== undefined) {
      throw new UsageError("--activated is for ad-hoc quotes: with --pbx the PBX's own activation date is used.", 'USAGE');
    }
    const term = opts.term === undefined ? null : parseTerm(opts.term, '--term');
    const activated = opts.activated === undefined ? null : parseDate(opts.activated, '--activated');
    const common = {
      start: opts.start === undefined ? (await ctx.today()) : parseDate(opts.start, '--start'),
      currency: opts.currency === undefined ? null : parseCurrency(opts.currency, '--currency'),
      tier: opts.tier ?? null,
      items: parseItemFlags(opts.item),
    };
    let input: QuoteInput;
    if (opts.pbx !== undefined) input = { ...common, pbx: opts.pbx, term };
    else {
      if (term === null) throw new UsageError('missing --term: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
      if (activated === null) throw new UsageError('missing --activated: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
      input = { ...common, term, activated };
    }
    const { store, actor, sources } = await quoteSources(ctx);
    // The customer's quote is recorded: on a live store it is issued today, as any write.
    if (format === 'pdf' && !opts.internal && store) await ctx.requireRealDateForWrite();
    const quoted = await makeQuote(sources, input);
    const { quote, pbx, tier, book } = quoted;

    if (format === 'json') {
      ctx.printJson(opts.explain ? { ...quoteJson(quote), explanation: explainQuote(quote) } : quoteJson(quote));
      return 0;
    }
    if (format === 'pdf') {
      const { assertPrintable, documentParties, writeQuoteFile } = await import('./quote/pdf.js');
      const base = { quote, ...documentParties(await quoteParties(store, actor, pbx), pbx) };
      const name = pbx?.id ?? quote.term;
      if (opts.internal) {
        await writeQuoteFile(ctx, `hwaas-quote-${name}-${formatDate((await ctx.today()))}-internal.pdf`, async () => ({ ...base, copy: 'internal', title: 'Quote' }), opts);
        return 0;
      }
      requireCustomerSide(quoted);
      // A what-if price is the partner's to try, not to send: the customer's quote is priced from the book.
      if (actor?.scope.kind === 'partner' && input.items.some((i) => i.price !== null)) {
        throw new UsageError("a quote sent to a customer is priced from your price book and resale prices: leave out @PRICE (set a resale price with `hwaas resale set --sku SKU --term TERM --price AMOUNT`), or write --internal.", 'USAGE');
      }
      if (!store || !actor) throw new RefusedError('NO_STORE', `no store at ${ctx.dbPath}: a quote for a customer is numbered and recorded in the store; run \`hwaas init\`, or write --internal.`);
      const facts = { tier, book: book ? formatDate(book.validFrom) : null };
      // A name the PDF cannot print is refused before a number is taken.
      assertPrintable([base.partner?.name, base.customer?.name, base.pbx?.name, ...quote.lines.map((l) => l.name)]);
      const target = await writeQuoteFile(ctx, `hwaas-quote-${name}-${formatDate((await ctx.today()))}.pdf`, async () => {
        const record = await recordQuote(store, actor, quoted, validDays, (number, validUntil) =>
          JSON.stringify({ number, validUntil: formatDate(validUntil), partner: quoted.partner!.id, customer: base.customer, pbx: base.pbx, priceBook: facts, quote: quoteJson(quote) }),
        );
        return { ...base, copy: 'customer', title: `Quote ${record.number}`, number: record.number, validUntil: record.validUntil };
      }, opts);
      if (!ctx.json) ctx.err(`Recorded as ${target.title.slice('Quote '.length)}: \`hwaas quotes show ${target.title.slice('Quote '.length)}\` finds it.`);
      return 0;
    }
    const title = pbx ? `Quote for ${pbx.id} (${pbx.name}), customer ${pbx.customer}` : 'Ad-hoc quote';
    ctx.out(renderQuote(ctx.style, quote, title, opts.side ?? 'both'));
    if (opts.side !== 'sell') ctx.out(book ? `Prices: the ${tier} ${quote.currency} price book valid from ${formatDate(book.validFrom)}.` : `Prices: as given on each line (no ${tier} ${quote.currency} price book is in force on ${formatDate(quote.start)}).`);
    if (opts.explain) ctx.out(renderExplanation(quote, opts.side ?? 'both'));
    return 0;
  },
});

/** The store when there is one; without one, ad-hoc quotes still work from the sample price books in data/pricebooks (handy in CI). */
async function quoteSources(ctx: Context): Promise<{ store: Store | null; actor: Actor | null; sources: QuoteSources }> {
  const store = await ctx.storeIfAny();
  if (store) {
    const actor = await ctx.actor();
    return { store, actor, sources: await storeQuoteSources(store, actor.scope) };
  }
  const noStore = () => new RefusedError('NO_STORE', `no store at ${ctx.dbPath}: a quote for a named PBX needs one; run \`hwaas init\`, or quote ad hoc with --term and --activated.`);
  const { sampleBooks, readSampleBook } = await import('../import/samples.js');
  const samples = sampleBooks();
  const read = new Map<string, Promise<BookLine[]>>();
  const linesOf = (book: (typeof samples)[number]) => {
    if (!read.has(book.file)) read.set(book.file, readSampleBook(book));
    return read.get(book.file)!;
  };
  const books = cachedBooks(
    async () => [...new Map((await Promise.all(samples.map(linesOf))).flat().map((l) => [l.sku, l])).values()],
    async (tier, currency) => samples.filter((b) => b.key.tier === tier && b.key.currency === currency).map((b) => b.key.validFrom),
    (key) => linesOf(samples.find((b) => b.key.tier === key.tier && b.key.currency === key.currency && b.key.validFrom === key.validFrom)!),
  );
  return {
    store: null,
    actor: null,
    sources: { books, findPbx: () => Promise.reject(noStore()), partner: async () => null, actingPartner: null, resale: () => Promise.reject(noStore()) },
  };
}

/** A cases file is read whole, so it is bounded: /dev/zero or a 10 GB file is refused, not swallowed. */
export const MAX_CASES_BYTES = 128 * 1024 * 1024;
/** And what it holds: a million cases is ten times what CI needs, and fits in memory. */
const MAX_CASES = 1_000_000;

/** The cases file, read whole within its bounds: a device or kernel file is refused, a silent pipe ends, a terminal is waited for. */
async function readCasesFile(ctx: Context, file: string): Promise<string> {
  const tooBig = () => new UsageError(`--file: ${file} is larger than ${MAX_CASES_BYTES / 1024 / 1024} MB, more than a cases file can be; split it into several files.`);
  const { createReadStream } = await import('node:fs');
  const { readAllBounded, readablePath, quietInput, refuseDeviceStdin } = await import('../import/bounded.js');
  const quiet = () => quietInput(`--file ${file === '-' ? '- (standard input)' : file}`, '`hwaas quote --file - < cases.json`');
  try {
    if (file === '-') {
      refuseDeviceStdin(ctx.io.stdin, '--file - (standard input)', 'JSON cases file');
      return (await readAllBounded(ctx.io.stdin, { maxBytes: MAX_CASES_BYTES, tooBig, quiet, waitForever: ctx.io.stdinIsTTY })).toString('utf8');
    }
    const path = resolve(ctx.io.cwd, file);
    const { kind, size } = await readablePath(path, `--file: ${file}`, 'JSON cases file');
    if (kind === 'file' && size > MAX_CASES_BYTES) throw tooBig();
    return (await readAllBounded(createReadStream(path), { maxBytes: MAX_CASES_BYTES, tooBig, quiet, waitForever: kind === 'file' })).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

async function runCases(ctx: Context, file: string, opts: { pbx?: string; term?: string; activated?: string; item: string[]; check?: boolean }): Promise<number> {
  if (opts.pbx !== undefined || opts.term !== undefined || opts.activated !== undefined || opts.item.length > 0) {
    throw new UsageError('--file takes the quotes from the file: leave out --pbx, --term, --activated and --item.', 'USAGE');
  }
  // A byte-order mark (Windows editors write one) is not part of the JSON.
  const text = (await readCasesFile(ctx, file)).replace(/^\uFEFF/, '');
  checkJsonShape(file, text, { maxItems: MAX_CASES, maxValues: MAX_CASES * 20, maxDepth: MAX_NESTING, item: 'case' });
  const cases = readQuoteCases(parseJsonText(file, text, true));
  const { sources } = await quoteSources(ctx);
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) outcomes.push(await runQuoteCase(sources, c, (await ctx.today())));

  if (!opts.check) {
    ctx.printJson(outcomes.map(caseOutcomeJson));
    return 0;
  }
  let failed = 0;
  const results = cases.map((c, i) => {
    const differences = c.expect ? compareCase(outcomes[i]!, c.expect) : [];
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
