import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, cli, newStore, onPostgres, demoStore } from './helpers.js';

const STAFF = 'USR-101';
const NORDIC = ['--name', 'Nordic Voice AB', '--country', 'se', '--currency', 'EUR', '--tier', 'silver', '--area-manager-name', 'Luca Bianchi', '--area-manager-email', 'luca.bianchi@wildix.example'];

let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const run = (...args: string[]) => cli(['--db', db, '--date', '2026-11-24', ...args]);
const staff = (...args: string[]) => run('--as', STAFF, ...args);
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error as { code: string; message: string };

describe('partners', () => {
  it('staff add one with the next free ID; it lists and shows as the contract says', async () => {
    const added = await staff('partners', 'add', ...NORDIC, '--json');
    expect(added.code).toBe(0);
    expect(added.json()).toEqual({
      id: 'PTR-005',
      name: 'Nordic Voice AB',
      country: 'SE',
      currency: 'EUR',
      tier: 'silver',
      areaManagerName: 'Luca Bianchi',
      areaManagerEmail: 'luca.bianchi@wildix.example',
    });
    const list = (await staff('partners', 'list', '--json')).json();
    expect(list.map((p: { id: string }) => p.id)).toEqual(['PTR-001', 'PTR-002', 'PTR-003', 'PTR-004', 'PTR-005']);
    expect(list.map((p: { tier: string }) => p.tier)).toEqual(['gold', 'silver', 'reseller', 'silver', 'silver']);
    expect((await staff('partners', 'show', 'ptr-005', '--json')).json()).toEqual(added.json());
    const text = await staff('partners', 'show', 'PTR-005');
    expect(text.stdout).toContain('Tier: silver');
  });

  it("a partner's user sees its own partner, and no other", async () => {
    const list = (await run('partners', 'list', '--json')).json();
    expect(list.map((p: { id: string }) => p.id)).toEqual(['PTR-001']);
    expect(errorOf(await run('partners', 'show', 'PTR-002', '--json')).code).toBe('NOT_FOUND');
    const refused = await run('partners', 'add', ...NORDIC, '--json');
    expect(refused.code).toBe(1);
    expect(errorOf(refused).code).toBe('NOT_ALLOWED');
  });

  it('refuses bad values before writing, naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['--country', 'Sweden'], /--country: "Sweden" is not a two-letter country code/],
      [['--area-manager-email', 'luca'], /--area-manager-email: "luca" is not an e-mail address/],
      [['--name', '  '], /--name: the name is empty/],
      [['--tier', 'platinum'], /--tier.*platinum.*gold, silver, reseller/],
      [['--currency', 'JPY'], /--currency.*JPY.*EUR, GBP, USD/],
    ];
    for (const [change, message] of cases) {
      const args = [...NORDIC];
      args[args.indexOf(change[0]!) + 1] = change[1]!;
      const result = await staff('partners', 'add', ...args, '--json');
      expect(result.code, change.join(' ')).toBe(2);
      expect(errorOf(result).message).toMatch(message);
    }
    expect((await staff('partners', 'list', '--json')).json()).toHaveLength(4);
  });

  it('says what is missing when no one can be asked', async () => {
    const result = await staff('--no-input', 'partners', 'add', '--name', 'Nordic Voice AB', '--json');
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(/missing --country/);
  });

  it('a second partner of the same name is refused', async () => {
    const result = await staff('partners', 'add', ...NORDIC.map((a) => (a === 'Nordic Voice AB' ? 'alpen telecom gmbh' : a)), '--json');
    expect(result.code).toBe(1);
    expect(errorOf(result)).toMatchObject({ code: 'EXISTS', message: expect.stringContaining('PTR-001') });
  });

  it('edit changes what is given; the currency only while there are no orders or invoices', async () => {
    const tier = await staff('partners', 'edit', 'PTR-002', '--tier', 'gold', '--json');
    expect(tier.json()).toMatchObject({ id: 'PTR-002', tier: 'gold', currency: 'GBP', name: 'Thames Unified Comms Ltd' });
    const said = await staff('partners', 'edit', 'PTR-002', '--tier', 'gold');
    expect(said.stdout).toMatch(/nothing changed/);
    // PTR-001 has invoices: its currency stays.
    const currency = await staff('partners', 'edit', 'PTR-001', '--currency', 'USD', '--json');
    expect(currency.code).toBe(1);
    expect(errorOf(currency)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/invoice\(s\) in EUR: its currency cannot change/) });
    // A new partner has none.
    await staff('partners', 'add', ...NORDIC);
    expect((await staff('partners', 'edit', 'PTR-005', '--currency', 'GBP', '--json')).json().currency).toBe('GBP');
    const nothing = await staff('partners', 'edit', 'PTR-005', '--json');
    expect(nothing.code).toBe(2);
    expect(errorOf(await staff('partners', 'edit', 'PTR-999', '--tier', 'gold', '--json')).code).toBe('NOT_FOUND');
  });
});

describe('users', () => {
  it("staff add a partner's user and a staff user; the JSON is whoami's, with its state", async () => {
    const added = await staff('users', 'add', '--role', 'partner', '--partner', 'ptr-002', '--email', 'Lea.Huber@Thames.example', '--name', 'Lea Huber', '--json');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ id: 'USR-103', email: 'Lea.Huber@Thames.example', name: 'Lea Huber', role: 'partner', partner: 'PTR-002', disabled: false });
    // No user has a database login: a shared store is reached through its server, with a token.
    expect(added.json().dbRole).toBeNull();
    const who = await run('--as', 'lea.huber@thames.example', 'whoami', '--json');
    expect(who.json()).toEqual({
      id: 'USR-103',
      email: 'Lea.Huber@Thames.example',
      name: 'Lea Huber',
      role: 'partner',
      partner: 'PTR-002',
      standing: { stage: 'suspended', daysOverdue: 84, invoice: 'INV-2026-0201' },
    });
    const desk = await staff('users', 'add', '--role', 'staff', '--email', 'desk@wildix.example', '--name', 'Order desk', '--json');
    expect(desk.json()).toMatchObject({ id: 'USR-104', role: 'staff', partner: null });
  });

  it('refuses an e-mail in use (any case), a partner user without a partner, staff with one, an unknown partner', async () => {
    const taken = await staff('users', 'add', '--role', 'partner', '--partner', 'PTR-001', '--email', 'ANNA.KELLER@alpentelecom.example', '--name', 'Anna Again', '--json');
    expect(errorOf(taken)).toMatchObject({ code: 'EXISTS', message: expect.stringContaining('USR-001') });
    expect((await staff('users', 'add', '--role', 'partner', '--email', 'x@example.com', '--name', 'X', '--json')).code).toBe(2);
    expect((await staff('users', 'add', '--role', 'staff', '--partner', 'PTR-001', '--email', 'x@example.com', '--name', 'X', '--json')).code).toBe(2);
    expect(errorOf(await staff('users', 'add', '--role', 'partner', '--partner', 'PTR-404', '--email', 'x@example.com', '--name', 'X', '--json')).code).toBe('NOT_FOUND');
    expect((await staff('users', 'list', '--json')).json()).toHaveLength(onPostgres ? 7 : 6);
  });

  it('a disabled user cannot act, its orders stay; enabled again, it can', async () => {
    for (const invoice of ['INV-2026-0201', 'INV-2026-0202']) expect((await staff('invoices', 'pay', invoice)).code).toBe(0);
    const draft = await run('--as', 'USR-002', 'order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=1', '--save', '--json');
    expect(draft.code).toBe(0);
    const disabled = await staff('users', 'disable', 'usr-002', '--json');
    expect(disabled.json()).toMatchObject({ id: 'USR-002', disabled: true });
    const refused = await run('--as', 'USR-002', 'whoami', '--json');
    expect(refused.code).toBe(1);
    expect(errorOf(refused)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringMatching(/USR-002 .* was disabled on \d{4}-\d{2}-\d{2}; .*hwaas users enable USR-002/) });
    // Its order still names it, and staff still see it.
    expect((await staff('orders', 'show', draft.json().id, '--json')).json().events[0].by).toBe('USR-002');
    expect((await staff('users', 'list', '--json')).json().find((u: { id: string }) => u.id === 'USR-002').disabled).toBe(true);
    expect((await staff('users', 'disable', 'USR-002')).stdout).toMatch(/already disabled/);
    expect((await staff('users', 'enable', 'USR-002', '--json')).json().disabled).toBe(false);
    expect((await run('--as', 'USR-002', 'whoami', '--json')).code).toBe(0);
  });

  it('nobody disables themselves or the store administrator; partners disable nobody', async () => {
    expect(errorOf(await staff('users', 'disable', STAFF, '--json'))).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('is you') });
    expect(errorOf(await run('users', 'disable', 'USR-002', '--json')).code).toBe('NOT_ALLOWED');
    expect(errorOf(await staff('users', 'disable', 'USR-999', '--json')).code).toBe('NOT_FOUND');
    const store = await newStore();
    await cli(['--db', store, 'init']);
    await cli(['--db', store, 'users', 'add', '--role', 'staff', '--email', 'ops@wildix.example', '--name', 'Ops', '--json']);
    const admin = await cli(['--db', store, '--as', 'ops@wildix.example', 'users', 'disable', 'USR-ADMIN', '--json']);
    expect(errorOf(admin)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining("store's administrator") });
  });

  it("a store's default user, disabled, is refused with a sentence that says so", async () => {
    await staff('users', 'disable', 'USR-001');
    const refused = await run('customers', 'list', '--json');
    expect(refused.code).toBe(1);
    expect(errorOf(refused).message).toMatch(/USR-001 .* was disabled/);
  });
});

describe('from init to a first quote, with no demo data', () => {
  it('staff add a partner and its user; that user adds a customer and a PBX and quotes it', async () => {
    const store = await newStore();
    const init = await cli(['--db', store, 'init', '--json']);
    expect(init.code).toBe(0);
    // The store's administrator is staff (on PostgreSQL: the login that ran init).
    const partner = (await cli(['--db', store, 'partners', 'add', ...NORDIC, '--json'])).json();
    expect(partner.id).toBe('PTR-001');
    const user = (await cli(['--db', store, 'users', 'add', '--role', 'partner', '--partner', partner.id, '--email', 'lea@nordic.example', '--name', 'Lea Huber', '--json'])).json();
    expect(user.id).toBe('USR-001');
    // That user acts, named.
    const as = ['--db', store, '--as', user.id];
    const customer = await cli([...as, 'customers', 'add', '--name', 'Göteborg Hamn AB', '--country', 'SE', '--json']);
    expect(customer.json()).toMatchObject({ id: 'CUS-0001', partner: 'PTR-001' });
    const pbx = await cli([...as, 'pbx', 'add', '--customer', 'CUS-0001', '--name', 'HQ', '--type', 'cloud', '--license', 'yearly', '--activated', '2026-03-01', '--json']);
    expect(pbx.code).toBe(0);
    // A live store has no prices until staff import the partner's price book.
    const unpriced = await cli([...as, 'quote', '--pbx', pbx.json().id, '--item', 'WP480G=2', '--json']);
    expect([unpriced.code, JSON.parse(unpriced.stderr).error.code]).toEqual([1, 'NO_PRICE_BOOK']);
    expect(JSON.parse(unpriced.stderr).error.message).toMatch(/no silver price book in EUR valid on/);
    const book = await cli([
      '--db',
      store,
      'pricebook',
      'import',
      join(ROOT, 'data/pricebooks/silver-EUR-2000-01-01.csv'),
      '--tier',
      'silver',
      '--currency',
      'EUR',
      '--valid-from',
      '2026-01-01',
      '--json',
    ]);
    expect(book.code, book.stderr).toBe(0);
    const quote = await cli([...as, 'quote', '--pbx', pbx.json().id, '--item', 'WP480G=2', '--json']);
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.json()).toMatchObject({ pbx: pbx.json().id, currency: 'EUR', term: 'yearly' });
  });
});
