import { screen } from '@inquirer/testing/vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, demoStore } from './helpers.js';

// The session's prompts, driven by @inquirer/testing's `screen` (its own mocks do
// not reach a package that Node, not vitest, loads, so the barrel is wrapped here).
vi.mock('@inquirer/prompts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@inquirer/prompts')>();
  const { wrapPrompt } = await import('@inquirer/testing/vitest');
  return { ...actual, search: wrapPrompt(actual.search), select: wrapPrompt(actual.select), number: wrapPrompt(actual.number), input: wrapPrompt(actual.input), confirm: wrapPrompt(actual.confirm) };
});
let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const session = (user = 'USR-001') => cli(['--db', db, '--date', '2026-11-24', '--as', user, 'order'], { tty: true });

/** Waits until the prompt on screen shows `text` (the session loads the store first). */
async function choose(text: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  const matches = () => (typeof text === 'string' ? screen.getScreen().includes(text) : text.test(screen.getScreen()));
  while (!matches() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(screen.getScreen()).toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
}

/** Customer search → waits on the PBX prompt (the PBX's term is the duration). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Types a customer search. The store answers each keystroke (in SQL); the prompt drops an
 * Enter pressed while it is still answering, as it would a person's: give it that moment.
 */
async function searchCustomers(text: string): Promise<void> {
  screen.type(text);
  await new Promise((r) => setTimeout(r, 250));
}

async function toPbx(search: string, shown: string | RegExp): Promise<void> {
  await choose('Customer');
  await searchCustomers(search);
  await choose(shown);
  screen.keypress('enter');
  await choose('PBX');
}

/** Cart → Add a product → search → pick → quantity. */
async function addProduct(search: string, shown: string | RegExp, qty?: string): Promise<void> {
  await choose('Cart');
  screen.keypress('enter');
  await choose('Product');
  screen.type(search);
  await choose(shown);
  screen.keypress('enter');
  await choose('Quantity');
  if (qty !== undefined) {
    screen.keypress('backspace');
    screen.type(qty);
  }
  screen.keypress('enter');
}

/** Cart → the nth menu entry (0: add, 1: change, 2: remove, 3: review, 4: another PBX, 5: quit). */
async function cartAction(index: number): Promise<void> {
  await choose('Cart');
  for (let i = 0; i < index; i++) screen.keypress('down');
  screen.keypress('enter');
}

describe('hwaas order, the interactive session', () => {
  it('goes from nothing to a placed order: the PBX decides the duration, the amount is asked before placing', async () => {
    const result = session();
    await choose('Customer (type to search)');
    await searchCustomers('muller');
    await choose('Müller GmbH (CUS-0001)');
    // The store answers each keystroke: the other customers go once it has.
    await until(() => !screen.getScreen().includes('Bäckerei'));
    expect(screen.getScreen()).not.toContain('Bäckerei');
    screen.keypress('enter');

    await choose('PBX');
    const pbxScreen = screen.getScreen();
    expect(pbxScreen).toContain('PBX-1001 Müller HQ (yearly, expires 2027-05-01)');
    expect(pbxScreen).toMatch(/PBX-1002 Müller Lager \(perpetual\).*perpetual licence: HWaaS needs a subscription PBX/);
    screen.keypress('enter');

    await addProduct('monoled', /❯ MONOLED\s+MonoLED Headset\s+€25\.00 \/ year\s+\(available 0\)/, '4');
    await cartAction(3); // Review and finish
    await choose('Finish');
    expect(screen.getScreen()).toContain('Check out now (first charge €43.29)');
    screen.keypress('enter');
    await choose('Place this order for €43.29 (what you pay now');
    screen.keypress('enter');

    expect(await result).toMatchObject({ code: 0 });
    const { stdout, stderr } = await result;
    expect(stdout).toContain('Placed ORD-000001: first charge €43.29, ending with PBX PBX-1001 on 2027-05-01.');
    expect(stdout).toContain('BACKORDER: MonoLED Headset, available -4');
    expect(stderr).toContain('Duration: One year (yearly), the term of PBX PBX-1001.');
    expect(stderr).toContain('Everything ordered now ends with PBX PBX-1001 on 2027-05-01');
    expect(stderr).toContain('Backorder: only 0 available');
    const order = (await cli(['--db', db, 'orders', 'show', 'ORD-000001', '--json'])).json();
    expect(order).toMatchObject({ status: 'placed', total: '43.29' });
  });

  it('a search that finds no customer waits for another: Enter does not take "Quit"', async () => {
    const result = session();
    await choose('Customer (type to search)');
    await searchCustomers('zzzz');
    await until(() => !screen.getScreen().includes('Quit'));
    expect(screen.getScreen()).not.toContain('Quit');
    screen.keypress('enter');
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 4; i++) screen.keypress('backspace');
    await searchCustomers('muller');
    await choose('Müller GmbH (CUS-0001)');
    screen.keypress('enter');
    await choose('PBX');
    expect(screen.getScreen()).toContain('PBX-1001 Müller HQ');
    // Quit (the last choice, one up from the first).
    screen.keypress('up');
    screen.keypress('enter');
    expect(await result).toMatchObject({ code: 0 });
    expect((await result).stderr).toContain('Nothing saved.');
  });

  it('changes and removes lines, shows what blocks checkout up front, and saves a draft instead', async () => {
    // Thames pays its oldest invoice: one 24 days overdue is left (ordering blocked, the account not locked).
    expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0201'])).code).toBe(0);
    const result = session('USR-002');
    await choose('Customer');
    await searchCustomers('sum');
    await choose(/❯ =SUM Accounting Ltd/);
    screen.keypress('enter');
    // What blocks checkout is said when the customer is picked, before any cart.
    await choose('cannot check out today');
    expect(screen.getScreen()).toContain('Choose another customer');
    screen.keypress('enter'); // go on, to save a draft
    await choose('PBX');
    screen.keypress('enter');
    await addProduct('wp480g', /❯ WP480G/);
    await addProduct('duoled', /❯ DUOLED/, '2');
    await cartAction(1); // Change a quantity
    await choose('Which line?');
    expect(screen.getScreen()).toContain('← Back to the cart');
    screen.keypress('enter'); // WP480G × 1
    await choose('Quantity of WorkForce WP480G');
    screen.keypress('backspace');
    screen.type('3');
    screen.keypress('enter');
    await cartAction(2); // Remove a line
    await choose('Remove which line?');
    screen.keypress('down'); // DUOLED × 2
    screen.keypress('enter');
    await cartAction(3);
    await choose('Finish');
    expect(screen.getScreen()).toMatch(/Check out now.*blocked: OVERDUE_INVOICES/);
    screen.keypress('enter'); // the cursor starts on "Save as a draft": checkout is disabled
    const { code, stdout, stderr } = await result;
    expect(code).toBe(0);
    expect(stderr.indexOf('OVERDUE_INVOICES: Thames Unified Comms Ltd has an invoice 24 days overdue: INV-2026-0202')).toBeLessThan(
      stderr.indexOf('The cart is empty') === -1 ? Infinity : stderr.indexOf('The cart is empty'),
    );
    expect(stderr).toContain('OVERDUE_INVOICES: Thames Unified Comms Ltd has an invoice 24 days overdue: INV-2026-0202');
    expect(stdout).toContain('Saved draft ORD-000001');
    const draft = (await cli(['--db', db, '--as', 'USR-002', 'orders', 'show', 'ORD-000001', '--json'])).json();
    expect(draft.lines.map((l: { sku: string; qty: number }) => `${l.sku}×${l.qty}`)).toEqual(['WP480G×3']);
  });

  it('a customer with no subscription PBX is no dead end: it says why and goes back to the customers', async () => {
    expect((await cli(['--db', db, '--date', '2026-11-24', 'customers', 'add', '--name', 'Nur Perpetual GmbH', '--json'])).code).toBe(0);
    expect(
      (await cli(['--db', db, '--date', '2026-11-24', 'pbx', 'add', '--customer', 'CUS-0015', '--name', 'Old box', '--type', 'hardware', '--license', 'perpetual', '--activated', '2015-01-01'])).code,
    ).toBe(0);
    const result = session();
    await choose('Customer');
    await searchCustomers('perpetual');
    await choose(/❯ Nur Perpetual GmbH/);
    screen.keypress('enter');
    // Nothing can be ordered for it: everything in the way is said at once (no agreement, no subscription PBX).
    await choose('Next:');
    expect(screen.getScreen()).toMatch(/❯ ← Choose another customer/);
    screen.keypress('enter');
    await choose('Customer (type to search)');
    screen.keypress({ name: 'c', ctrl: true });
    const { code, stdout, stderr } = await result;
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toContain('NO_AGREEMENT');
    expect(stderr.replace(/\s+/g, ' ')).toContain('Nur Perpetual GmbH has no subscription PBX that can take HWaaS today');
    expect(stderr.replace(/\s+/g, ' ')).toContain('hwaas pbx add --customer CUS-0015');
    expect(stderr).toContain('Nothing saved.');
    expect(stderr).not.toMatch(/Error|\n\s+at /);
    expect((await cli(['--db', db, 'orders', 'list', '--json'])).json()).toEqual([]);
  });

  it('goes back from the cart to the PBX and from the PBX to the customer', async () => {
    const result = session();
    await toPbx('muller', /❯ Müller GmbH/);
    screen.keypress('enter');
    await cartAction(4); // ← Choose another PBX
    await choose('PBX');
    await choose(/❯ PBX-1001/);
    for (let i = 0; i < 5 && !/❯ ← Choose another customer/.test(screen.getScreen()); i++) {
      screen.keypress('down');
      await new Promise((r) => setTimeout(r, 20));
    }
    await choose(/❯ ← Choose another customer/);
    screen.keypress('enter');
    await choose('Customer (type to search)');
    screen.type('lager');
    screen.keypress({ name: 'c', ctrl: true });
    expect((await result).code).toBe(130);
  });

  it('Ctrl-C in the cart writes nothing and exits 130', async () => {
    const result = session();
    await toPbx('muller', /❯ Müller GmbH/);
    screen.keypress('enter');
    await choose('Cart');
    screen.keypress({ name: 'c', ctrl: true });
    const { code, stderr } = await result;
    expect(code).toBe(130);
    expect(stderr.trim().endsWith('Nothing saved.')).toBe(true);
    expect((await cli(['--db', db, 'orders', 'list', '--json'])).json()).toEqual([]);
  });

  it("staff pick the partner first, then only that partner's customers are offered", async () => {
    const result = session('USR-101');
    await choose('Which partner is ordering?');
    for (let i = 0; i < 3; i++) screen.keypress('down');
    expect(screen.getScreen()).toContain('❯ Łączność Plus Sp. z o.o. (PTR-004, EUR)');
    screen.keypress('enter');
    // The prompt shows before its first answer arrives (through a server, a request later).
    await choose('Łódź Telekom Sp. z o.o. (CUS-0011)');
    const offered = screen.getScreen();
    expect(offered).not.toContain('Müller');
    screen.type('lodz');
    await choose(/❯ Łódź Telekom/);
    screen.keypress({ name: 'c', ctrl: true });
    expect((await result).code).toBe(130);
  });
});

describe('prompts of other commands', () => {
  it('pbx add: the type and licence are picked from lists; a bad date is said and asked again, not fatal', async () => {
    const result = cli(['--db', db, '--date', '2026-11-24', 'pbx', 'add', '--customer', 'CUS-0001'], { tty: true });
    await choose('A name for the PBX');
    screen.type('Filiale');
    screen.keypress('enter');
    await choose('Type');
    expect(screen.getScreen()).toMatch(/❯ cloud[\s\S]*virtual[\s\S]*hardware/);
    screen.keypress('down');
    screen.keypress('enter'); // virtual
    await choose('Licence');
    screen.keypress('down');
    screen.keypress('enter'); // yearly
    await choose('Activation date');
    screen.type('2026-13-01');
    screen.keypress('enter');
    await choose('is not a calendar date');
    for (let i = 0; i < 10; i++) screen.keypress('backspace');
    screen.type('2027-01-01');
    screen.keypress('enter');
    await choose('is after today');
    for (let i = 0; i < 10; i++) screen.keypress('backspace');
    screen.type('2026-05-01');
    screen.keypress('enter');
    const { code, stdout } = await result;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Added PBX-\d+: Filiale, virtual, yearly licence, activated 2026-05-01/);
  });
});
