import { resolve } from 'node:path';
import { defineCommand, option } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { errorText } from '../cli/hints.js';
import { parseItemFlags } from '../cli/items.js';
import { checkTarget, outputTarget, writeFile } from '../cli/output.js';
import { UsageError } from '../errors.js';
import { TIERS } from '../domain/kernel/model.js';
import { parseDate } from '../terms/dates.js';
import { formatAmount, parseCurrency } from '../terms/money.js';
import { parseTerm } from '../terms/term.js';
import type { CaseOutcomeJson } from '../views/json/quotes.js';
import { caseChecksText, quoteResultText } from '../views/text/quotes.js';

/** How long a customer's quote holds, in days. */
function parseValidDays(text: string | undefined): number {
  if (text === undefined) return 30;
  const days = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(days >= 1 && days <= 365)) throw new UsageError(`--valid-days: "${text}" is not a number of days from 1 to 365.`);
  return days;
}

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
    const validDays = opts.internal ? null : parseValidDays(opts.validDays);
    if (opts.pbx !== undefined && opts.activated !== undefined) {
      throw new UsageError("--activated is for ad-hoc quotes: with --pbx the PBX's own activation date is used.", 'USAGE');
    }
    // Every flag is checked here first, so that a mistake names its flag.
    const term = opts.term === undefined ? null : parseTerm(opts.term, '--term');
    if (opts.activated !== undefined) parseDate(opts.activated, '--activated');
    if (opts.start !== undefined) parseDate(opts.start, '--start');
    if (opts.currency !== undefined) parseCurrency(opts.currency, '--currency');
    const items = parseItemFlags(opts.item).map((i) => ({ sku: i.sku, qty: i.qty, price: i.price === null ? null : formatAmount(i.price) }));
    if (opts.pbx === undefined) {
      if (term === null) throw new UsageError('missing --term: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
      if (opts.activated === undefined) throw new UsageError('missing --activated: an ad-hoc quote needs --term and --activated (or name a PBX with --pbx).', 'USAGE');
    }
    const input = { pbx: opts.pbx, term, activated: opts.activated, start: opts.start, currency: opts.currency, tier: opts.tier, items };
    const cases = await ctx.useCases();

    if (format === 'pdf') {
      // The file is checked before anything is made: a quote's number is not taken for a file never written.
      const stem = `hwaas-quote-${(opts.pbx ?? term ?? 'quote').replace(/[^\p{L}\p{N}._-]+/gu, '_')}-${await cases.today()}`;
      const target = await outputTarget(ctx, opts.out, `${stem}${opts.internal ? '-internal' : ''}.pdf`, '--out', 'pdf', ['pdf']);
      await checkTarget(target, opts.force === true);
      const document = await cases.quotes.document({ ...input, copy: opts.internal ? 'internal' : 'customer', validDays, paper: opts.paper });
      const written = await writeFile(ctx, target, opts.force === true, document.content);
      for (const warning of document.warnings ?? []) ctx.err(`warning: ${warning}`);
      if (written.path !== null) {
        if (ctx.json) ctx.printJson({ file: written.path, bytes: written.bytes, title: document.title, ...(document.number ? { number: document.number } : {}) });
        else ctx.out(`Wrote ${document.title} to ${written.path} (${(written.bytes / 1024).toFixed(1)} KB).`);
      }
      if (document.number && !ctx.json) ctx.err(`Recorded as ${document.number}: \`hwaas quotes show ${document.number}\` finds it.`);
      return 0;
    }
    const side = opts.side ?? 'both';
    const result = await cases.quotes.make({ ...input, explain: opts.explain ? (side === 'sell' ? 'sell' : 'buy') : null });
    if (format === 'json') {
      ctx.printJson(opts.explain ? { ...result.quote, explanation: result.explanation } : result.quote);
      return 0;
    }
    ctx.out(quoteResultText(ctx.style, result, side));
    return 0;
  },
});

/** A cases file is read whole, so it is bounded: /dev/zero or a 10 GB file is refused, not swallowed. */
export const MAX_CASES_BYTES = 128 * 1024 * 1024;

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
  const text = await readCasesFile(ctx, file);
  const { outcomes, checks } = await (await ctx.useCases()).quotes.cases({ text, name: file, check: opts.check === true });
  if (!checks) {
    // A refusal says its sentence with its hint, as the command line says every error.
    ctx.printJson(
      outcomes.map((o: CaseOutcomeJson) =>
        'error' in o ? { error: { code: o.error.code, message: errorText({ message: o.error.message, hint: o.error.hint, also: o.error.also ?? [], aboutStoreLocation: false }) } } : o,
      ),
    );
    return 0;
  }
  const failed = checks.filter((c) => !c.passed).length;
  if (ctx.json) ctx.printJson(checks);
  else ctx.out(caseChecksText(ctx.style, checks));
  return failed > 0 ? 1 : 0;
}
