import type { Context } from '../../cli/context.js';
import { saidText } from '../../cli/hints.js';
import { renderQuote } from '../../cli/quoteView.js';
import { Cart, backordered, orderableProducts } from '../../domain/cart.js';
import type { Customer, Partner, Pbx, Product } from '../../domain/model.js';
import { blockersFor, placeOrder, saveDraft } from '../../domain/orders.js';
import { currentPeriod, pbxOnDay, whyNotOrderable } from '../../domain/pbxs.js';
import { MAX_QTY } from '../../domain/pricing.js';
import { noPriceBook } from '../../domain/pricebooks.js';
import { makeQuote, storeQuoteSources } from '../../domain/quoting.js';
import { searchKey } from '../../domain/search.js';
import { escapeUnsafe } from '../../domain/text.js';
import { formatDate, daysBetween } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import type { Quote } from '../../terms/quote.js';
import { TERM_LABELS, TERMS, type Term } from '../../terms/term.js';

const BACK = '__back__';

/**
 * The portal's HWaaS flow at a terminal: customer, duration, PBX, cart, review,
 * then a draft or a placed order. Prompts and the running cart go to stderr;
 * stdout gets only the result. Ctrl-C anywhere leaves the store untouched.
 */
export async function orderSession(ctx: Context): Promise<number> {
  // Imported here, not at the top: @inquirer/prompts is an ES module, and the bundle is CommonJS.
  const { Separator, number, search, select } = await import('@inquirer/prompts');
  const store = await ctx.store();
  const actor = await ctx.actor();
  const { scope, user } = actor;
  const streams = { input: ctx.io.stdin, output: ctx.io.stderr };
  const say = (text: string) => ctx.err(text);
  const { chalk } = ctx.style;

  // 1. The customer (staff pick the partner first).
  let partner: Partner;
  if (user.role === 'staff') {
    const partners = await store.parties.partners();
    partner = await select({ message: 'Which partner is ordering?', choices: partners.map((p) => ({ name: escapeUnsafe(`${p.name} (${p.id}, ${p.currency})`), value: p })) }, streams);
  } else {
    partner = (await store.parties.partner(user.partner!))!;
  }
  const customers = await store.customers.list(scope, { partner: partner.id });
  if (customers.length === 0) {
    say(`${partner.name} has no customers yet: add one with \`hwaas customers add --name NAME\`.`);
    return 1;
  }
  const customer: Customer = await search(
    {
      message: 'Customer (type to search):',
      source: (term) => {
        const key = searchKey(term ?? '');
        return customers.filter((c) => searchKey(c.name).includes(key) || c.id.toLowerCase().includes(key)).map((c) => ({ name: escapeUnsafe(`${c.name} (${c.id})`), value: c }));
      },
      pageSize: 10,
    },
    streams,
  );

  // 2. Duration and PBX: only subscription PBXs of that term can be chosen, the others say why not.
  const pbxs = await store.pbxs.list(scope, { customer: customer.id });
  let term: Term;
  let pbx: Pbx | null = null;
  do {
    term = await select({ message: 'Duration:', choices: TERMS.map((t) => ({ name: TERM_LABELS[t], value: t, description: `${t} HWaaS: only on a PBX with ${t} licences` })) }, streams);
    const choices = pbxs.map((p) => {
      const reason = whyNotOrderable(p, term, ctx.today);
      const period = currentPeriod(pbxOnDay(p, ctx.today));
      const expires = period ? formatDate(period.expiresOn) : null;
      return { name: escapeUnsafe(`${p.id} ${p.name} (${p.license}${expires ? `, expires ${expires}` : ''})`), value: p.id, disabled: reason ?? false };
    });
    if (!choices.some((c) => c.disabled === false)) say(chalk.yellow(`No PBX of ${customer.name} takes ${term} HWaaS today; choose another duration.`));
    const firstEnabled = choices.find((c) => c.disabled === false)?.value ?? BACK;
    const picked = await select(
      { message: 'PBX:', choices: [...choices, new Separator(), { name: '← Choose another duration', value: BACK }], default: firstEnabled },
      streams,
    );
    pbx = picked === BACK ? null : pbxs.find((p) => p.id === picked)!;
  } while (!pbx);

  // 3. Co-termination, said before anything is added.
  const period = currentPeriod(pbxOnDay(pbx, ctx.today));
  if (period) {
    say(
      `Everything ordered now ends with PBX ${pbx.id} on ${formatDate(period.expiresOn)}: the first charge covers the ${daysBetween(ctx.today, period.expiresOn)} days from today, then it renews with the PBX at the full ${term} price.`,
    );
  }

  // 4. The cart.
  const sources = storeQuoteSources(store, scope);
  const book = await sources.books.inForce(partner.tier, partner.currency, ctx.today);
  if (!book) throw noPriceBook(partner.tier, partner.currency, ctx.today);
  const products = orderableProducts(book, term);
  const stock = new Map((await store.stock.list()).map((s) => [s.sku, s.onHand - s.reserved]));
  const cart = new Cart();
  const quote = async (): Promise<Quote> => (await makeQuote(sources, { pbx: pbx!.id, term, start: ctx.today, items: cart.items() })).quote;
  const showCart = async () => {
    if (cart.size === 0) say('The cart is empty.');
    else say(renderQuote(ctx.style, await quote(), `Cart for ${customer.name}, PBX ${pbx!.id}`));
  };
  const available = (product: Product) => (product.stocked ? (stock.get(product.sku) ?? 0) : null);
  const askQty = async (product: Product, current?: number): Promise<number> => {
    const free = available(product);
    const qty = await number(
      {
        message: `Quantity of ${product.name}${free === null ? '' : ` (available: ${free})`}:`,
        default: current ?? 1,
        min: 1,
        max: MAX_QTY,
        step: 1,
        required: true,
      },
      streams,
    );
    const waiting = backordered(free, qty!);
    if (waiting > 0) say(chalk.yellow(`⚠ Backorder: only ${free} available; ${waiting} will follow when stock arrives (the order is still accepted).`));
    return qty!;
  };

  for (;;) {
    const action = await select(
      {
        message: 'Cart:',
        choices: [
          { name: 'Add a product', value: 'add' },
          { name: 'Change a quantity', value: 'change', disabled: cart.size === 0 ? 'the cart is empty' : false },
          { name: 'Remove a line', value: 'remove', disabled: cart.size === 0 ? 'the cart is empty' : false },
          { name: 'Review and finish', value: 'review', disabled: cart.size === 0 ? 'add a product first' : false },
          { name: 'Quit without saving', value: 'quit' },
        ],
      },
      streams,
    );
    if (action === 'quit') {
      say('Nothing saved.');
      return 0;
    }
    if (action === 'add') {
      const product: Product = await search(
        {
          message: 'Product (type to search by name or SKU):',
          source: (text) => {
            const key = searchKey(text ?? '');
            return products
              .filter((p) => searchKey(`${p.sku} ${p.name} ${p.category}`).includes(key))
              .map((p) => {
                const free = available(p);
                const price = p.prices[term]!;
                return { name: `${p.sku}  ${p.name}  ${formatMoney(price, partner.currency)}/${term}${free === null ? '' : `  (available ${free})`}`, value: p };
              });
          },
          pageSize: 12,
        },
        streams,
      );
      cart.add(product.sku, await askQty(product));
    } else if (action === 'change' || action === 'remove') {
      const sku = await select({ message: action === 'change' ? 'Which line?' : 'Remove which line?', choices: cart.entries().map(([s, q]) => ({ name: `${s} × ${q}`, value: s })) }, streams);
      if (action === 'remove') cart.remove(sku);
      else cart.set(sku, await askQty(products.find((p) => p.sku === sku)!, cart.qty(sku)));
    } else {
      // 5. Review: the quote, and up front anything that blocks checkout.
      const reviewedOn = ctx.today;
      await showCart();
      const blockers = await blockersFor(store, actor, customer);
      for (const blocker of blockers) say(chalk.red(`✗ ${blocker.code}: ${saidText(blocker)}`));
      const next = await select(
        {
          message: 'Finish:',
          choices: [
            { name: 'Check out now', value: 'checkout', disabled: blockers.length ? `blocked: ${blockers.map((b) => b.code).join(', ')}` : false },
            { name: 'Save as a draft (check out later)', value: 'save' },
            { name: 'Back to the cart', value: 'back' },
            { name: 'Quit without saving', value: 'quit' },
          ],
          default: blockers.length ? 'save' : 'checkout',
        },
        streams,
      );
      if (next === 'quit') {
        say('Nothing saved.');
        return 0;
      }
      if (next === 'back') continue;
      // Who acts and on which day, read again: the session may have stayed open past midnight.
      const now = await ctx.actor();
      if (now.today !== reviewedOn) {
        say(chalk.yellow('The date changed since the review (midnight passed): here are the figures for today.'));
        await showCart();
        continue;
      }
      const request = { customer: customer.id, pbx: pbx.id, term, items: cart.items() };
      if (next === 'save') {
        const { order } = await saveDraft(store, now, request);
        ctx.out(`Saved draft ${order.id}; check it out later with \`hwaas orders checkout ${order.id}\`.`);
        return 0;
      }
      const order = await placeOrder(store, now, request);
      ctx.out(`Placed ${order.id}: first charge ${formatMoney(order.total!, order.currency)}, ending with PBX ${order.pbx} on ${formatDate(order.end!)}. Track it with \`hwaas orders show ${order.id}\`.`);
      for (const warning of order.warnings) ctx.out(chalk.yellow(`⚠ ${warning}`));
      return 0;
    }
    await showCart();
  }
}
