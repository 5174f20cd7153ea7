import { saidText } from '../../cli/hints.js';
import type { Context } from '../../cli/context.js';
import { PICK_LIMIT } from '../../cli/pickers.js';
import { MAX_QTY } from '../../domain/catalog/items.js';
import { Cart, backordered } from '../../domain/ordering/cart.js';
import { searchKey } from '../../domain/kernel/search.js';
import { escapeUnsafe } from '../../domain/kernel/text.js';
import type { PbxChoiceJson } from '../../app/usecases.js';
import type { OrderableJson } from '../../views/json/catalog.js';
import type { CustomerJson, PartnerJson } from '../../views/json/parties.js';
import type { QuoteJson } from '../../views/json/quotes.js';
import { PER_TERM, TERM_LABELS, type Term } from '../../terms/term.js';
import { money } from '../../views/text/money.js';
import { quoteText } from '../../views/text/quotes.js';

const BACK = '__back__' as const;
const QUIT = '__quit__' as const;

type Blocker = { code: string; message: string; hint?: Parameters<typeof saidText>[0]['hint'] };

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
  const cases = await ctx.useCases();
  const who = await cases.whoami();
  const streams = ctx.prompts.streams;
  const say = (text: string) => ctx.err(text);
  const { chalk } = ctx.style;
  const staff = who.role === 'staff';
  // The prompts are on stderr: their rows fit its width.
  const terminalWidth = (ctx.io.stderr as { columns?: number }).columns ?? 80;
  const blockerLine = (b: Blocker) => chalk.red(`✗ ${b.code}: ${saidText(b)}`);

  let partner: PartnerJson = staff ? (null as unknown as PartnerJson) : who.partnerDetails!;
  let customer: CustomerJson | null = null;
  let blockers: Blocker[] = [];
  let pbx: PbxChoiceJson | null = null;
  let term: Term = 'yearly';
  const cart = new Cart();
  let step: Step = staff ? 'partner' : 'customer';

  for (;;) {
    if (step === 'partner') {
      // 1. Staff pick the partner first.
      const partners = (await cases.partners.list()).items;
      partner = await select({ message: 'Which partner is ordering?', choices: partners.map((p) => ({ name: escapeUnsafe(`${p.name} (${p.id}, ${p.currency})`), value: p })) }, streams);
      step = 'customer';
      continue;
    }

    if (step === 'customer') {
      // 2. The customer.
      if ((await cases.customers.list({ partner: staff ? partner.id : null, limit: 1 })).items.length === 0) {
        say(`${partner.name} has no customers yet: add one with \`hwaas customers add --name NAME\`${staff ? ` --partner ${partner.id}` : ''}.`);
        if (!staff) return 1;
        step = 'partner';
        continue;
      }
      const back: { name: string; value: CustomerJson | typeof BACK | typeof QUIT }[] = [...(staff ? [{ name: '← Choose another partner', value: BACK }] : []), { name: 'Quit', value: QUIT }];
      const picked: CustomerJson | typeof BACK | typeof QUIT = await search(
        {
          message: 'Customer (type to search):',
          // Each keystroke asks the store for the first matches (in SQL, with a limit): as quick with 200,000 customers as with 20.
          source: async (text) => {
            const found = (await cases.customers.list({ partner: staff ? partner.id : null, search: text?.trim() ? text : null, limit: PICK_LIMIT })).items.map((c) => ({
              name: escapeUnsafe(`${c.name} (${c.id})`),
              value: c as CustomerJson | typeof BACK | typeof QUIT,
            }));
            // Nothing found for what is typed: no choice, so Enter waits for another search instead of taking "Quit".
            return found.length > 0 || !text?.trim() ? [...found, ...back] : [];
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
      blockers = await cases.orders.blockers({ customer: customer.id });
      const usable = (await cases.orders.pbxChoices({ customer: customer.id })).filter((p) => p.whyNot === null);
      if (usable.length === 0) {
        // Nothing to order on: say everything that stands in the way at once, and go back.
        for (const blocker of blockers) say(blockerLine(blocker));
        say(
          chalk.yellow(
            `${customer.name} has no subscription PBX that can take HWaaS today: HWaaS runs only on a monthly, yearly or five-year PBX. Register one with \`hwaas pbx add --customer ${customer.id} --license yearly …\`, or choose another customer.`,
          ),
        );
        const next = await select(
          {
            message: 'Next:',
            choices: [
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
        step = 'customer';
        continue;
      }
      step = blockers.length > 0 ? 'blockers' : 'pbx';
      continue;
    }

    if (step === 'blockers') {
      for (const blocker of blockers) say(blockerLine(blocker));
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
      const pbxs = await cases.orders.pbxChoices({ customer: customer!.id });
      const choices = pbxs.map((p) => ({ name: escapeUnsafe(`${p.id} ${p.name} (${p.license}${p.expiresOn ? `, expires ${p.expiresOn}` : ''})`), value: p.id, disabled: p.whyNot ?? false }));
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
      const chosenTerm = chosen.license as Term;
      if (cart.size > 0 && chosenTerm !== term) {
        if (!(await confirm({ message: `PBX ${chosen.id} is ${chosenTerm}: the cart's ${term} services cannot go on it. Empty the cart and go on?`, default: false }, streams))) continue;
        for (const [sku] of cart.entries()) cart.remove(sku);
      }
      pbx = chosen;
      term = chosenTerm;
      // Co-termination, said before anything is added.
      say(`Duration: ${TERM_LABELS[term]} (${term}), the term of PBX ${pbx.id}.`);
      if (pbx.expiresOn) {
        say(`Everything ordered now ends with PBX ${pbx.id} on ${pbx.expiresOn}: the first charge covers the ${pbx.daysLeft} days from today, then it renews with the PBX at the full ${term} price.`);
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

  /** The cart's lines at the price list's price (a partner never sets its own). */
  function cartItems(): { sku: string; qty: number }[] {
    return cart.entries().map(([sku, qty]) => ({ sku, qty }));
  }

  async function cartStep(): Promise<number | 'back'> {
    const thePbx = pbx!;
    const theCustomer = customer!;
    const orderable = await cases.orders.orderable({ pbx: thePbx.id });
    const products = orderable.products;
    const currency = orderable.currency;
    const quote = async (): Promise<QuoteJson> => (await cases.quotes.make({ pbx: thePbx.id, term, items: cartItems() })).quote;
    const showCart = async () => {
      if (cart.size === 0) say('The cart is empty.');
      else say(quoteText({ ...ctx.style, width: terminalWidth, wideHint: false }, await quote(), `Cart for ${theCustomer.name}, PBX ${thePbx.id}`));
    };
    const askQty = async (product: OrderableJson, current?: number): Promise<number> => {
      const free = product.available;
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
    const priceText = (p: OrderableJson) => `${money(p.price, currency)} / ${PER_TERM[term]}`;
    const priceWidth = Math.max(...products.map((p) => priceText(p).length));
    const availableWidth = Math.max(0, ...products.map((p) => (p.available === null ? 0 : `  (available ${p.available})`.length)));
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
        const product: OrderableJson | typeof BACK = await search(
          {
            message: 'Product (type to search by name or SKU):',
            source: (text) => {
              const key = searchKey(text ?? '');
              const found = products
                .filter((p) => searchKey(`${p.sku} ${p.name} ${p.category}`).includes(key))
                .map((p) => ({
                  name: `${p.sku.padEnd(skuWidth)}  ${shortName(p.name).padEnd(nameWidth)}  ${priceText(p).padStart(priceWidth)}${p.available === null ? '' : `  (available ${p.available})`}`,
                  value: p as OrderableJson | typeof BACK,
                }));
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
        const reviewedOn = await cases.today();
        const reviewed = await quote();
        await showCart();
        const blocked = await cases.orders.blockers({ customer: theCustomer.id });
        for (const blocker of blocked) say(blockerLine(blocker));
        const amount = money(reviewed.total, reviewed.currency);
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
        const customerPays = reviewed.resaleTotal !== null && reviewed.resaleTotal !== reviewed.total ? `; your customer pays ${money(reviewed.resaleTotal, reviewed.currency)}` : '';
        if (next === 'checkout' && !(await confirm({ message: `Place this order for ${amount} (what you pay now, the first charge${customerPays})?`, default: true }, streams))) continue;
        // Which day it is, read again: the session may have stayed open past midnight.
        if ((await cases.today()) !== reviewedOn) {
          say(chalk.yellow('The date changed since the review (midnight passed): here are the figures for today.'));
          await showCart();
          continue;
        }
        const request = { customer: theCustomer.id, pbx: thePbx.id, term, items: cartItems() };
        if (next === 'save') {
          const order = await cases.orders.save(request);
          ctx.out(`Saved draft ${order.id}: ${amount} if checked out today; check it out later with \`hwaas orders checkout ${order.id}\`.`);
          return 0;
        }
        const order = await cases.orders.place({ ...request, day: reviewedOn });
        ctx.out(`Placed ${order.id}: first charge ${money(order.total!, order.currency)}, ending with PBX ${order.pbx} on ${order.end}. Track it with \`hwaas orders show ${order.id}\`.`);
        for (const warning of order.warnings) ctx.out(chalk.yellow(`⚠ ${warning}`));
        return 0;
      }
      await showCart();
    }
  }
}
