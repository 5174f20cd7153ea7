import type { BookKey, BookLine, Product, PriceTable } from '../kernel/model.js';
import type { RowReader, ImportKindSpec } from './run.js';
import { PRICE_KINDS, SKU_PATTERN } from '../catalog/pricebooks.js';
import { checkName } from '../kernel/checks.js';
import { MAX_UNIT_PRICE } from '../catalog/items.js';
import { formatAmount } from '../../terms/money.js';
import { UsageError } from '../../errors.js';

interface BookEnv {
  readonly key: BookKey;
  readonly source: string | null;
  book: number | null;
  existed: boolean;
  readonly before: ReadonlyMap<string, BookLine>;
  readonly products: ReadonlyMap<string, Product>;
  readonly seen: Set<string>;
}

function yesNo(row: RowReader, column: string, required: boolean): boolean | null | undefined {
  return row.text(column, required, (text) => {
    const value = text.trim().toLowerCase();
    if (['yes', 'y', 'true', '1', 'x'].includes(value)) return true;
    if (['no', 'n', 'false', '0', ''].includes(value)) return false;
    row.say(column, `"${text.trim()}" is neither yes nor no`);
    return undefined;
  });
}

const samePrices = (a: PriceTable, b: PriceTable) => PRICE_KINDS.every((k) => a[k] === b[k]);

const sameLine = (a: BookLine, b: BookLine) =>
  a.name === b.name && a.category === b.category && a.hwaas === b.hwaas && a.stocked === b.stocked && a.position === b.position && samePrices(a.prices, b.prices);

/** `hwaas pricebook import`: one version of one book, replaced by the file (all rows or none). */
export function pricebookImport(key: BookKey, source: string | null): ImportKindSpec<BookLine, BookEnv> {
  return {
    columns: [
      { name: 'sku', required: true, synonyms: ['product code', 'item code', 'article', 'part number', 'code'] },
      { name: 'name', required: true, synonyms: ['product', 'product name', 'description'] },
      { name: 'category', required: true, synonyms: ['group', 'product group', 'family'] },
      { name: 'hwaas', required: true, synonyms: ['hwaas eligible', 'opex', 'as a service'] },
      { name: 'capex', required: false, synonyms: ['capex price', 'purchase', 'purchase price', 'buy out'] },
      { name: 'monthly', required: false, synonyms: ['monthly price', '1m', 'month'] },
      { name: 'yearly', required: false, synonyms: ['yearly price', 'annual', '1y', 'year'] },
      { name: 'five-year', required: false, synonyms: ['five year price', '5y', 'five years', '60 months'] },
      { name: 'stocked', required: false, synonyms: ['stock', 'kept in stock', 'device'] },
    ],
    key: 'sku',
    staffOnly: true,
    async prepare(tx, actor) {
      const before = new Map((await tx.pricebooks.lines(key)).map((l) => [l.sku, l]));
      const existed = (await tx.pricebooks.versions(key.tier, key.currency)).includes(key.validFrom);
      const book = await tx.pricebooks.ensure(key, actor.at, actor.user.id, source);
      return { key, source, book, existed, before, products: new Map((await tx.catalog.products()).map((p) => [p.sku, p])), seen: new Set() };
    },
    parse(row, env) {
      const sku = row.text('sku', true, (t) => {
        const id = t.trim().toUpperCase();
        if (!SKU_PATTERN.test(id)) row.say('sku', `"${t.trim()}" is not a SKU (letters, digits, dots, dashes, slashes; at most 40)`);
        return SKU_PATTERN.test(id) ? id : undefined;
      });
      const name = row.text('name', true, (t, l) => checkName(t, l, 120));
      const category = row.text('category', true, (t, l) => checkName(t, l, 60));
      const hwaas = yesNo(row, 'hwaas', true);
      const stocked = yesNo(row, 'stocked', false);
      const prices: PriceTable = {};
      for (const kind of PRICE_KINDS) {
        const amount = row.amount(kind, false);
        if (amount === undefined || amount === null) continue;
        if (amount > MAX_UNIT_PRICE) {
          row.say(kind, `${formatAmount(amount)} is above the limit of 1000000.00 per device and term`);
          continue;
        }
        prices[kind] = amount;
      }
      if (!sku || !name || !category || hwaas == null) return null;
      const opex = PRICE_KINDS.filter((k) => k !== 'capex' && prices[k] !== undefined);
      if (hwaas && opex.length === 0) row.say('hwaas', `${sku} is HWaaS but has no monthly, yearly or five-year price`);
      if (!hwaas && opex.length > 0) row.say(opex[0]!, `${sku} is not HWaaS (hwaas: no), so it has no ${opex[0]} price; leave it blank`);
      if (!hwaas && prices.capex === undefined) row.say('capex', `${sku} is sold outright only and has no CapEx price`);
      // A product keeps whether it is stocked unless the file says; a new one is a device kept in stock.
      const known = env.products.get(sku);
      return { sku, name, category, hwaas, stocked: stocked ?? known?.stocked ?? true, position: row.row, prices };
    },
    keyOf: (line) => line.sku,
    async apply(tx, env, _actor, batch, counts) {
      for (const { record } of batch) {
        env.seen.add(record.sku);
        const before = env.before.get(record.sku);
        if (before && sameLine(before, record)) {
          counts.unchanged++;
          continue;
        }
        if (before && sameLine({ ...before, position: record.position }, record)) {
          // Only its row moved: the list's order follows the file, but nothing about the product changed.
          await tx.pricebooks.putLine(env.book!, record);
          counts.unchanged++;
          continue;
        }
        await tx.catalog.upsert(record);
        await tx.pricebooks.putLine(env.book!, record);
        if (before) counts.updated++;
        else counts.created++;
      }
    },
    async finish(tx, env, actor, counts) {
      counts.removed = await tx.pricebooks.removeOthers(env.book!, env.seen);
      if (env.existed && counts.created + counts.updated + counts.removed > 0) await tx.pricebooks.ensure(env.key, actor.at, actor.user.id, env.source, true);
      if (env.seen.size === 0) throw new UsageError(`the file has a header but no products: a price book lists at least one.`);
    },
  };
}
