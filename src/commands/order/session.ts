import type { Context } from '../../cli/context.js';
import { saidText } from '../../cli/hints.js';
import { renderQuote } from '../../cli/quoteView.js';
import { Cart, backordered, orderableProducts } from '../../domain/ordering/cart.js';
import type { Customer, Partner, Pbx, Product } from '../../domain/kernel/model.js';
import type { Blocker } from '../../domain/ordering/checkout.rules.js';
import { blockersFor, placeOrder, saveDraft } from '../../domain/ordering/orders.js';
import { currentPeriod, pbxOnDay, whyNotOrderable } from '../../domain/parties/pbxs.js';
import { noPriceBook } from '../../domain/catalog/pricebooks.js';
import { makeQuote, storeQuoteSources } from '../../domain/quoting/quoting.js';
import { customerSearch, searchKey } from '../../domain/kernel/search.js';
import { PICK_LIMIT } from '../../cli/pickers.js';
import { escapeUnsafe } from '../../domain/kernel/text.js';
import { formatDate, daysBetween } from '../../terms/dates.js';
import { formatMoney } from '../../terms/money.js';
import type { Quote } from '../../terms/quote.js';
import { termOn } from '../../terms/period.js';
import { PER_TERM, TERM_LABELS, type Term } from '../../terms/term.js';
import { MAX_QTY } from '../../domain/catalog/items.js';

const BACK = '__back__' as const;
const QUIT = '__quit__' as const;

/**
 * The portal's HWaaS flow at a terminal: customer, PBX (its term is the duration), cart,
 * review, then a draft or a placed order. Every step has a way back (cart → PBX →
 * customer → partner). Prompts and the running cart go to stderr; stdout gets only the
 * result. Ctrl-C anywhere leaves the store untouched and says so.
 */
export async function orderSession(ctx: Context): Promise<number> {
  // Ctrl-C at any prompt ends here with "Nothing saved." (report.ts), exit 130.
  return session(ctx);
}

type Step = 'partner' | 'customer' | 'blockers' | 'pbx' | 'cart';

async function session(ctx: Context): Promise<number> {
  // Imported here, not at the top: @inquirer/prompts is an ES module, and the bundle is CommonJS.
  const { Separator, confirm, number, search, select } = await import('@inquirer/prompts');
  const store = await ctx.store();
  const actor = await ctx.actor();
  const { scope, user } = actor;
  const streams = { input: ctx.io.stdin, output: ctx.io.stderr };
  const say = (text: string) => ctx.err(text);
  const { chalk } = ctx.style;
  const staff = user.role === 'staff';
  // The prompts are on stderr: their rows fit its width.
  const terminalWidth = (ctx.io.stderr as { columns?: number }).columns ?? 80;

  let partner: Partner = staff ? (null as unknown as Partner) : (await store.parties.partner(user.partner!))!;
  let customer: Customer | null = null;
  let blockers: Blocker[] = [];
  let pbx: Pbx | null = null;
  let term: Term = 'yearly';
  const cart = new Cart();
  let step: Step = staff ? 'partner' : 'customer';

  for (;;) {
    if (step === 'partner') {
      // 1. Staff pick the partner first.
      const partners = await store.parties.partners();
      partner = await select({ message: 'Which partner is ordering?', choices: partners.map((p) => ({ name: escapeUnsafe(`${p.name} (${p.id}, ${p.currency})`), value: p })) }, streams);
      step = 'customer';
      continue;
    }

    if (step === 'customer') {
      // 2. The customer.
      if ((await store.customers.count(scope, { partner: partner.id })) === 0) {
        say(`${partner.name} has no customers yet: add one with \`hwaas customers add --name NAME\`${staff ? ` --partner ${partner.id}` : ''}.`);
        if (!staff) return 1;
        step = 'partner';
        continue;
      }
      const back: { name: string; value: Customer | typeof BACK | typeof QUIT }[] = [...(staff ? [{ name: '← Choose another partner', value: BACK }] : []), { name: 'Quit', value: QUIT }];
      const picked: Customer | typeof BACK | typeof QUIT = await search(
        {
          message: 'Customer (type to search):',
          // Each keystroke asks the store for the first matches (in SQL, with a limit): as quick with 200,000 customers as with 20.
          source: async (text) => {
            const found = (await store.customers.list(scope, { partner: partner.id, search: customerSearch(text ?? ''), limit: PICK_LIMIT })).map((c) => ({
              name: escapeUnsafe(`${c.name} (${c.id})`),
              value: c as Customer | typeof BACK | typeof QUIT,
            }));
            return [...found, ...back];
          },
          pageSize: 10,
        },
        streams,
      );
      if (picked === QUIT) {
        say('Nothing saved.');
        return 0;
      }
      if (picked === BACK) {
        step = 'partner';
        continue;
      }
      customer = picked;
      // What blocks checkout is known now: say it before the cart is built.
      blockers = await blockersFor(store, actor, customer);
      const today = await ctx.today();
      const usable = (await store.pbxs.list(scope, { customer: customer.id })).filter((p) => {
        const licensed = termOn(p, today);
        return licensed !== 'perpetual' && whyNotOrderable(p, licensed, today) === null;
      });
      if (usable.length === 0) {
        // Nothing to order on: say everything that stands in the way at once, and go back.
        for (const blocker of blockers) say(chalk.red(`✗ ${blocker.code}: ${saidText(blocker)}`));
        say(chalk.yellow(`${customer.name} has no subscription PBX that can take HWaaS today: HWaaS runs only on a monthly, yearly or five-year PBX. Register one with \`hwaas pbx add --customer ${customer.id} --license yearly …\`, or choose another customer.`));
        const next = await select({ message: 'Next:', choices: [{ name: '← Choose another customer', value: 'back' }, { name: 'Quit', value: 'quit' }] }, streams);
        if (next === 'quit') {
          say('Nothing saved.');
          return 0;
        }
        step = 'customer';
        continue;
      }
      step = blockers.length > 0 ? 'blockers' : 'pbx';
      continue;
    }

    if (step === 'blockers') {
      for (const blocker of blockers) say(chalk.red(`✗ ${blocker.code}: ${saidText(blocker)}`));
      const next = await select(
        {
          message: `${customer!.name} cannot check out today:`,
          choices: [
            { name: 'Go on and save a draft at the end (check out once this is solved)', value: 'on' },
            { name: '← Choose another customer', value: 'back' },
            { name: 'Quit', value: 'quit' },
          ],
        },
        streams,
      );
      if (next === 'quit') {
        say('Nothing saved.');
        return 0;
      }
      step = next === 'back' ? 'customer' : 'pbx';
      continue;
    }

    if (step === 'pbx') {
      // 3. The PBX decides the duration: only running subscription PBXs can be chosen; the others say why not.
      const pbxs = await store.pbxs.list(scope, { customer: customer!.id });
      const today = await ctx.today();
      const choices = pbxs.map((p) => {
        const licensed = termOn(p, today);
        const reason = licensed === 'perpetual' ? whyNotOrderable(p, 'yearly', today) : whyNotOrderable(p, licensed, today);
        const period = currentPeriod(pbxOnDay(p, today));
        const expires = period ? formatDate(period.expiresOn) : null;
        return { name: escapeUnsafe(`${p.id} ${p.name} (${licensed}${expires ? `, expires ${expires}` : ''})`), value: p.id, disabled: reason ?? false };
      });
      const usable = choices.filter((c) => c.disabled === false);
      if (usable.length === 0) {
        say(
          chalk.yellow(
            `${customer!.name} has no subscription PBX that can take HWaaS today${pbxs.length === 0 ? ' (no PBX at all)' : ''}: HWaaS runs only on a monthly, yearly or five-year PBX. Register one with \`hwaas pbx add --customer ${customer!.id} --license yearly …\`, or choose another customer.`,
          ),
        );
      }
      const picked = await select(
        {
          message: 'PBX (its licence term is the duration of everything ordered for it):',
          choices: [...choices, new Separator(), { name: '← Choose another customer', value: BACK }, { name: 'Quit', value: QUIT }],
          default: usable[0]?.value ?? BACK,
        },
        streams,
      );
      if (picked === QUIT) {
        if (cart.size > 0 && !(await confirm({ message: `Quit and lose the cart (${cart.size} line${cart.size === 1 ? '' : 's'})?`, default: false }, streams))) continue;
        say('Nothing saved.');
        return 0;
      }
      if (picked === BACK) {
        step = 'customer';
        continue;
      }
      const chosen = pbxs.find((p) => p.id === picked)!;
      const chosenTerm = termOn(chosen, today) as Term;
      if (cart.size > 0 && chosenTerm !== term) {
        if (!(await confirm({ message: `PBX ${chosen.id} is ${chosenTerm}: the cart's ${term} services cannot go on it. Empty the cart and go on?`, default: false }, streams))) continue;
        for (const [sku] of cart.entries()) cart.remove(sku);
      }
      pbx = chosen;
      term = chosenTerm;
      // Co-termination, said before anything is added.
      const period = currentPeriod(pbxOnDay(pbx, today));
      say(`Duration: ${TERM_LABELS[term]} (${term}), the term of PBX ${pbx.id}.`);
      if (period) {
        say(
          `Everything ordered now ends with PBX ${pbx.id} on ${formatDate(period.expiresOn)}: the first charge covers the ${daysBetween(today, period.expiresOn)} days from today, then it renews with the PBX at the full ${term} price.`,
        );
      }
      step = 'cart';
      continue;
    }

    // 4. The cart.
    const outcome = await cartStep();
    if (outcome === 'back') {
      step = 'pbx';
      continue;
    }
    return outcome;
  }

  async function cartStep(): Promise<number | 'back'> {
    const thePbx = pbx!;
    const theCustomer = customer!;
    const sources = storeQuoteSources(store, scope);
    const today = await ctx.today();
    const book = await sources.books.inForce(partner.tier, partner.currency, today);
    if (!book) throw noPriceBook(partner.tier, partner.currency, today);
    const products = orderableProducts(book, term);
    const stock = new Map((await store.stock.list()).map((s) => [s.sku, s.onHand - s.reserved]));
    const quote = async (): Promise<Quote> => (await makeQuote(sources, { pbx: thePbx.id, term, start: await ctx.today(), items: cart.items() })).quote;
    const showCart = async () => {
      if (cart.size === 0) say('The cart is empty.');
      else say(renderQuote({ ...ctx.style, width: terminalWidth, wideHint: false }, await quote(), `Cart for ${theCustomer.name}, PBX ${thePbx.id}`));
    };
    const available = (product: Product) => (product.stocked ? (stock.get(product.sku) ?? 0) : null);
    const askQty = async (product: Product, current?: number): Promise<number> => {
      const free = available(product);
      const qty = await number(
        {
          message: `Quantity of ${product.name}${free === null ? '' : ` (available: ${free})`} (0: back to the cart):`,
          default: current ?? 1,
          min: 0,
          max: MAX_QTY,
          step: 1,
          required: true,
        },
        streams,
      );
      if (qty === 0) return 0;
      const waiting = backordered(free, qty!);
      if (waiting > 0) say(chalk.yellow(`⚠ Backorder: only ${free} available; ${waiting} will follow when stock arrives (the order is still accepted).`));
      return qty!;
    };
    // The picker's columns: SKU, name, price per term, availability, aligned.
    const skuWidth = Math.max(...products.map((p) => p.sku.length));
    const priceText = (p: Product & { prices: Partial<Record<Term, bigint>> }) => `${formatMoney(p.prices[term]!, partner.currency)} / ${PER_TERM[term]}`;
    const priceWidth = Math.max(...products.map((p) => priceText(p).length));
    const availableWidth = Math.max(0, ...products.map((p) => (available(p) === null ? 0 : `  (available ${available(p)})`.length)));
    // One row per product within the terminal: the name gives way ("…"), never the SKU or the price.
    const room = terminalWidth - 2 - skuWidth - 2 - 2 - priceWidth - availableWidth - 1;
    const nameWidth = Math.max(12, Math.min(Math.max(...products.map((p) => [...p.name].length)), room));
    const shortName = (name: string) => ([...name].length <= nameWidth ? name : `${[...name].slice(0, nameWidth - 1).join('')}…`);
    if (cart.size > 0) await showCart();

    for (;;) {
      const action = await select(
        {
          message: 'Cart:',
          choices: [
            { name: 'Add a product', value: 'add' },
            { name: 'Change a quantity', value: 'change', disabled: cart.size === 0 ? 'the cart is empty' : false },
            { name: 'Remove a line', value: 'remove', disabled: cart.size === 0 ? 'the cart is empty' : false },
            { name: 'Review and finish', value: 'review', disabled: cart.size === 0 ? 'add a product first' : false },
            { name: '← Choose another PBX', value: 'back' },
            { name: 'Quit without saving', value: 'quit' },
          ],
        },
        streams,
      );
      if (action === 'quit') {
        say('Nothing saved.');
        return 0;
      }
      if (action === 'back') return 'back';
      if (action === 'add') {
        const product: Product | typeof BACK = await search(
          {
            message: 'Product (type to search by name or SKU):',
            source: (text) => {
              const key = searchKey(text ?? '');
              const found = products
                .filter((p) => searchKey(`${p.sku} ${p.name} ${p.category}`).includes(key))
                .map((p) => {
                  const free = available(p);
                  return {
                    name: `${p.sku.padEnd(skuWidth)}  ${shortName(p.name).padEnd(nameWidth)}  ${priceText(p).padStart(priceWidth)}${free === null ? '' : `  (available ${free})`}`,
                    value: p as Product | typeof BACK,
                  };
                });
              return [...found, { name: '← Back to the cart', value: BACK }];
            },
            pageSize: 12,
          },
          streams,
        );
        if (product !== BACK) {
          const qty = await askQty(product);
          if (qty > 0) cart.add(product.sku, qty);
        }
      } else if (action === 'change' || action === 'remove') {
        const sku = await select(
          {
            message: action === 'change' ? 'Which line?' : 'Remove which line?',
            choices: [...cart.entries().map(([s, q]) => ({ name: `${s} × ${q}`, value: s })), { name: '← Back to the cart', value: BACK }],
          },
          streams,
        );
        if (sku === BACK) continue;
        if (action === 'remove') cart.remove(sku);
        else {
          const qty = await askQty(products.find((p) => p.sku === sku)!, cart.qty(sku));
          if (qty > 0) cart.set(sku, qty);
        }
      } else {
        // 5. Review: the quote, and again anything that blocks checkout.
        const reviewedOn = await ctx.today();
        const reviewed = await quote();
        await showCart();
        const blocked = await blockersFor(store, actor, theCustomer);
        for (const blocker of blocked) say(chalk.red(`✗ ${blocker.code}: ${saidText(blocker)}`));
        const amount = formatMoney(reviewed.total, reviewed.currency);
        const next = await select(
          {
            message: 'Finish:',
            choices: [
              { name: `Check out now (first charge ${amount})`, value: 'checkout', disabled: blocked.length ? `blocked: ${blocked.map((b) => b.code).join(', ')}` : false },
              { name: 'Save as a draft (check out later)', value: 'save' },
              { name: '← Back to the cart', value: 'back' },
              { name: 'Quit without saving', value: 'quit' },
            ],
            default: blocked.length ? 'save' : 'checkout',
          },
          streams,
        );
        if (next === 'quit') {
          say('Nothing saved.');
          return 0;
        }
        if (next === 'back') continue;
        const customerPays = reviewed.resaleTotal !== null && reviewed.resaleTotal !== reviewed.total ? `; your customer pays ${formatMoney(reviewed.resaleTotal, reviewed.currency)}` : '';
        if (next === 'checkout' && !(await confirm({ message: `Place this order for ${amount} (what you pay now, the first charge${customerPays})?`, default: true }, streams))) continue;
        // Who acts and on which day, read again: the session may have stayed open past midnight.
        const now = await ctx.actor();
        if (now.today !== reviewedOn) {
          say(chalk.yellow('The date changed since the review (midnight passed): here are the figures for today.'));
          await showCart();
          continue;
        }
        const request = { customer: theCustomer.id, pbx: thePbx.id, term, items: cart.items() };
        if (next === 'save') {
          const { order } = await saveDraft(store, now, request);
          ctx.out(`Saved draft ${order.id}: ${amount} if checked out today; check it out later with \`hwaas orders checkout ${order.id}\`.`);
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
}
