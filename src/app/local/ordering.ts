import { RefusedError, UsageError } from '../../errors.js';
import { localDateText } from '../../clock.js';
import { dateRange, idFilter, idOf, optionalId, serialsOf, skuOf } from './ids.js';
import { orderFromQuote, quoteRequest } from '../../domain/ordering/fromQuote.js';
import { withResalePrices } from '../../terms/quote.js';
import { documentIdentity } from './documents.js';
import { ORDER_STATUSES, type OrderStatus, orderId, orderSeq } from '../../domain/kernel/model.js';
import type { Store } from '../../domain/kernel/port.js';
import { noPriceBook, storeBooks } from '../../domain/catalog/pricebooks.js';
import { orderableProducts } from '../../domain/ordering/cart.js';
import { checkPriceOverrides } from '../../domain/ordering/checkout.rules.js';
import { approve, blockersFor, cancel, checkout, placeOrder, saveDraft, ship } from '../../domain/ordering/orders.js';
import { findOrder, listOrders, orderView, previewOrder, showOrder } from '../../domain/ordering/orderView.js';
import type { OrderRequest } from '../../domain/ordering/orderQuote.js';
import { currentPeriod, pbxOnDay, whyNotOrderable } from '../../domain/parties/pbxs.js';
import { type CalendarDate, daysBetween, formatDate, parseDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import { termOn } from '../../terms/period.js';
import { parseTerm } from '../../terms/term.js';
import { type OrderJson, orderJson, orderSummaryJson } from '../../views/json/orders.js';
import type { DocumentJson } from '../../views/json/quotes.js';
import type { OrderInput, UseCases } from '../usecases.js';
import { MEDIA_TYPES, bytesOf } from './catalog.js';
import type { Calls } from './calls.js';
import { requestedItems, safeFileName } from './quoting.js';

/** The amount was shown for one day and the write would run on the next (midnight passed at the prompt). */
export function dayChanged(what: string): RefusedError {
  return new RefusedError(
    'INVALID_STATE',
    `the date changed while you were deciding (midnight passed): ${what} would be priced for another day than the amount shown; ask again to see today's amount.`,
  );
}

/** An order's ID as people write it: ORD-000042 in any case. */
export function orderNumber(id: string): { seq: number; id: string } {
  const seq = orderSeq(idOf(id, 'id'));
  if (seq === null) throw new UsageError(`"${id}" is not an order ID; they look like ORD-000042.`, 'INVALID_INPUT', { hint: { kind: 'find', what: 'order' } });
  return { seq, id: orderId(seq) };
}

function orderRequest(input: OrderInput): OrderRequest {
  if (!input.customer) throw new UsageError('customer: say which customer the order is for.', 'USAGE', { field: 'customer' });
  if (!input.pbx) throw new UsageError('pbx: say which subscription PBX the devices are attached to.', 'USAGE', { field: 'pbx' });
  return {
    customer: idOf(input.customer, 'customer'),
    pbx: idOf(input.pbx, 'pbx'),
    term: input.term ? parseTerm(input.term, 'term') : null,
    items: requestedItems(input.items),
  };
}

/** The day a caller was shown figures for, to compare with today's before a write that charges. */
const shownDay = (day: string | null | undefined): CalendarDate | null => (day === null || day === undefined ? null : parseDate(day, 'day'));

/** Orders: listed, shown, previewed, saved, placed, checked out, cancelled, approved, shipped, and as PDFs. */
export function orderingUseCases(calls: Calls): Pick<UseCases, 'orders'> {
  const viewJson = async (store: Store, actor: Parameters<typeof orderView>[1], order: Parameters<typeof orderView>[2]): Promise<OrderJson> => orderJson(await orderView(store, actor, order));

  return {
    orders: {
      async list(input) {
        if (input.status && !(ORDER_STATUSES as readonly string[]).includes(input.status)) {
          throw new UsageError(`status: "${input.status}" is not an order status; use ${ORDER_STATUSES.join(', ')}.`, 'INVALID_INPUT', { field: 'status' });
        }
        const partner = idFilter(input.partner, 'partner') ?? null;
        const { from, to } = dateRange(input.from, input.to);
        const { store, actor } = await calls.reader();
        const zone = from !== null || to !== null ? await store.settings.get('timezone') : null;
        const orders = (
          await listOrders(store, actor, {
            status: (input.status as OrderStatus | null | undefined) ?? null,
            customer: idFilter(input.customer, 'customer'),
            partner,
            imported: input.imported === true,
          })
        ).filter((o) => {
          if (from === null && to === null) return true;
          const day = parseDate(localDateText(o.placedAt ?? o.createdAt, zone), 'day');
          return (from === null || day >= from) && (to === null || day <= to);
        });
        // The names of the customers listed, read by key (a staff store may hold 200,000 customers).
        const names = new Map((await store.customers.getMany(actor.scope, [...new Set(orders.map((o) => o.customer))])).map((c) => [c.id, c.name]));
        return { items: orders.map((o) => orderSummaryJson(o, names.get(o.customer) ?? null)), viewer: actor.scope.kind };
      },

      async show({ id }) {
        const order = orderNumber(id);
        const { store, actor } = await calls.reader();
        return orderJson(await showOrder(store, actor, order.seq, order.id));
      },

      async preview(input) {
        const request = orderRequest(input);
        const { store, actor } = await calls.reader();
        checkPriceOverrides(actor.user, request.items);
        const quote = await previewOrder(store, actor, request);
        return { total: formatAmount(quote.total), currency: quote.currency, resaleTotal: quote.resaleTotal === null ? null : formatAmount(quote.resaleTotal), day: formatDate(actor.today) };
      },

      async save(input) {
        const request = orderRequest(input);
        const { store, actor } = await calls.writer();
        const { order } = await saveDraft(store, actor, request);
        return viewJson(store, actor, order);
      },

      async place(input) {
        const request = orderRequest(input);
        const day = shownDay(input.day);
        const { store, actor } = await calls.writer();
        if (day !== null && actor.today !== day) throw dayChanged('the order');
        return viewJson(store, actor, await placeOrder(store, actor, request));
      },

      async previewFromQuote(input) {
        const number = idOf(input.number, 'number', 'a quote number');
        const { store, actor } = await calls.reader();
        const { request, held } = await quoteRequest(store, actor, number, optionalId(input.partner, 'partner') ?? null, input.reprice === true);
        // The customer pays the quote's prices while it holds.
        const quote = withResalePrices(await previewOrder(store, actor, request), held);
        return { total: formatAmount(quote.total), currency: quote.currency, resaleTotal: quote.resaleTotal === null ? null : formatAmount(quote.resaleTotal), day: formatDate(actor.today) };
      },

      async fromQuote(input) {
        const number = idOf(input.number, 'number', 'a quote number');
        if (typeof input.checkout !== 'boolean') throw new UsageError('checkout: say whether to check the order out (true) or save a draft (false).', 'USAGE', { field: 'checkout' });
        const day = shownDay(input.day);
        const { store, actor } = await calls.writer();
        if (day !== null && actor.today !== day) throw dayChanged('the order');
        const order = await orderFromQuote(store, actor, number, optionalId(input.partner, 'partner') ?? null, { checkout: input.checkout, reprice: input.reprice === true });
        return viewJson(store, actor, order);
      },

      async previewCheckout({ id }) {
        const order = orderNumber(id);
        const { store, actor } = await calls.reader();
        const view = await showOrder(store, actor, order.seq, order.id);
        const saved = view.order.savedTotal;
        return { order: orderJson(view), day: formatDate(actor.today), savedTotal: saved === null ? null : formatAmount(saved) };
      },

      async checkout({ id, day }) {
        const order = orderNumber(id);
        const shown = shownDay(day);
        const { store, actor } = await calls.writer();
        const existing = await findOrder(store, actor, order.seq, order.id);
        // A draft is re-priced for the day it is placed: on another day than the one shown, the amount would differ.
        if (shown !== null && existing.status === 'draft' && actor.today !== shown) throw dayChanged(existing.id);
        return viewJson(store, actor, await checkout(store, actor, order.seq, order.id));
      },

      async cancel({ id }) {
        const order = orderNumber(id);
        const { store, actor } = await calls.writer();
        const existing = await findOrder(store, actor, order.seq, order.id);
        const cancelled = await cancel(store, actor, order.seq, order.id);
        return { ...(await viewJson(store, actor, cancelled)), wasStatus: existing.status };
      },

      async approve({ id }) {
        const order = orderNumber(id);
        const { store, actor } = await calls.writer();
        return viewJson(store, actor, await approve(store, actor, order.seq, order.id));
      },

      async ship({ id, serials }) {
        const order = orderNumber(id);
        const given = new Map<string, string[]>();
        if (serials !== undefined && serials !== null) {
          if (!Array.isArray(serials)) throw new UsageError('serials: a list of products and serial numbers.', 'INVALID_INPUT', { field: 'serials' });
          const all = serialsOf(
            serials.map((s) => String(s?.serial ?? '')),
            'serials',
          );
          serials.forEach((s, index) => {
            const sku = skuOf(String(s?.sku ?? ''), 'serials');
            given.set(sku, [...(given.get(sku) ?? []), all[index]!]);
          });
        }
        const { store, actor } = await calls.writer();
        return viewJson(store, actor, await ship(store, actor, order.seq, order.id, given));
      },

      async document(input) {
        const number = orderNumber(input.id);
        const copy = input.copy;
        if (copy !== 'customer' && copy !== 'internal')
          throw new UsageError(`copy: "${String(copy)}" is not a copy of an order; write the customer's or the internal one.`, 'INVALID_INPUT', { field: 'copy' });
        const { store, actor } = await calls.reader();
        const view = await showOrder(store, actor, number.seq, number.id);
        const { order, figures } = view;
        if (copy === 'customer') {
          if (order.status === 'cancelled')
            throw new RefusedError('INVALID_STATE', `${order.id} was cancelled: a cancelled order confirms nothing to a customer (\`--internal\` prints your own copy).`);
          if (order.status === 'draft')
            throw new RefusedError(
              'INVALID_STATE',
              `${order.id} is a draft, not an order yet: check it out first (\`hwaas orders checkout ${order.id}\`), or send the customer a quote (\`hwaas quote --pbx ${order.pbx} … --format pdf\`).`,
            );
          if (order.source === 'import')
            throw new RefusedError('INVALID_STATE', `${order.id} is a running line brought in by an import, not an order placed through hwaas: it has no order confirmation.`);
        }
        if (!figures.quote) throw new RefusedError('NOT_PRICED', `${order.id} cannot be priced today, so there is nothing to confirm: ${(figures.problem ?? '').replace(/[.]$/, '')}.`);
        const quote = figures.quote;
        if (copy === 'customer' && quote.resaleTotal === null) throw new UsageError(`${order.id} has no resale prices to show a customer.`, 'USAGE', { hint: { kind: 'internal-copy' } });
        const partner = await store.parties.partner(order.partner);
        const customer = view.customer;
        const zone = await store.settings.get('timezone');
        // The partner's own copy says what the order is: a draft, one cancelled, or confirmed.
        const title = order.status === 'cancelled' ? `Cancelled order ${order.id}` : figures.estimate ? `Draft order ${order.id}` : `Order confirmation ${order.id}`;
        const samplePrices = (await store.settings.get('sample_prices')) === '1';
        const sandbox = (await store.mode()) === 'sandbox';
        const identity = copy === 'customer' && partner ? await documentIdentity(store, partner, customer) : null;
        const { writeQuotePdf } = await import('../../export/quotePdf.js');
        const content = await bytesOf((out) =>
          writeQuotePdf(
            {
              copy,
              title,
              quote,
              date: actor.today,
              whatIf: calls.options.session.date !== null,
              partner: partner ? { name: partner.name, areaManager: `${partner.areaManagerName} <${partner.areaManagerEmail}>` } : null,
              customer: customer ? { id: customer.id, name: customer.name } : null,
              pbx: view.pbx ? { id: view.pbx.id, name: view.pbx.name } : null,
              samplePrices,
              sandbox,
              facts: [`Order ${order.id}: ${order.status}${order.placedAt ? `, placed ${localDateText(order.placedAt, zone)}` : ''}.${figures.estimate ? ' Figures as if checked out today.' : ''}`],
              internalFacts: order.warnings,
              identity,
            },
            input.paper ?? 'a4',
            out,
          ),
        );
        return {
          name: safeFileName(`hwaas-order-${order.id}${copy === 'internal' ? '-internal' : ''}.pdf`),
          mediaType: MEDIA_TYPES.pdf,
          content,
          title: copy === 'internal' ? `${title} (internal copy)` : title,
          number: null,
          ...(identity && identity.warnings.length > 0 ? { warnings: [...identity.warnings] } : {}),
        } satisfies DocumentJson;
      },

      async blockers({ customer }) {
        const { store, actor } = await calls.reader();
        const found = await store.customers.get(actor.scope, idOf(customer, 'customer'));
        if (!found) throw new RefusedError('NOT_FOUND', `customer ${customer} not found.`, { hint: { kind: 'find', what: 'customer' } });
        return (await blockersFor(store, actor, found)).map((b) => ({ code: b.code, message: b.message, ...(b.hint ? { hint: b.hint } : {}) }));
      },

      async pbxChoices({ customer }) {
        const { store, actor } = await calls.reader();
        const today = actor.today;
        const pbxs = await store.pbxs.list(actor.scope, { customer: idOf(customer, 'customer') });
        return pbxs.map((p) => {
          const licensed = termOn(p, today);
          const whyNot = licensed === 'perpetual' ? whyNotOrderable(p, 'yearly', today) : whyNotOrderable(p, licensed, today);
          const period = currentPeriod(pbxOnDay(p, today));
          return {
            id: p.id,
            name: p.name,
            license: licensed,
            expiresOn: period ? formatDate(period.expiresOn) : null,
            daysLeft: period ? daysBetween(today, period.expiresOn) : null,
            whyNot,
          };
        });
      },

      async orderable({ pbx }) {
        const { store, actor } = await calls.reader();
        const found = await store.pbxs.get(actor.scope, idOf(pbx, 'pbx'));
        if (!found) throw new RefusedError('NOT_FOUND', `PBX ${pbx} not found.`, { hint: { kind: 'find', what: 'PBX' } });
        const licensed = termOn(found, actor.today);
        if (licensed === 'perpetual') throw new RefusedError('NOT_ELIGIBLE', `PBX ${found.id} has a perpetual licence: HWaaS needs a subscription PBX.`);
        const partner = (await store.parties.partner(found.partner))!;
        const book = await storeBooks(store).inForce(partner.tier, partner.currency, actor.today);
        if (!book) throw noPriceBook(partner.tier, partner.currency, actor.today);
        const stock = new Map((await store.stock.list()).map((s) => [s.sku, s.onHand - s.reserved]));
        return {
          term: licensed,
          currency: partner.currency,
          products: orderableProducts(book, licensed).map((p) => ({
            sku: p.sku,
            name: p.name,
            category: p.category,
            stocked: p.stocked,
            price: formatAmount(p.prices[licensed]!),
            available: p.stocked ? (stock.get(p.sku) ?? 0) : null,
          })),
        };
      },
    },
  };
}
