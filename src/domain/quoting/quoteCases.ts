import { HwaasError } from '../../errors.js';
import type { CalendarDate } from '../../terms/dates.js';
import { type Currency, currencyProblem } from '../../terms/money.js';
import type { Quote } from '../../terms/quote.js';
import { type Term, tryParseTerm } from '../../terms/term.js';
import { type QuoteInput, type QuoteSources, makeQuote } from './quoting.js';
import { type JsonReader, MAX_NESTING, nestingDepth } from '../kernel/validate.js';
import { TIERS, type Tier } from '../kernel/model.js';

import { type RequestedItem, MAX_QTY, MAX_UNIT_PRICE, mergeItems } from '../catalog/items.js';

export interface QuoteCase {
  readonly index: number;
  readonly name: string;
  readonly pbx: string | null;
  readonly term: Term | null;
  readonly activated: CalendarDate | null;
  readonly start: CalendarDate | null;
  readonly currency: Currency | null;
  /** The price book's tier of an ad-hoc case without a partner (staff, or no store); null: the default. */
  readonly tier: Tier | null;
  readonly items: readonly RequestedItem[];
  readonly expect: Readonly<Record<string, unknown>> | null;
}

const QUOTE_FIELDS = new Set([
  'pbx',
  'term',
  'activated',
  'currency',
  'start',
  'end',
  'periodStart',
  'days',
  'periodDays',
  'lines',
  'total',
  'renewalDate',
  'renewalTotal',
  'renewalTerm',
  'resaleTotal',
  'resaleRenewalTotal',
  'marginTotal',
  'marginPercent',
  'error',
]);

/** The cases file of docs/cli.md, checked case by case; a malformed case is named by index and field. */
export function readQuoteCases(root: JsonReader): QuoteCase[] {
  const cases: QuoteCase[] = [];
  let index = -1;
  for (const entry of root.elements()) {
    index++;
    if (nestingDepth(entry.value, MAX_NESTING - 1) > MAX_NESTING - 1) {
      entry.fail(`case ${index + 1} is nested deeper than ${MAX_NESTING} levels: a case is an object of a few flat fields (see "Quote cases file" in the README).`);
    }
    entry.object();
    const pbx = entry.field('pbx').optionalString({ max: 40 });
    const termText = entry.field('term').optionalString();
    const term = termText === null ? null : tryParseTerm(termText);
    if (termText !== null && term === null) entry.field('term').fail(`"${termText}" is not monthly, yearly or five-year`);
    const activated = entry.field('activated').optionalDate();
    if (pbx === null && (term === null || activated === null)) entry.fail('name a "pbx", or give both "term" and "activated"');
    if (pbx !== null && activated !== null) entry.field('activated').fail('give "activated" only for an ad-hoc quote, without "pbx"');
    const currencyText = entry.field('currency').optionalString();
    let currency: Currency | null = null;
    if (currencyText !== null) {
      const problem = currencyProblem(currencyText.toUpperCase());
      if (problem) entry.field('currency').fail(problem);
      currency = currencyText.toUpperCase();
    }
    const tierText = entry.field('tier').optionalString();
    const tier = tierText === null ? null : (TIERS as readonly string[]).includes(tierText.toLowerCase()) ? (tierText.toLowerCase() as Tier) : null;
    if (tierText !== null && tier === null) entry.field('tier').fail(`"${tierText}" is not a tier; use ${TIERS.join(', ')}`);
    const itemsReader = entry.field('items');
    const rawItems = itemsReader.array().map((item) => ({
      sku: item.field('sku').string({ max: 40 }).toUpperCase(),
      qty: item.field('qty').integer(1, MAX_QTY),
      price: item.has('price') ? item.field('price').amount(MAX_UNIT_PRICE) : null,
    }));
    if (rawItems.length === 0) itemsReader.fail('a case needs at least one item');
    let items: RequestedItem[] = [];
    try {
      items = mergeItems(rawItems, (sku) => `item ${sku}`);
    } catch (error) {
      itemsReader.fail((error as Error).message);
    }
    let expect: Record<string, unknown> | null = null;
    if (entry.has('expect')) {
      expect = entry.field('expect').object();
      for (const key of Object.keys(expect)) {
        if (!QUOTE_FIELDS.has(key)) entry.field('expect').field(key).fail(`"${key}" is not a field of a quote (see "Quote JSON" in docs/cli.md)`);
      }
    }
    cases.push({
      index,
      name: entry.field('name').optionalString({ max: 200 }) ?? `case ${index + 1}`,
      pbx,
      term,
      activated,
      start: entry.field('start').optionalDate(),
      currency,
      tier,
      items,
      expect,
    });
  }
  return cases;
}

export type CaseOutcome = { readonly quote: Quote } | { readonly error: HwaasError };

/** One case's quote, or the refusal the case may expect ({"error": "TERM_MISMATCH"}). */
export async function runQuoteCase(sources: QuoteSources, quoteCase: QuoteCase, today: CalendarDate): Promise<CaseOutcome> {
  const start = quoteCase.start ?? today;
  const input: QuoteInput = quoteCase.pbx
    ? { pbx: quoteCase.pbx, term: quoteCase.term, start, currency: quoteCase.currency, tier: quoteCase.tier, items: quoteCase.items }
    : { term: quoteCase.term!, activated: quoteCase.activated!, start, currency: quoteCase.currency, tier: quoteCase.tier, items: quoteCase.items };
  try {
    return { quote: (await makeQuote(sources, input)).quote };
  } catch (error) {
    if (error instanceof HwaasError) return { error };
    throw error;
  }
}
