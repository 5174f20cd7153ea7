import { PassThrough } from 'node:stream';
import { UsageError } from '../../errors.js';
import { optionalId, skuOf } from './ids.js';
import { TIERS, type Tier } from '../../domain/kernel/model.js';
import { diffBooks, listBooks, showBook } from '../../domain/catalog/pricebooks.js';
import { type Pricelist, loadPricelist, pricelistFileName, pricelistItems } from '../../domain/catalog/pricelist.js';
import { type ResaleTarget, clearRules, parseMarkup, resalePartner, setMarkup, setPrice } from '../../domain/catalog/resale.js';
import { parseUnitPrice } from '../../domain/catalog/items.js';
import { type CalendarDate, formatDate, parseDate } from '../../terms/dates.js';
import { formatAmount, parseCurrency } from '../../terms/money.js';
import { parseTerm } from '../../terms/term.js';
import { bookLineJson, priceBookJson, pricelistJson, resaleRuleJson } from '../../views/json/catalog.js';
import type { DocumentJson } from '../../views/json/quotes.js';
import type { PricelistInput, UseCases } from '../usecases.js';
import type { Calls } from './calls.js';
import { documentIdentity } from './documents.js';
import { job } from './jobs.js';

/** A tier named by a caller (the command line checked it; a remote caller may not have). */
export function checkTier(tier: string | null | undefined, field = 'tier'): Tier | null {
  if (tier === null || tier === undefined) return null;
  const found = TIERS.find((t) => t === tier.trim().toLowerCase());
  if (!found) throw new UsageError(`${field}: "${tier}" is not a tier; use ${TIERS.join(', ')}.`, 'INVALID_INPUT', { field });
  return found;
}

function requireTier(tier: string | null | undefined): Tier {
  const found = checkTier(tier);
  if (found === null) throw new UsageError('tier: say which tier (reseller, silver, gold, platinum).', 'USAGE', { field: 'tier' });
  return found;
}

const dateOf = (text: string | null | undefined, field: string): CalendarDate | null => (text === null || text === undefined ? null : parseDate(text, field));

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
} as const;

/** What a writer puts on a stream, as bytes. */
export async function bytesOf(write: (out: PassThrough) => Promise<void>): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await write(out);
  if (!out.writableEnded) out.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A price list as a file in one format: shared by the use case and the benchmark. */
export async function pricelistBytes(
  list: Pricelist,
  format: 'pdf' | 'xlsx' | 'csv',
  options: {
    paper?: 'a4' | 'letter' | null;
    bom?: boolean;
    whatIf?: boolean;
    onProgress?: (done: number, total: number) => void;
    identity?: { readonly letterhead: { readonly lines: readonly string[]; readonly logo: Uint8Array | null }; readonly footer: string | null } | null;
  } = {},
): Promise<Uint8Array> {
  switch (format) {
    case 'csv': {
      const { toCsv } = await import('../../export/csv.js');
      const { pricelistTable } = await import('../../export/pricelistTable.js');
      const table = pricelistTable(list);
      const rows = table.rows.map((row) => row.map((value) => (typeof value === 'bigint' ? formatAmount(value) : value)));
      return Buffer.from(toCsv(table.header, rows, { bom: options.bom === true }), 'utf8');
    }
    case 'xlsx': {
      const { writePricelistXlsx } = await import('../../export/xlsx.js');
      return bytesOf((out) => writePricelistXlsx(list, out, options.onProgress, options.identity?.letterhead.lines[0] ?? null));
    }
    case 'pdf': {
      const { writePricelistPdf } = await import('../../export/pricelistPdf.js');
      return bytesOf((out) => writePricelistPdf(list, options.paper ?? 'a4', out, options.onProgress, options.whatIf === true, options.identity ?? null));
    }
  }
}

/** The price books (staff), a partner's resale rules and the price list. */
export function catalogUseCases(calls: Calls): Pick<UseCases, 'resale' | 'pricelist'> & { pricebooks: Omit<UseCases['pricebooks'], 'importFile'> } {
  async function load(input: PricelistInput) {
    const type = input.type ?? 'opex';
    if (type !== 'opex' && type !== 'capex') throw new UsageError(`type: "${String(type)}" is not a price list; use opex or capex.`, 'INVALID_INPUT', { field: 'type' });
    const { store, actor } = await calls.reader();
    return loadPricelist(store, actor, {
      type,
      currency: input.currency === null || input.currency === undefined ? null : parseCurrency(input.currency, 'currency'),
      tier: checkTier(input.tier),
      on: dateOf(input.on, 'on'),
      resale: input.resale === true,
    });
  }

  return {
    pricebooks: {
      async list() {
        const { store, actor } = await calls.reader();
        return { items: (await listBooks(store, actor)).map(priceBookJson) };
      },
      async show(input) {
        const tier = requireTier(input.tier);
        const currency = parseCurrency(input.currency, 'currency');
        const { store, actor } = await calls.reader();
        const on = dateOf(input.on, 'on') ?? actor.today;
        const book = await showBook(store, actor, tier, currency, on);
        return { tier: book.tier, currency: book.currency, validFrom: formatDate(book.validFrom), on: formatDate(on), lines: book.lines.map(bookLineJson) };
      },
      async diff(input) {
        const tier = requireTier(input.tier);
        const currency = parseCurrency(input.currency, 'currency');
        const from = parseDate(input.from, 'from');
        const to = parseDate(input.to, 'to');
        const { store, actor } = await calls.reader();
        const diff = await diffBooks(store, actor, tier, currency, from, to);
        const price = (value: bigint | null) => (value === null ? null : formatAmount(value));
        return {
          tier,
          currency: diff.to.currency,
          from: formatDate(diff.from.validFrom),
          to: formatDate(diff.to.validFrom),
          added: diff.added.map((l) => ({ sku: l.sku, name: l.name })),
          removed: diff.removed.map((l) => ({ sku: l.sku, name: l.name })),
          changed: diff.changed.map(({ line, changes }) => ({
            sku: line.sku,
            name: line.name,
            changes: changes.map((c) => ({ term: c.kind, from: price(c.from), to: price(c.to), percent: c.percent })),
          })),
        };
      },
    },

    resale: {
      async list(input) {
        const { store, actor } = await calls.reader();
        const partner = await resalePartner(store, actor, optionalId(input.partner, 'partner') ?? null);
        return { partner, items: (await store.resale.list(partner)).map(resaleRuleJson) };
      },
      async setMarkup(input) {
        const markup = parseMarkup(input.markup, 'markup');
        // A blank SKU or category is a mistake (an empty variable in a script), never "every product".
        for (const field of ['sku', 'category'] as const) {
          const value = input[field];
          if (value !== null && value !== undefined && value.trim() === '') throw new UsageError(`${field}: it is blank; leave it out for the default markup.`, 'INVALID_INPUT', { field });
        }
        if (input.category && input.sku) throw new UsageError('a markup is for a category or a SKU, not both.', 'USAGE');
        const target: ResaleTarget = input.sku ? { kind: 'sku', sku: input.sku.trim().toUpperCase() } : input.category ? { kind: 'category', category: input.category.trim() } : { kind: 'default' };
        const { store, actor } = await calls.writer();
        const partner = await resalePartner(store, actor, optionalId(input.partner, 'partner') ?? null);
        return resaleRuleJson(await setMarkup(store, actor, partner, target, markup));
      },
      async setPrice(input) {
        const term = parseTerm(input.term, 'term');
        const price = parseUnitPrice(input.price, 'price');
        const { store, actor } = await calls.writer();
        const partnerId = await resalePartner(store, actor, optionalId(input.partner, 'partner') ?? null);
        const partner = (await store.parties.partner(partnerId))!;
        return resaleRuleJson(await setPrice(store, actor, partnerId, skuOf(input.sku, 'sku'), term, partner.currency, price));
      },
      async clear(input) {
        for (const field of ['sku', 'category'] as const) {
          const value = input[field];
          if (value !== null && value !== undefined && value.trim() === '') throw new UsageError(`${field}: it is blank; say which rules to clear.`, 'INVALID_INPUT', { field });
        }
        const term = input.term === null || input.term === undefined ? null : parseTerm(input.term, 'term');
        if (term !== null && input.what !== 'sku') throw new UsageError('term: a term goes with a SKU (its explicit price for that term).', 'USAGE', { field: 'term' });
        const { store, actor } = await calls.writer();
        const partner = await resalePartner(store, actor, optionalId(input.partner, 'partner') ?? null);
        let removed: number;
        switch (input.what) {
          case 'all':
            removed = await clearRules(store, partner, null, null, null);
            break;
          case 'default':
            removed = await clearRules(store, partner, 'default', '', null);
            break;
          case 'category':
            removed = await clearRules(store, partner, 'category', (input.category ?? '').trim(), null);
            break;
          case 'sku': {
            const sku = (input.sku ?? '').trim().toUpperCase();
            removed =
              term !== null ? await clearRules(store, partner, 'price', sku, term) : (await clearRules(store, partner, 'sku', sku, null)) + (await clearRules(store, partner, 'price', sku, null));
            break;
          }
          default:
            throw new UsageError(`what: "${String(input.what)}" is not a kind of resale rule; clear all, default, category or sku.`, 'INVALID_INPUT', { field: 'what' });
        }
        return { partner, removed };
      },
    },

    pricelist: {
      async get(input) {
        return pricelistJson(await load(input));
      },
      document(input) {
        return job(async (progress) => {
          const format = input.format;
          if (format !== 'pdf' && format !== 'xlsx' && format !== 'csv')
            throw new UsageError(`format: "${String(format)}" is not a price list's format; use pdf, xlsx or csv.`, 'INVALID_INPUT', { field: 'format' });
          if (input.bom && format !== 'csv') throw new UsageError('bom: a byte-order mark is for CSV.', 'USAGE', { field: 'bom' });
          if (input.paper && format !== 'pdf') throw new UsageError('paper: a paper size is for a PDF.', 'USAGE', { field: 'paper' });
          const list = await load(input);
          const items = pricelistItems(list).length;
          // The partner's own list carries its identity, as its quotes do.
          const { store } = await calls.reader();
          const partner = list.resale && list.partner ? await store.parties.partner(list.partner.id) : null;
          const identity = partner ? await documentIdentity(store, partner, null) : null;
          const content = await pricelistBytes(list, format, {
            identity,
            paper: input.paper,
            bom: input.bom,
            whatIf: calls.options.session.date !== null,
            onProgress: (done, total) => progress({ done, total, unit: 'products' }),
          });
          const document: DocumentJson = {
            name: pricelistFileName(list, format),
            mediaType: MEDIA_TYPES[format],
            content,
            title: list.resale ? 'Price list (resale)' : `${list.type === 'opex' ? 'OpEx' : 'CapEx'} cost price list (confidential)`,
            number: null,
            ...(identity && identity.warnings.length > 0 && format !== 'csv' ? { warnings: [...identity.warnings] } : {}),
          };
          return {
            document,
            list: { format, type: list.type, currency: list.currency, tier: list.tier, validFrom: formatDate(list.validFrom), resale: list.resale, date: formatDate(list.date), items },
          };
        });
      },
    },
  };
}
