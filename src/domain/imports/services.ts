import type { NewRunningLine, Repositories } from '../kernel/port.js';
import type { Actor, Partner, Pbx, Product } from '../kernel/model.js';
import type { ImportKindSpec, RowReader } from './run.js';
import { idOf } from './rows.js';
import { type CalendarDate, daysBetween, formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import { pbxPeriodOn, pbxStatusOn, segmentOn } from '../../terms/period.js';
import { type BookSource, storeBooks } from '../catalog/pricebooks.js';
import { type ResalePricer, resalePricer } from '../catalog/resale.js';
import { type ServiceLine, serviceLines } from '../lifecycle/serviceLines.js';
import { MAX_QTY, MAX_UNIT_PRICE } from '../catalog/items.js';
import { blockersOf } from '../ordering/checkout.rules.js';
import { type Standing, standingOf } from '../parties/standing.js';
import { SERIAL_PATTERN } from '../ordering/serials.rules.js';

/**
 * `hwaas import services`: the installed base a partner already runs, brought in as service
 * lines like any other (an order of one line whose source is the import, shipped): they
 * renew with their PBX, count in MRR, are cancelled with the six-month minimum from their
 * `since`, replaced and listed. A row is keyed by its PBX, product and start (the nth such
 * row of the file is the nth such line `services list` shows): a row that is already there
 * with the same quantity is left alone, so importing again, or importing `services list
 * --format csv`, changes nothing.
 */

interface ServiceRow {
  readonly pbx: string;
  readonly sku: string;
  readonly qty: number;
  readonly since: CalendarDate;
  readonly unitPrice: bigint | null;
  readonly resalePrice: bigint | null;
  readonly serials: readonly string[] | null;
  /** The how-manieth row of the file with this PBX, product and start (from 1). */
  readonly nth: number;
}

interface ServicesEnv {
  readonly products: ReadonlyMap<string, Product>;
  readonly books: BookSource;
  readonly partners: Map<string, Promise<Partner | null>>;
  readonly resale: Map<string, Promise<ResalePricer>>;
  readonly seen: Map<string, number>;
  /** Serial numbers named by the file so far (SKU|SN), and those the store has (read on first need). */
  readonly serialsInFile: Map<string, number>;
  recorded: Set<string> | null;
  /** The lines that ran before the import, by group (read once per group). */
  readonly existing: Map<string, ServiceLine[]>;
  /** Lines that took their resale price from rules that set none (resold at the buy price). */
  atBuyPrice: number;
  /** Lines resold below their buy price (a loss every term). */
  belowBuy: number;
  /** What stops a partner's user bringing lines in for a customer (as it stops checkout), by customer: a sentence, or null. */
  readonly blockers: Map<string, string | null>;
  /** Each partner's standing on the day, read once. */
  readonly standings: Map<string, Standing>;
}

/** Serial numbers written in one cell or flag: separated by commas, semicolons or spaces. */
export function splitSerials(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const groupKey = (pbx: string, sku: string, since: CalendarDate) => `${pbx}|${sku}|${formatDate(since)}`;

export const servicesImport: ImportKindSpec<ServiceRow, ServicesEnv> = {
  columns: [
    { name: 'pbx', required: true, synonyms: ['pbx id'] },
    { name: 'sku', required: true, synonyms: ['product', 'product code', 'item', 'model'] },
    { name: 'qty', required: true, synonyms: ['quantity', 'units'] },
    { name: 'since', required: true, synonyms: ['start', 'start date', 'started on', 'installed', 'installed on', 'since date'] },
    { name: 'unit price', required: false, synonyms: ['unit price per term', 'buy price'] },
    { name: 'resale price', required: false, synonyms: ['resale unit price', 'sell price', 'customer price'] },
    { name: 'serials', required: false, synonyms: ['serial', 'serial numbers', 'serial number', 'sn'] },
  ],
  key: 'pbx',
  keyHelp: 'pbx, sku and since (the nth row with the same three is the nth such line)',
  staffOnly: false,
  // `services list --format csv` imports back: what it works out is not read.
  exportOnly: ['order', 'name', 'renewsOn', 'term', 'currency', 'renewal', 'mrr', 'status', 'endsOn', 'orderStatus', 'resaleRenewal', 'resaleMrr', 'marginMrr', 'source'],
  async prepare(tx) {
    return {
      products: new Map((await tx.catalog.products()).map((p) => [p.sku, p])),
      books: storeBooks(tx),
      partners: new Map(),
      resale: new Map(),
      seen: new Map(),
      serialsInFile: new Map(),
      recorded: null,
      atBuyPrice: 0,
      belowBuy: 0,
      blockers: new Map(),
      standings: new Map(),
      existing: new Map(),
    };
  },
  parse(row, env, actor) {
    const pbx = idOf(row, 'pbx', 'a PBX ID');
    const sku = row.text('sku', true, (t) => t.trim().toUpperCase());
    const qty = row.integer('qty', true, 1, MAX_QTY);
    const since = row.date('since', true);
    // An absent optional column reads as blank; undefined is a problem said.
    const unitPrice = row.has('unit price') ? row.amount('unit price', false) : null;
    const resalePrice = row.has('resale price') ? row.amount('resale price', false) : null;
    const serialText = row.has('serials') ? row.text('serials', false, (t) => t) : null;
    if (sku) {
      const product = env.products.get(sku);
      if (!product) {
        row.say('sku', `unknown SKU "${sku}" (the price list names every SKU)`);
        return null;
      }
      if (!product.hwaas) {
        row.say('sku', `${sku} (${product.name}) is not offered as HWaaS: it cannot run as a service line`);
        return null;
      }
    }
    if (since && since > actor.today) {
      row.say('since', `${formatDate(since)} is after today (${formatDate(actor.today)}); a line is brought in once it runs`);
      return null;
    }
    let serials: string[] | null = null;
    for (const [column, price] of [
      ['unit price', unitPrice],
      ['resale price', resalePrice],
    ] as const) {
      if (price !== null && price !== undefined && price > MAX_UNIT_PRICE) {
        row.say(column, `${formatAmount(price)} is above the limit of ${formatAmount(MAX_UNIT_PRICE)} per device and term`);
        return null;
      }
    }
    if (serialText) {
      // Serial numbers are kept in capitals: SN-1 and sn-1 are one device.
      serials = splitSerials(serialText).map((s) => s.toUpperCase());
      const bad = serials.find((s) => !SERIAL_PATTERN.test(s));
      if (bad !== undefined) {
        row.say('serials', `"${bad.slice(0, 70)}" is not a serial number (letters, digits, dots, dashes, slashes; at most 64)`);
        return null;
      }
      if (sku && !env.products.get(sku)!.stocked) {
        row.say('serials', `${sku} is a service, not a device: it has no serial numbers`);
        return null;
      }
      if (new Set(serials).size !== serials.length) {
        row.say('serials', 'names a serial number twice');
        return null;
      }
      if (qty && serials.length > qty) {
        row.say('serials', `names ${serials.length} serial numbers for ${qty} unit${qty === 1 ? '' : 's'}`);
        return null;
      }
      const again = sku ? serials.find((s) => env.serialsInFile.has(`${sku}|${s}`)) : undefined;
      if (again !== undefined) {
        row.say('serials', `${again} is already on row ${env.serialsInFile.get(`${sku}|${again}`)}: a device has one serial number`);
        return null;
      }
      if (sku) for (const s of serials) env.serialsInFile.set(`${sku}|${s}`, row.row);
    }
    if (!pbx || !sku || !qty || !since || unitPrice === undefined || resalePrice === undefined || serialText === undefined || (serialText !== null && serials === null)) return null;
    const group = groupKey(pbx, sku, since);
    const nth = (env.seen.get(group) ?? 0) + 1;
    env.seen.set(group, nth);
    return { pbx, sku, qty, since, unitPrice: unitPrice ?? null, resalePrice: resalePrice ?? null, serials, nth };
  },
  keyOf: (r) => `${groupKey(r.pbx, r.sku, r.since)}|${r.nth}`,
  async finish(_tx, env, _actor, _counts, warn) {
    if (env.belowBuy > 0) warn(`${env.belowBuy.toLocaleString('en')} line${env.belowBuy === 1 ? ' is' : 's are'} resold below the buy price: a loss every term.`);
    if (env.atBuyPrice > 0) {
      warn(
        `${env.atBuyPrice.toLocaleString('en')} line${env.atBuyPrice === 1 ? '' : 's'} took the resale price from your resale rules, which set none for ${env.atBuyPrice === 1 ? 'it' : 'them'}: resold at the buy price (margin 0), fixed from now on. Set a markup first (\`hwaas resale set --markup 20\`) or give a "resale price" column.`,
      );
    }
  },
  async apply(tx, env, actor, batch, counts) {
    const ids = [...new Set(batch.map((b) => b.record.pbx))];
    const pbxs = new Map((await tx.pbxs.getMany(actor.scope, ids)).map((p) => [p.id, p]));
    // The lines that ran before this import, by PBX, product and start, read once per group (a file that
    // repeats a group is not read again and again: the lines this import adds come after them).
    const running = env.existing;
    if (pbxs.size > 0) {
      const keys = [
        ...new Map(
          batch
            .filter((b) => pbxs.has(b.record.pbx) && !running.has(groupKey(b.record.pbx, b.record.sku, b.record.since)))
            .map((b) => [groupKey(b.record.pbx, b.record.sku, b.record.since), b.record]),
        ).values(),
      ];
      const loading = new Set(keys.map((k) => groupKey(k.pbx, k.sku, k.since)));
      for (const key of loading) running.set(key, []);
      if (keys.length > 0) {
        for (const line of (await serviceLines(tx, actor.scope, actor.today, { keys: keys.map((k) => ({ pbx: k.pbx, sku: k.sku, since: k.since })) })).lines) {
          // The query may bring lines of other groups (of these PBXs, products and starts): only those asked for count.
          const key = groupKey(line.record.pbx, line.record.sku, line.record.since);
          if (loading.has(key)) running.get(key)!.push(line);
        }
      }
    }
    if (actor.scope.kind === 'partner') await checkCustomers(tx, env, actor, [...new Set([...pbxs.values()].map((p) => p.customer))]);
    const fresh: NewRunningLine[] = [];
    for (const { row, record } of batch) {
      const pbx = pbxs.get(record.pbx);
      if (!pbx) {
        row.say('pbx', `PBX ${record.pbx} not found${actor.scope.kind === 'partner' ? ' among your customers’ PBXs' : ''}`);
        continue;
      }
      const refusal = whyNot(pbx, record.since, actor.today);
      if (refusal) {
        row.say(refusal.column, refusal.message);
        continue;
      }
      // A partner's user brings lines in under the rules of checkout: a signed agreement, an account in good standing.
      if (actor.scope.kind === 'partner') {
        const blocked = env.blockers.get(pbx.customer);
        if (blocked) {
          row.say('pbx', blocked);
          continue;
        }
      }
      const existing = running.get(groupKey(record.pbx, record.sku, record.since))?.[record.nth - 1];
      if (existing) {
        const differs = sameLine(existing, record);
        if (differs) row.say(differs.column, differs.message);
        else counts.unchanged++;
        continue;
      }
      if (record.serials && record.serials.length > 0) {
        env.recorded ??= await tx.services.recordedSerials(actor.scope);
        const taken = record.serials.find((s) => env.recorded!.has(`${record.sku}|${s}`));
        if (taken !== undefined) {
          row.say('serials', `${record.sku} ${taken} is already recorded on another line (\`hwaas devices list --serial ${taken}\`): a device has one serial number`);
          continue;
        }
      }
      const line = await newLine(tx, env, actor, row, pbx, record);
      if (line) {
        fresh.push(line);
        for (const s of line.line.serials) env.recorded?.add(`${record.sku}|${s}`);
      }
    }
    if (fresh.length > 0) await tx.orders.insertRunning(fresh);
    counts.created += fresh.length;
  },
};

/** Why a line cannot run on this PBX from `since`: a perpetual or ended PBX, a start outside its life. */
function whyNot(pbx: Pbx, since: CalendarDate, today: CalendarDate): { column: string; message: string } | null {
  const status = pbxStatusOn(pbx, today);
  if (status.kind === 'perpetual') return { column: 'pbx', message: `${pbx.id} has a perpetual licence: HWaaS runs only on subscription PBXs` };
  if (status.kind === 'ended') return { column: 'pbx', message: `${pbx.id} was cancelled and ended on ${formatDate(status.endedOn)}: nothing runs on it any more` };
  if (status.kind === 'not-yet-active' || since < pbx.activated) return { column: 'since', message: `${formatDate(since)} is before ${pbx.id} was activated (${formatDate(pbx.activated)})` };
  return null;
}

/** A row that names a line already there: the same quantity (and prices, where given), or what differs. */
function sameLine(line: ServiceLine, row: ServiceRow): { column: string; message: string } | null {
  const what = `${row.pbx} already runs ${line.qty} × ${row.sku} since ${formatDate(row.since)} (${line.record.order})`;
  if (line.qty !== row.qty) return { column: 'qty', message: `${what}; an import adds lines and never changes one (cancel units with \`hwaas services cancel\`)` };
  if (row.unitPrice !== null && line.unitPrice !== null && row.unitPrice !== line.unitPrice)
    return { column: 'unit price', message: `${what} at ${formatAmount(line.unitPrice)} a term; an import never changes a running line's price` };
  if (row.serials !== null && row.serials.length > 0 && row.serials.join(' ') !== line.record.serials.join(' '))
    return { column: 'serials', message: `${what} with serials ${line.record.serials.join(' ') || 'none'}; an import never changes a running line's serial numbers` };
  if (row.resalePrice !== null && line.resaleUnitPrice !== null && row.resalePrice !== line.resaleUnitPrice)
    return { column: 'resale price', message: `${what} resold at ${formatAmount(line.resaleUnitPrice)} a term; an import never changes a running line's price` };
  return null;
}

async function newLine(tx: Repositories, env: ServicesEnv, actor: Actor, row: RowReader, pbx: Pbx, record: ServiceRow): Promise<NewRunningLine | null> {
  const product = env.products.get(record.sku)!;
  if (!env.partners.has(pbx.partner)) env.partners.set(pbx.partner, tx.parties.partner(pbx.partner));
  const partner = await env.partners.get(pbx.partner)!;
  if (!partner) {
    row.say('pbx', `the partner of ${pbx.id} is not found`);
    return null;
  }
  const segment = segmentOn(pbx, record.since)!;
  const period = pbxPeriodOn(pbx, record.since);
  const book = await env.books.inForce(partner.tier, partner.currency, record.since);
  const listPrice = book?.line(record.sku)?.prices[segment.term] ?? null;
  // What Wildix bills is its price book's: another price (a negotiated one) is Wildix staff's to record.
  if (record.unitPrice !== null && actor.scope.kind === 'partner' && record.unitPrice !== listPrice) {
    row.say(
      'unit price',
      listPrice === null
        ? `the price book in force on ${formatDate(record.since)} has no ${segment.term} price for ${record.sku}: a line at a price of its own is recorded by Wildix staff`
        : `${formatAmount(record.unitPrice)} is not the price book's (${formatAmount(listPrice)} a ${segment.term === 'five-year' ? 'five-year term' : segment.term.replace('ly', '')} on ${formatDate(record.since)}): a negotiated price is recorded by Wildix staff; leave the column blank`,
    );
    return null;
  }
  const unitPrice = record.unitPrice ?? listPrice;
  if (unitPrice === null) {
    row.say(
      'unit price',
      book
        ? `is empty, and the ${partner.tier} ${partner.currency} price book in force on ${formatDate(record.since)} has no ${segment.term} price for ${record.sku}: give the unit price Wildix bills`
        : `is empty, and there is no ${partner.tier} ${partner.currency} price book in force on ${formatDate(record.since)}: give the unit price Wildix bills`,
    );
    return null;
  }
  if (!env.resale.has(pbx.partner)) env.resale.set(pbx.partner, tx.resale.list(pbx.partner).then(resalePricer));
  const resaleUnitPrice = record.resalePrice ?? (await env.resale.get(pbx.partner)!).unitPrice(record.sku, product.category, segment.term, partner.currency, unitPrice);
  if (record.resalePrice === null && resaleUnitPrice === unitPrice) env.atBuyPrice++;
  if (resaleUnitPrice < unitPrice) env.belowBuy++;
  const days = daysBetween(record.since, period.end);
  const periodDays = daysBetween(period.start, period.end);
  // Nothing was charged through hwaas for a line brought in: its first charge is 0; it renews at its price.
  const amount = 0n;
  return {
    partner: pbx.partner,
    customer: pbx.customer,
    pbx: pbx.id,
    term: segment.term,
    currency: partner.currency,
    start: record.since,
    end: period.end,
    periodStart: period.start,
    days,
    periodDays,
    total: amount,
    renewalTotal: unitPrice * BigInt(record.qty),
    createdAt: actor.at,
    by: { user: actor.user.id, actedBy: actor.actedBy },
    line: {
      sku: record.sku,
      name: product.name,
      qty: record.qty,
      unitPrice,
      amount,
      renewal: unitPrice * BigInt(record.qty),
      listPrice,
      resaleUnitPrice,
      resaleRenewal: resaleUnitPrice * BigInt(record.qty),
      serials: record.serials ?? [],
    },
  };
}

/** Checkout's blockers for these customers (those not looked at yet), read for the whole batch at once. */
async function checkCustomers(tx: Repositories, env: ServicesEnv, actor: Actor, ids: readonly string[]): Promise<void> {
  const wanted = ids.filter((id) => !env.blockers.has(id));
  if (wanted.length === 0) return;
  const customers = await tx.customers.getMany(actor.scope, wanted);
  const latest = await tx.agreements.latest(actor.scope, wanted);
  for (const customer of customers) {
    if (!env.partners.has(customer.partner)) env.partners.set(customer.partner, tx.parties.partner(customer.partner));
    if (!env.standings.has(customer.partner)) env.standings.set(customer.partner, await standingOf(tx, customer.partner, actor.today));
    const last = latest.get(customer.id);
    // The latest agreement decides, unless it is dated after today: then all of them are read.
    const agreements = last && last.signedOn > actor.today ? await tx.agreements.list(actor.scope, customer.id) : last ? [last] : [];
    const [first] = blockersOf({ customer, partner: await env.partners.get(customer.partner)!, agreements, standing: env.standings.get(customer.partner)!, today: actor.today });
    // Its first sentence: what checkout says next (drafts) is not for an import.
    env.blockers.set(customer.id, first ? `${first.message.split('. ')[0]!.replace(/\.$/, '')}; lines are brought in under checkout's rules` : null);
  }
}
