import { type Pricelist, type PricelistType, monthlyEquivalent, pricelistItems } from '../../domain/catalog/pricelist.js';
import { markupText } from '../../domain/catalog/resale.js';
import type { BookLine, PriceBookSummary, ResaleRule, ResaleRuleKind, StockLevel, Tier } from '../../domain/kernel/model.js';
import { formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import type { Term } from '../../terms/term.js';
import { type Amount, type DateText, type Timestamp, amount } from './common.js';

export interface PricelistItemJson {
  sku: string;
  name: string;
  category: string;
  prices?: Record<Term, Amount>;
  monthlyEquivalent?: Record<Term, Amount>;
  price?: Amount;
}

/** The price list JSON of the contract, plus each term's monthly equivalent for OpEx. */
export interface PricelistJson {
  type: PricelistType;
  currency: string;
  tier: Tier | null;
  validFrom: DateText;
  resale: boolean;
  date: DateText;
  partner: string | null;
  samplePrices: boolean;
  items: PricelistItemJson[];
}

export function pricelistJson(list: Pricelist): PricelistJson {
  return {
    type: list.type,
    currency: list.currency,
    tier: list.resale ? null : list.tier,
    validFrom: formatDate(list.validFrom),
    resale: list.resale,
    date: formatDate(list.date),
    partner: list.partner?.name ?? null,
    samplePrices: list.samplePrices,
    items: pricelistItems(list).map((item) =>
      item.prices
        ? {
            sku: item.sku,
            name: item.name,
            category: item.category,
            prices: { monthly: formatAmount(item.prices.monthly), yearly: formatAmount(item.prices.yearly), 'five-year': formatAmount(item.prices['five-year']) },
            monthlyEquivalent: {
              monthly: formatAmount(item.prices.monthly),
              yearly: formatAmount(monthlyEquivalent(item.prices.yearly, 'yearly')),
              'five-year': formatAmount(monthlyEquivalent(item.prices['five-year'], 'five-year')),
            },
          }
        : { sku: item.sku, name: item.name, category: item.category, price: formatAmount(item.price!) },
    ),
  };
}

/** A price list written as a file: where it went is the caller's; what it holds is this. */
export interface PricelistFileJson {
  format: 'pdf' | 'xlsx' | 'csv' | 'json';
  type: PricelistType;
  currency: string;
  tier: Tier;
  validFrom: DateText;
  resale: boolean;
  date: DateText;
  items: number;
}

export interface PriceBookJson {
  tier: Tier;
  currency: string;
  validFrom: DateText;
  products: number;
  importedAt: Timestamp | null;
  importedBy: string | null;
  source: string | null;
}
export const priceBookJson = (b: PriceBookSummary): PriceBookJson => ({
  tier: b.tier,
  currency: b.currency,
  validFrom: formatDate(b.validFrom),
  products: b.products,
  importedAt: b.importedAt,
  importedBy: b.importedBy,
  source: b.source,
});
export const PRICE_BOOK_KEYS = ['tier', 'currency', 'validFrom', 'products', 'importedAt', 'importedBy', 'source'] as const;

export interface BookLineJson {
  sku: string;
  name: string;
  category: string;
  hwaas: 'yes' | 'no';
  capex: Amount | null;
  monthly: Amount | null;
  yearly: Amount | null;
  'five-year': Amount | null;
  stocked: 'yes' | 'no';
}
const yesNo = (flag: boolean): 'yes' | 'no' => (flag ? 'yes' : 'no');
export const bookLineJson = (l: BookLine): BookLineJson => ({
  sku: l.sku,
  name: l.name,
  category: l.category,
  hwaas: yesNo(l.hwaas),
  capex: amount(l.prices.capex ?? null),
  monthly: amount(l.prices.monthly ?? null),
  yearly: amount(l.prices.yearly ?? null),
  'five-year': amount(l.prices['five-year'] ?? null),
  stocked: yesNo(l.stocked),
});
export const BOOK_LINE_KEYS = ['sku', 'name', 'category', 'hwaas', 'capex', 'monthly', 'yearly', 'five-year', 'stocked'] as const;

/** `pricebook show`: a version and its lines. */
export interface BookJson {
  tier: Tier;
  currency: string;
  validFrom: DateText;
  on: DateText;
  lines: BookLineJson[];
}

export interface BookDiffJson {
  tier: Tier;
  currency: string;
  from: DateText;
  to: DateText;
  added: { sku: string; name: string }[];
  removed: { sku: string; name: string }[];
  changed: { sku: string; name: string; changes: { term: string; from: Amount | null; to: Amount | null; percent: string | null }[] }[];
}

export interface ResaleRuleJson {
  partner: string;
  kind: ResaleRuleKind;
  target: string | null;
  term: Term | null;
  markup: string | null;
  price: Amount | null;
  currency: string | null;
}
export const resaleRuleJson = (r: ResaleRule): ResaleRuleJson => ({
  partner: r.partner,
  kind: r.kind,
  target: r.key === '' ? null : r.key,
  term: r.term,
  markup: r.markupBp === null ? null : markupText(r.markupBp),
  price: r.price === null ? null : formatAmount(r.price),
  currency: r.currency,
});
export const RESALE_RULE_KEYS = ['partner', 'kind', 'target', 'term', 'markup', 'price', 'currency'] as const;

export interface StockJson {
  sku: string;
  name: string;
  onHand: number;
  reserved: number;
  available: number;
}
export const stockJson = (s: StockLevel): StockJson => ({ sku: s.sku, name: s.name, onHand: s.onHand, reserved: s.reserved, available: s.onHand - s.reserved });
export const STOCK_KEYS = ['sku', 'name', 'onHand', 'reserved', 'available'] as const;

/** A product the interactive order offers on a term, with its price and what is available. */
export interface OrderableJson {
  sku: string;
  name: string;
  category: string;
  stocked: boolean;
  price: Amount;
  available: number | null;
}
