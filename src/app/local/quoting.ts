import { RefusedError, UsageError, restated } from '../../errors.js';
import { idFilter, idOf, optionalId } from './ids.js';
import type { Actor, BookLine } from '../../domain/kernel/model.js';
import type { Store } from '../../domain/kernel/port.js';
import { MAX_NESTING, checkJsonShape, parseJsonText } from '../../domain/kernel/validate.js';
import { type RequestedItem, mergeItems, parseQty, parseUnitPrice } from '../../domain/catalog/items.js';
import { cachedBooks } from '../../domain/catalog/pricebooks.js';
import { type CaseOutcome, readQuoteCases, runQuoteCase } from '../../domain/quoting/quoteCases.js';
import { type QuoteInput as DomainQuoteInput, type QuoteSources, makeQuote, quoteParties, storeQuoteSources } from '../../domain/quoting/quoting.js';
import { decideQuote, listQuotes, recordQuote, requireCustomerSide, showQuote } from '../../domain/quoting/quotes.js';
import { type CalendarDate, formatDate, parseDate } from '../../terms/dates.js';
import { parseCurrency } from '../../terms/money.js';
import { explainQuote, resaleSide } from '../../terms/quote.js';
import { parseTerm } from '../../terms/term.js';
import { errorJson } from '../../views/json/common.js';
import { type CaseCheckJson, type CaseOutcomeJson, type DocumentJson, type QuoteResultJson, type SentQuoteJson, quoteJson, quoteRecordJson } from '../../views/json/quotes.js';
import type { ItemInput, QuoteInput, UseCases } from '../usecases.js';
import { bytesOf, checkTier, MEDIA_TYPES } from './catalog.js';
import type { Calls } from './calls.js';
import { documentIdentity } from './documents.js';

/**
 * A cases file is bounded before it is parsed: 100,000 cases (ten times what CI needs), a
 * thousand lines a case, two million values in all; what it answers is bounded with it.
 */
const MAX_CASES = 100_000;
const MAX_CASE_LINES = 1_000;
const MAX_CASE_VALUES = 2_000_000;

/** Products and quantities as a caller gives them, checked as a typed flag is (the command line checked its own first). */
export function requestedItems(items: readonly ItemInput[] | null | undefined, what = 'items'): RequestedItem[] {
  if (!Array.isArray(items) || items.length === 0) throw new UsageError(`${what}: say what to quote, a product and a quantity at least (e.g. CLASSOUND-FLAT-S, 1).`, 'USAGE', { field: what });
  return mergeItems(
    items.map((item) => {
      const sku = typeof item?.sku === 'string' ? item.sku.trim().toUpperCase() : '';
      if (!sku) throw new UsageError(`${what}: every item names a product (its SKU).`, 'INVALID_INPUT', { field: what });
      const label = `item ${sku}`;
      const qty = parseQty(String(item.qty), label);
      const price = item.price === null || item.price === undefined ? null : parseUnitPrice(String(item.price), label);
      return { sku, qty, price };
    }),
    (sku) => `item ${sku}`,
  );
}

/** The store when there is one; without one, ad-hoc quotes still work from the sample price books in data/pricebooks (handy in CI). */
async function sourcesOf(calls: Calls): Promise<{ store: Store | null; actor: Actor | null; sources: QuoteSources }> {
  const store = await calls.storeIfAny();
  if (store) {
    const { actor } = await calls.reader();
    return { store, actor, sources: storeQuoteSources(store, actor.scope) };
  }
  const noStore = () => new RefusedError('NO_STORE', `no store at ${calls.options.where}: a quote for a named PBX needs one; run \`hwaas init\`, or quote ad hoc with a term and an activation date.`);
  const { sampleBooks, readSampleBook } = await import('../../import/samples.js');
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

/** A quote's question in the domain's terms: a PBX, or a term and an activation date. */
function quoteQuestion(input: QuoteInput, today: CalendarDate): DomainQuoteInput {
  const common = {
    start: input.start ? parseDate(input.start, 'start') : today,
    currency: input.currency ? parseCurrency(input.currency, 'currency') : null,
    tier: checkTier(input.tier),
    items: requestedItems(input.items),
  };
  const term = input.term ? parseTerm(input.term, 'term') : null;
  if (input.pbx !== undefined && input.pbx !== null) {
    if (input.activated) throw new UsageError("activated: an activation date is for ad-hoc quotes: a PBX's own is used.", 'USAGE', { field: 'activated' });
    return { ...common, pbx: idOf(input.pbx, 'pbx'), term };
  }
  if (term === null) throw new UsageError('term: an ad-hoc quote needs a term and an activation date (or name a PBX).', 'USAGE', { field: 'term' });
  if (!input.activated) throw new UsageError('activated: an ad-hoc quote needs a term and an activation date (or name a PBX).', 'USAGE', { field: 'activated' });
  return { ...common, term, activated: parseDate(input.activated, 'activated') };
}

export const caseOutcomeJson = (outcome: CaseOutcome): CaseOutcomeJson => ('quote' in outcome ? quoteJson(outcome.quote) : { error: errorJson(outcome.error) });

/** The fields of a case's `expect` that its outcome does not match, compared as JSON. */
export function compareCase(outcome: CaseOutcome, expect: Readonly<Record<string, unknown>>): CaseCheckJson['differences'] {
  const json = 'quote' in outcome ? (quoteJson(outcome.quote) as unknown as Record<string, unknown>) : null;
  const differences: CaseCheckJson['differences'] = [];
  for (const [field, expected] of Object.entries(expect)) {
    const got = field === 'error' ? ('error' in outcome ? outcome.error.code : null) : json ? json[field] : undefined;
    if (JSON.stringify(got) !== JSON.stringify(expected)) differences.push({ field, expected, got: got === undefined && 'error' in outcome ? `error ${outcome.error.code}` : got });
  }
  return differences;
}

/** A moved "today" refused for the customer's quote, said as what it is: the quote is issued today; the internal copy is the what-if. */
const quoteOnRealDate =
  (label: string) =>
  (error: unknown): never => {
    if (error instanceof UsageError && error.code === 'DATE_PINNED') {
      const today = /\((\d{4}-\d\d-\d\d)\)/.exec(error.message)?.[1] ?? 'today';
      throw restated(error, `${label}: this store is live, and a quote for a customer is numbered and issued on today's date (${today}): leave ${label} out to issue it.`, {
        hint: { kind: 'internal-copy' },
      });
    }
    throw error;
  };

/** An ID in a default file name: only letters, digits, dots and dashes (it came from imported data). */
export const safeFileName = (name: string): string => name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '');

/** Quotes: one, many from a cases file, the customer's or the internal PDF, and the quotes sent. */
export function quotingUseCases(calls: Calls): Pick<UseCases, 'quotes'> {
  return {
    quotes: {
      async make(input) {
        const { sources } = await sourcesOf(calls);
        const quoted = await makeQuote(sources, quoteQuestion(input, await calls.today()));
        const { quote, pbx, tier, book } = quoted;
        const explain = input.explain ?? null;
        const explanation = explain === null ? null : explainQuote(explain === 'sell' && quote.resaleTotal !== null ? resaleSide(quote) : quote);
        const result: QuoteResultJson = {
          quote: quoteJson(quote),
          pbx: pbx ? { id: pbx.id, name: pbx.name, customer: pbx.customer } : null,
          priceBook: { tier, currency: quote.currency, validFrom: book ? formatDate(book.validFrom) : null },
          explanation,
        };
        return result;
      },

      async cases({ text, name, check }) {
        // A byte-order mark (Windows editors write one) is not part of the JSON.
        const json = text.replace(/^\uFEFF/, '');
        checkJsonShape(name, json, { maxItems: MAX_CASES, maxValues: MAX_CASE_VALUES, maxDepth: MAX_NESTING, item: 'case', maxArray: MAX_CASE_LINES });
        const cases = readQuoteCases(parseJsonText(name, json, true));
        const { sources } = await sourcesOf(calls);
        const outcomes: CaseOutcome[] = [];
        for (const c of cases) outcomes.push(await runQuoteCase(sources, c, await calls.today()));
        const checks =
          check === true
            ? cases.map((c, index) => {
                const differences = c.expect ? compareCase(outcomes[index]!, c.expect) : [];
                return { index, name: c.name, passed: c.expect !== null && differences.length === 0, differences, ...(c.expect === null ? { reason: 'no "expect" in the case' } : {}) };
              })
            : null;
        return { outcomes: outcomes.map(caseOutcomeJson), checks };
      },

      async document(input) {
        const copy = input.copy;
        if (copy !== 'customer' && copy !== 'internal')
          throw new UsageError(`copy: "${String(copy)}" is not a copy of a quote; write the customer's or the internal one.`, 'INVALID_INPUT', { field: 'copy' });
        if (copy === 'internal' && input.validDays !== null && input.validDays !== undefined) {
          throw new UsageError("validDays: how long a quote holds is for the customer's copy; the internal copy is not sent.", 'USAGE', { field: 'validDays' });
        }
        const validDays = input.validDays ?? 30;
        if (!Number.isInteger(validDays) || validDays < 1 || validDays > 365)
          throw new UsageError(`validDays: "${validDays}" is not a number of days from 1 to 365.`, 'INVALID_INPUT', { field: 'validDays' });
        const { store, sources } = await sourcesOf(calls);
        // The customer's quote is recorded: on a live store it is issued on the real date (its record checks the account, in its transaction).
        const writer = copy === 'customer' && store ? await calls.writer({ account: false }).catch(quoteOnRealDate(calls.options.session.dateLabel)) : null;
        const actor = writer?.actor ?? (store ? (await calls.reader()).actor : null);
        const today = actor?.today ?? (await calls.today());
        const quoted = await makeQuote(sources, quoteQuestion(input, today));
        const { quote, pbx, tier, book } = quoted;
        const parties = await quoteParties(store, actor, pbx);
        const { partner, customer } = parties;
        const base = {
          quote,
          date: today,
          whatIf: calls.options.session.date !== null,
          partner: partner ? { name: partner.name, areaManager: `${partner.areaManagerName} <${partner.areaManagerEmail}>` } : null,
          customer: customer ? { id: customer.id, name: customer.name } : null,
          pbx: pbx ? { id: pbx.id, name: pbx.name } : null,
          samplePrices: parties.samplePrices,
          sandbox: parties.sandbox,
        };
        const stem = `hwaas-quote-${pbx?.id ?? quote.term}-${formatDate(today)}`;
        const { writeQuotePdf } = await import('../../export/quotePdf.js');
        const paper = input.paper ?? 'a4';
        if (copy === 'internal') {
          const content = await bytesOf((out) => writeQuotePdf({ ...base, copy: 'internal', title: 'Quote' }, paper, out));
          return { name: safeFileName(`${stem}-internal.pdf`), mediaType: MEDIA_TYPES.pdf, content, title: 'Quote (internal copy)', number: null } satisfies DocumentJson;
        }
        requireCustomerSide(quoted);
        // A what-if price is the partner's to try, not to send: the customer's quote is priced from the book.
        if (actor?.scope.kind === 'partner' && input.items.some((i) => i.price !== null && i.price !== undefined)) {
          throw new UsageError('items: a quote sent to a customer is priced from your price book and resale prices, not from a price given with an item.', 'USAGE', {
            field: 'items',
            hint: { kind: 'resale-price' },
          });
        }
        if (!store || !writer)
          throw new RefusedError('NO_STORE', `no store at ${calls.options.where}: a quote for a customer is numbered and recorded in a store (\`hwaas init\` makes one).`, {
            hint: { kind: 'internal-copy' },
          });
        // A name the PDF cannot print is refused before a number is taken.
        const { assertPrintable } = await import('../../export/fonts.js');
        assertPrintable([base.partner?.name, base.customer?.name, base.pbx?.name, ...quote.lines.map((l) => l.name)]);
        const facts = { tier, book: book ? formatDate(book.validFrom) : null };
        const identity = await documentIdentity(store, quoted.partner, customer);
        const customerBase = { ...base, identity };
        // The document is made once before the number is taken: what it cannot print is refused with nothing recorded.
        const trial = 'Q-0000-00000';
        await bytesOf((out) => writeQuotePdf({ ...customerBase, copy: 'customer', title: `Quote ${trial}`, number: trial, validUntil: (today + validDays) as CalendarDate }, paper, out));
        const record = await recordQuote(store, writer.actor, quoted, validDays, (number, validUntil) =>
          JSON.stringify({ number, validUntil: formatDate(validUntil), partner: quoted.partner.id, customer: base.customer, pbx: base.pbx, priceBook: facts, quote: quoteJson(quote) }),
        );
        const content = await bytesOf((out) => writeQuotePdf({ ...customerBase, copy: 'customer', title: `Quote ${record.number}`, number: record.number, validUntil: record.validUntil }, paper, out));
        return {
          name: safeFileName(`${stem}.pdf`),
          mediaType: MEDIA_TYPES.pdf,
          content,
          title: `Quote ${record.number}`,
          number: record.number,
          ...(identity.warnings.length > 0 ? { warnings: [...identity.warnings] } : {}),
        } satisfies DocumentJson;
      },

      async list(input) {
        const { store, actor } = await calls.reader();
        const quotes = await listQuotes(store, actor, { customer: idFilter(input.customer, 'customer') ?? null, partner: idFilter(input.partner, 'partner') ?? null });
        return { items: quotes.map((q) => quoteRecordJson(q, q.validUntil < actor.today)), viewer: actor.scope.kind };
      },

      async decide(input) {
        const decision = input.decision;
        if (decision !== 'accepted' && decision !== 'declined')
          throw new UsageError(`decision: "${String(decision)}" is not what a customer does with a quote; write accepted or declined.`, 'INVALID_INPUT', { field: 'decision' });
        const number = idOf(input.number, 'number', 'a quote number');
        const { store, actor } = await calls.writer();
        const record = await decideQuote(store, actor, number, optionalId(input.partner, 'partner') ?? null, decision);
        return quoteRecordJson(record, record.validUntil < actor.today);
      },

      async show(input) {
        const { store, actor } = await calls.reader();
        const record = await showQuote(store, actor, idOf(input.number, 'number', 'a number'), optionalId(input.partner, 'partner') ?? null);
        const document = JSON.parse(record.document) as Pick<SentQuoteJson, 'priceBook' | 'quote'> & { customer: { id: string; name: string } | null; pbx: { id: string; name: string } | null };
        return {
          ...quoteRecordJson(record, record.validUntil < actor.today),
          priceBook: document.priceBook,
          quote: document.quote,
          customerName: document.customer?.name ?? null,
          pbxName: document.pbx?.name ?? null,
        } satisfies SentQuoteJson;
      },
    },
  };
}
