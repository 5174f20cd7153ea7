import { RefusedError, UsageError } from '../../errors.js';
import { type Currency, divideRoundHalfUp, formatAmount } from '../../terms/money.js';
import { PER_TERM, type Term } from '../../terms/term.js';
import type { Actor, BookLine, ResaleRule, ResaleRuleKind } from '../kernel/model.js';
import type { CalendarDate } from '../../terms/dates.js';
import { noPriceBook } from './pricebooks.js';
import type { Repositories, Store } from '../kernel/port.js';

import { unknownSku } from './items.js';

/**
 * A partner's resale prices: what it charges its customer. Precedence: an explicit
 * price for the SKU and term, then a markup on the SKU, on its category, then the
 * partner's default markup; with nothing set, resale = buy (margin 0). A markup is
 * applied to the buy unit price and rounded half up to the cent once:
 * buy × (100 + PCT) / 100.
 */

/** 1,000 %: a markup beyond it is a typing slip. */
export const MAX_MARKUP_BP = 100_000;

/** "25" or "12.5" (percent, at most two decimals) → hundredths of a percent. */
export function parseMarkup(text: string, label: string): number {
  const match = /^(\d{1,4})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!match || bp > MAX_MARKUP_BP) throw new UsageError(`${label}: "${text}" is not a markup in percent from 0 to 1000 with at most two decimals, e.g. 25 or 12.5.`);
  return bp;
}

export const markupText = (bp: number): string =>
  `${Math.floor(bp / 100)}${
    bp % 100
      ? `.${String(bp % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`
      : ''
  }`;

export function applyMarkup(buy: bigint, bp: number): bigint {
  return divideRoundHalfUp(buy * (10_000n + BigInt(bp)), 10_000n);
}

/** The resale side of one partner: a unit price for each buy price. */
export interface ResalePricer {
  unitPrice(sku: string, category: string, term: Term, currency: Currency, buy: bigint): bigint;
}

export function resalePricer(rules: readonly ResaleRule[]): ResalePricer {
  const price = new Map<string, bigint>();
  const sku = new Map<string, number>();
  const category = new Map<string, number>();
  let fallback: number | null = null;
  for (const rule of rules) {
    if (rule.kind === 'price' && rule.price !== null) price.set(`${rule.key}|${rule.term}|${rule.currency}`, rule.price);
    else if (rule.kind === 'sku' && rule.markupBp !== null) sku.set(rule.key, rule.markupBp);
    else if (rule.kind === 'category' && rule.markupBp !== null) category.set(rule.key.toLowerCase(), rule.markupBp);
    else if (rule.kind === 'default' && rule.markupBp !== null) fallback = rule.markupBp;
  }
  return {
    unitPrice(s, c, term, currency, buy) {
      const explicit = price.get(`${s}|${term}|${currency}`);
      if (explicit !== undefined) return explicit;
      const bp = sku.get(s) ?? category.get(c.toLowerCase()) ?? fallback;
      return bp === null ? buy : applyMarkup(buy, bp);
    },
  };
}

/** The partner whose resale rules a user works on: a partner's user its own; staff name one. */
export async function resalePartner(store: Repositories, actor: Actor, named: string | null): Promise<string> {
  if (actor.scope.kind === 'partner') {
    if (named !== null && named.toUpperCase() !== actor.scope.partnerId) throw new RefusedError('NOT_ALLOWED', `you set resale prices for your own partner (${actor.scope.partnerId}) only.`);
    return actor.scope.partnerId;
  }
  if (named === null) throw new UsageError("partner: resale prices are a partner's: say which partner (or act as its user).", 'USAGE', { field: 'partner' });
  const partner = await store.parties.partner(named.toUpperCase());
  if (!partner) throw new RefusedError('NOT_FOUND', `partner ${named} not found.`, { hint: { kind: 'find', what: 'partner' } });
  return partner.id;
}

export type ResaleTarget = { readonly kind: 'default' } | { readonly kind: 'category'; readonly category: string } | { readonly kind: 'sku'; readonly sku: string };

export async function setMarkup(store: Store, actor: Actor, partner: string, target: ResaleTarget, bp: number): Promise<ResaleRule> {
  let rule: ResaleRule = {
    partner,
    kind: target.kind,
    key: target.kind === 'default' ? '' : target.kind === 'category' ? target.category : target.sku,
    term: null,
    markupBp: bp,
    price: null,
    currency: null,
  };
  const products = await partnerProducts(store, partner, actor.today);
  if (target.kind === 'sku') requireSku(products, target.sku);
  if (target.kind === 'category') {
    // Kept as the price book spells it, so "desk phones" and "Desk phones" are one rule.
    const spelled = products.find((p) => p.category.toLowerCase() === target.category.toLowerCase())?.category;
    if (!spelled) throw new UsageError(`no product is in the category "${target.category}"; categories are those of the price list (e.g. "Desk phones").`);
    rule = { ...rule, key: spelled };
  }
  await store.write((tx) => tx.resale.set(rule));
  return rule;
}

export async function setPrice(store: Store, actor: Actor, partner: string, sku: string, term: Term, currency: Currency, price: bigint): Promise<ResaleRule> {
  const line = requireSku(await partnerProducts(store, partner, actor.today), sku);
  if (!line.hwaas) throw new RefusedError('NOT_ELIGIBLE', `${sku} (${line.name}) is sold outright (CapEx) only, so it has no ${term} resale price.`);
  const rule: ResaleRule = { partner, kind: 'price', key: sku, term, markupBp: null, price, currency };
  await store.write((tx) => tx.resale.set(rule));
  return rule;
}

/** The products of the partner's own tier and currency, in every version of its book: what its resale rules can name. */
async function partnerProducts(store: Repositories, partnerId: string, today: CalendarDate): Promise<BookLine[]> {
  const partner = (await store.parties.partner(partnerId))!;
  const versions = await store.pricebooks.versions(partner.tier, partner.currency);
  if (versions.length === 0) throw noPriceBook(partner.tier, partner.currency, today);
  const all = new Map<string, BookLine>();
  for (const validFrom of versions) for (const line of await store.pricebooks.lines({ tier: partner.tier, currency: partner.currency, validFrom })) all.set(line.sku, line);
  return [...all.values()];
}

function requireSku(products: readonly BookLine[], sku: string): BookLine {
  const line = products.find((p) => p.sku === sku);
  if (!line)
    throw unknownSku(
      sku,
      products.map((p) => p.sku),
    );
  return line;
}

export async function clearRules(store: Store, partner: string, kind: ResaleRuleKind | null, key: string | null, term: Term | null): Promise<number> {
  return store.write((tx) => tx.resale.clear(partner, kind, key, term));
}

export const ruleText = (rule: ResaleRule): string =>
  rule.kind === 'price' ? `${formatAmount(rule.price ?? 0n)} ${rule.currency} per ${rule.term ? PER_TERM[rule.term] : 'term'}` : `+${markupText(rule.markupBp ?? 0)} %`;
