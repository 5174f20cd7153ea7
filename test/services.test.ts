import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore } from './helpers.js';

// Issue 14, "Done when": what runs after checkout. Every expected figure is computed here
// again, independently of hwaas: boundaries by calendar arithmetic on ISO dates, money in
// cents with half-up rounding, from the unit prices the placed orders show.

let db: string;
beforeEach(async () => {
  db = await demoStore();
});
const on = (date: string, ...args: string[]) => cli(['--db', db, '--date', date, ...args]);
const staffOn = (date: string, ...args: string[]) => on(date, '--as', 'USR-101', ...args);
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

// ─── the arithmetic, written again ─────────────────────────────────────────────────

const cents = (text: string) => BigInt(Math.round(Number(text) * 100));
const text = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
const pad = (n: number) => String(n).padStart(2, '0');
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = y * 12 + (m - 1) + n;
  const year = Math.floor(t / 12);
  const month = (t % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
const MONTHS = { monthly: 1, yearly: 12, 'five-year': 60 } as const;
type Term = keyof typeof MONTHS;
/** The PBX period [b, b') that contains `day`, boundaries counted from the activation. */
function period(activated: string, term: Term, day: string): [string, string] {
  let k = 0;
  while (addMonths(activated, (k + 1) * MONTHS[term]) <= day) k++;
  return [addMonths(activated, k * MONTHS[term]), addMonths(activated, (k + 1) * MONTHS[term])];
}
/** The six-month minimum's final charge of `qty` units of a line that started on `since`, cancelled on `requested`. */
function finalCharge(activated: string, term: Term, since: string, requested: string, unit: bigint, qty: number): { effectiveOn: string; minimumUntil: string; charge: bigint } {
  const effectiveOn = period(activated, term, requested)[1];
  const minimumUntil = addMonths(since, 6);
  let charge = 0n;
  for (let day = effectiveOn; day < minimumUntil; ) {
    const [b, next] = period(activated, term, day);
    // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD texts, compared as text
    const to = next < minimumUntil ? next : minimumUntil;
    charge += halfUp(unit * BigInt(qty) * BigInt(days(day, to)), BigInt(days(b, next)));
    day = next;
  }
  return { effectiveOn, minimumUntil, charge };
}
const mrrOf = (unit: bigint, qty: number, term: Term) => halfUp(unit * BigInt(qty), BigInt(MONTHS[term]));

// ─── the demo world ─────────────────────────────────────────────────────────────────

/** Alpen Telecom's PBXs with a signed agreement (PTR-001, gold, EUR). */
const PBX = {
  monthly: { id: 'PBX-1006', customer: 'CUS-0005', activated: '2021-08-25', term: 'monthly' as Term },
  yearly: { id: 'PBX-1001', customer: 'CUS-0001', activated: '2020-05-01', term: 'yearly' as Term },
  fiveYear: { id: 'PBX-1004', customer: 'CUS-0003', activated: '2019-03-15', term: 'five-year' as Term },
};

interface OrderLine {
  sku: string;
  qty: number;
  unitPrice: string;
}
/** Alpen Telecom places an order on a date and Wildix ships it; its invoice due 2026-12-01 is paid first, so that any date is in good standing. */
async function place(date: string, pbx: { id: string; customer: string }, ...items: string[]): Promise<{ id: string; lines: OrderLine[] }> {
  await staffOn('2026-11-24', 'invoices', 'pay', 'INV-2026-0102');
  const result = await on(date, '--as', 'USR-001', '--json', 'order', '--customer', pbx.customer, '--pbx', pbx.id, ...items.flatMap((i) => ['--item', i]), '--checkout', '--yes');
  expect(result.code, result.stderr).toBe(0);
  const order = result.json();
  // Delivered: only devices at the customer's are cancelled as services (an order not yet shipped is cancelled instead).
  for (const step of ['approve', 'ship']) expect((await staffOn(date, 'orders', step, order.id)).code).toBe(0);
  return order;
}

interface ServiceRow {
  pbx: string;
  order: string;
  sku: string;
  qty: number;
  since: string;
  renewsOn: string | null;
  term: Term;
  unitPrice: string | null;
  renewal: string | null;
  mrr: string;
  status: string;
  endsOn: string | null;
}
const services = async (date: string, ...args: string[]): Promise<ServiceRow[]> => {
  const result = await on(date, '--as', 'USR-001', '--json', 'services', 'list', ...args);
  expect(result.code, result.stderr).toBe(0);
  return result.json();
};

describe('services, renewals and MRR agree with the placed orders to the cent', () => {
  it('one row per line, renewing with its PBX at the price fixed at checkout; MRR and renewals are sums of the lines', async () => {
    const monthly = await place('2026-10-10', PBX.monthly, 'WP480G=2', 'CLASSOUND-FLAT-S=1');
    const yearly = await place('2026-06-01', PBX.yearly, 'WP480G=3', 'DUOLED=2');
    const five = await place('2026-11-24', PBX.fiveYear, 'WAIR-BASE=4');
    const today = '2026-11-24';
    const rows = await services(today);
    // By PBX, then oldest first.
    const placed = [
      { order: yearly, pbx: PBX.yearly, since: '2026-06-01' },
      { order: five, pbx: PBX.fiveYear, since: '2026-11-24' },
      { order: monthly, pbx: PBX.monthly, since: '2026-10-10' },
    ];
    const expected = placed.flatMap(({ order, pbx, since }) =>
      order.lines.map((l) => ({
        pbx: pbx.id,
        order: order.id,
        sku: l.sku,
        qty: l.qty,
        since,
        renewsOn: period(pbx.activated, pbx.term, today)[1],
        term: pbx.term,
        unitPrice: l.unitPrice,
        renewal: text(cents(l.unitPrice) * BigInt(l.qty)),
        mrr: text(mrrOf(cents(l.unitPrice), l.qty, pbx.term)),
        status: 'active',
        endsOn: null,
      })),
    );
    expect(
      rows.map(({ pbx, order, sku, qty, since, renewsOn, term, unitPrice, renewal, mrr, status, endsOn }) => ({
        pbx,
        order,
        sku,
        qty,
        since,
        renewsOn,
        term,
        unitPrice,
        renewal,
        mrr,
        status,
        endsOn,
      })),
    ).toEqual(expected);

    const sum = (list: typeof expected) => text(list.reduce((s, r) => s + cents(r.mrr), 0n));
    const byPartner = (await on(today, '--as', 'USR-001', '--json', 'mrr')).json();
    expect(byPartner).toEqual([expect.objectContaining({ key: 'PTR-001', currency: 'EUR', mrr: sum(expected) })]);
    const byPbx = (await on(today, '--as', 'USR-001', '--json', 'mrr', '--by', 'pbx')).json() as { key: string; mrr: string; devices: string; services: string }[];
    for (const row of byPbx) expect(row.mrr).toBe(sum(expected.filter((e) => e.pbx === row.key)));
    expect(byPbx.map((r) => r.key)).toEqual([PBX.yearly.id, PBX.fiveYear.id, PBX.monthly.id]);
    // CLASSOUND is a service, the rest are devices.
    const monthlyRow = byPbx.find((r) => r.key === PBX.monthly.id)!;
    expect(monthlyRow.services).toBe(expected.find((e) => e.sku === 'CLASSOUND-FLAT-S')!.mrr);
    expect(cents(monthlyRow.devices) + cents(monthlyRow.services)).toBe(cents(monthlyRow.mrr));

    // The renewal calendar: within 30 days only the monthly PBX renews (2026-11-25); within 1,600 days all three.
    const soon = (await on(today, '--as', 'USR-001', '--json', 'renewals')).json() as { pbx: string; renewsOn: string; total: string; term: string }[];
    const renewalOf = (pbx: string) => text(expected.filter((e) => e.pbx === pbx).reduce((s, e) => s + cents(e.renewal), 0n));
    expect(soon.find((r) => r.pbx === PBX.monthly.id)).toMatchObject({ renewsOn: '2026-11-25', term: 'monthly', total: renewalOf(PBX.monthly.id) });
    expect(soon.find((r) => r.pbx === PBX.yearly.id)).toBeUndefined();
    const all = (await on(today, '--as', 'USR-001', '--json', 'renewals', '--within', '1600')).json() as { pbx: string; renewsOn: string; total: string }[];
    for (const pbx of Object.values(PBX)) expect(all.find((r) => r.pbx === pbx.id)).toMatchObject({ renewsOn: period(pbx.activated, pbx.term, today)[1], total: renewalOf(pbx.id) });

    // pbx show lists the same lines and their MRR.
    const shown = (await on(today, '--as', 'USR-001', '--json', 'pbx', 'show', PBX.monthly.id)).json();
    expect(shown.mrr).toBe(sum(expected.filter((e) => e.pbx === PBX.monthly.id)));
    expect(shown.serviceLines).toHaveLength(2);

    // Another partner sees none of them; a line does not run before its order's start.
    expect(await (async () => (await on(today, '--as', 'USR-004', '--json', 'services', 'list')).json())()).toEqual([]);
    expect([...new Set((await services('2026-10-01')).map((r) => r.order))]).toEqual([yearly.id]);
  });

  it('bad input: one sentence and the right exit code', async () => {
    expect((await on('2026-11-24', '--json', 'services', 'list', '--pbx', 'PBX-9999')).code).toBe(1);
    expect((await on('2026-11-24', '--as', 'USR-004', '--json', 'services', 'list', '--pbx', 'PBX-1001')).code).toBe(1); // another partner's
    expect((await on('2026-11-24', '--json', 'mrr', '--by', 'colour')).code).toBe(2);
    expect((await on('2026-11-24', '--json', 'renewals', '--within', 'soon')).code).toBe(2);
    const noItem = await on('2026-11-24', '--json', 'services', 'cancel', '--pbx', 'PBX-1001', '--yes');
    expect([noItem.code, errorOf(noItem).code]).toEqual([2, 'USAGE']);
  });
});

describe('cancellation with the six-month minimum, against an independent computation', () => {
  const cases = [
    { name: 'monthly, inside the window', pbx: PBX.monthly, placedOn: '2026-10-10', requested: '2026-11-24', sku: 'WP480G', qty: 5, cancel: 2 },
    { name: 'monthly, outside the window', pbx: PBX.monthly, placedOn: '2026-03-01', requested: '2026-11-24', sku: 'WP480G', qty: 1, cancel: 1 },
    { name: 'yearly, inside the window', pbx: PBX.yearly, placedOn: '2027-03-01', requested: '2027-03-02', sku: 'DUOLED', qty: 3, cancel: 3 },
    { name: 'yearly, outside the window', pbx: PBX.yearly, placedOn: '2026-06-01', requested: '2026-11-24', sku: 'DUOLED', qty: 2, cancel: 1 },
    { name: 'five-year, inside the window', pbx: PBX.fiveYear, placedOn: '2029-01-10', requested: '2029-02-01', sku: 'WAIR-BASE', qty: 4, cancel: 4 },
    { name: 'five-year, outside the window', pbx: PBX.fiveYear, placedOn: '2026-11-24', requested: '2026-11-24', sku: 'WAIR-BASE', qty: 2, cancel: 2 },
  ];
  it.each(cases)('$name', async ({ pbx, placedOn, requested, sku, qty, cancel }) => {
    const order = await place(placedOn, pbx, `${sku}=${qty}`);
    const unit = cents(order.lines[0]!.unitPrice);
    const want = finalCharge(pbx.activated, pbx.term, placedOn, requested, unit, cancel);
    const result = await on(requested, '--as', 'USR-001', '--json', 'services', 'cancel', '--pbx', pbx.id, '--item', `${sku}=${cancel}`, '--yes');
    expect(result.code, result.stderr).toBe(0);
    const json = result.json();
    expect(json).toMatchObject({
      id: 'CAN-0001',
      pbx: pbx.id,
      effectiveOn: want.effectiveOn,
      lines: [{ order: order.id, sku, qty: cancel, since: placedOn, minimumUntil: want.minimumUntil, finalCharge: text(want.charge) }],
      finalChargeTotal: text(want.charge),
      mrrDecrease: text(mrrOf(unit, qty, pbx.term) - mrrOf(unit, qty - cancel, pbx.term)),
      pickup: 'end-user',
    });
    // The cancelled units stop at e and do not renew; the rest run on.
    const rows = await services(requested, '--pbx', pbx.id);
    expect(rows.find((r) => r.status === 'ending')).toMatchObject({ qty: cancel, endsOn: want.effectiveOn, renewal: null, mrr: '0.00' });
    if (qty > cancel) expect(rows.find((r) => r.status === 'active')).toMatchObject({ qty: qty - cancel, renewsOn: want.effectiveOn });
    expect((await services(want.effectiveOn, '--pbx', pbx.id)).reduce((n, r) => n + r.qty, 0)).toBe(qty - cancel);
    // The devices come back as a return that staff receive: on hand goes up by what was cancelled.
    const onHand = async () => ((await staffOn(requested, '--json', 'stock', 'list')).json() as { sku: string; onHand: number }[]).find((s) => s.sku === sku)!.onHand;
    const before = await onHand();
    expect((await staffOn(requested, '--json', 'returns', 'list')).json()).toEqual([expect.objectContaining({ id: 'CAN-0001', items: [{ sku, qty: cancel }], status: 'requested' })]);
    expect((await staffOn(want.effectiveOn, 'returns', 'receive', 'CAN-0001')).code).toBe(0);
    expect(await onHand()).toBe(before + cancel);
    expect((await staffOn(want.effectiveOn, '--json', 'returns', 'receive', 'CAN-0001')).code).toBe(1);
  });

  it('units come from the oldest lines first, each line with its own minimum; more than run is refused, saying how many run', async () => {
    const older = await place('2026-09-15', PBX.monthly, 'WP480G=2');
    const newer = await place('2026-11-01', PBX.monthly, 'WP480G=3');
    const unit = cents(older.lines[0]!.unitPrice);
    const tooMany = await on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'cancel', '--pbx', PBX.monthly.id, '--item', 'WP480G=6', '--yes');
    expect([tooMany.code, errorOf(tooMany).message]).toEqual([1, expect.stringContaining('only 5 × WP480G run')]);
    const json = (await on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'cancel', '--pbx', PBX.monthly.id, '--item', 'WP480G=3', '--yes')).json();
    const a = finalCharge(PBX.monthly.activated, 'monthly', '2026-09-15', '2026-11-24', unit, 2);
    const b = finalCharge(PBX.monthly.activated, 'monthly', '2026-11-01', '2026-11-24', unit, 1);
    expect(json.lines).toEqual([expect.objectContaining({ order: older.id, qty: 2, finalCharge: text(a.charge) }), expect.objectContaining({ order: newer.id, qty: 1, finalCharge: text(b.charge) })]);
    expect(json.finalChargeTotal).toBe(text(a.charge + b.charge));
  });

  it('pbx cancel ends the PBX and every service on it at the end of the period, each with its minimum', async () => {
    const order = await place('2026-10-10', PBX.monthly, 'WP480G=2', 'CLASSOUND-FLAT-S=1');
    const result = await on('2026-11-24', '--as', 'USR-001', '--json', 'pbx', 'cancel', PBX.monthly.id, '--yes');
    expect(result.code, result.stderr).toBe(0);
    const want = order.lines.map((l) => finalCharge(PBX.monthly.activated, 'monthly', '2026-10-10', '2026-11-24', cents(l.unitPrice), l.qty).charge);
    expect(result.json()).toMatchObject({ wholePbx: true, effectiveOn: '2026-11-25', finalChargeTotal: text(want[0]! + want[1]!), returnStatus: 'requested' });
    // Only the device comes back: CLASSOUND is a service.
    expect(result.json().lines.map((l: { sku: string; returned: number }) => [l.sku, l.returned])).toEqual([
      ['WP480G', 2],
      ['CLASSOUND-FLAT-S', 0],
    ]);
    expect((await on('2026-11-25', '--json', 'pbx', 'show', PBX.monthly.id)).json()).toMatchObject({ cancelledOn: '2026-11-25', serviceLines: [] });
    expect(errorOf(await on('2026-11-24', '--as', 'USR-001', '--json', 'pbx', 'cancel', PBX.monthly.id, '--yes')).code).toBe('INVALID_STATE');
    const late = await on('2026-11-26', '--as', 'USR-001', '--json', 'order', '--customer', PBX.monthly.customer, '--pbx', PBX.monthly.id, '--item', 'WP480G=1', '--checkout', '--yes');
    expect(errorOf(late).code).toBe('PBX_ENDED');
  });

  it('without --yes and no one to ask, nothing is cancelled', async () => {
    await place('2026-10-10', PBX.monthly, 'WP480G=2');
    const result = await on('2026-11-24', '--as', 'USR-001', 'services', 'cancel', '--pbx', PBX.monthly.id, '--item', 'WP480G=1');
    expect(result.code).toBe(2);
    expect((await services('2026-11-24')).every((r) => r.status === 'active')).toBe(true);
  });
});

describe('replacing faulty devices (RMA)', () => {
  it('six devices are refused, five ship and the case closes; billing does not change', async () => {
    await place('2026-10-10', PBX.yearly, 'WP480G=6');
    const mrrBefore = (await on('2026-11-24', '--as', 'USR-001', '--json', 'mrr')).json();
    const args = ['services', 'replace', '--pbx', PBX.yearly.id, '--sku', 'WP480G', '--reason', 'display dead', '--deliver-to', 'end-user'];
    const six = await on('2026-11-24', '--as', 'USR-001', '--json', ...args, '--qty', '6');
    expect([six.code, errorOf(six).message]).toEqual([2, expect.stringContaining('one request per five devices of a model')]);
    const five = await on('2026-11-24', '--as', 'USR-001', '--json', ...args, '--qty', '5');
    expect(five.code, five.stderr).toBe(0);
    expect(five.json()).toMatchObject({ id: 'RMA-0001', qty: 5, status: 'requested', deliverTo: 'end-user' });
    expect(errorOf(await on('2026-11-24', '--as', 'USR-001', '--json', 'rma', 'ship', 'RMA-0001')).code).toBe('NOT_ALLOWED');
    const onHand = async () => ((await staffOn('2026-11-24', '--json', 'stock', 'list')).json() as { sku: string; onHand: number }[]).find((s) => s.sku === 'WP480G')!.onHand;
    const before = await onHand();
    expect((await staffOn('2026-11-24', '--json', 'rma', 'ship', 'RMA-0001')).json()).toMatchObject({ status: 'shipped' });
    expect(await onHand()).toBe(before - 5);
    expect((await staffOn('2026-11-24', '--json', 'rma', 'close', 'rma-1')).json()).toMatchObject({ status: 'closed' });
    expect((await on('2026-11-24', '--as', 'USR-001', '--json', 'mrr')).json()).toEqual(mrrBefore);
    // Only SKUs that run on that PBX, only devices.
    expect(errorOf(await on('2026-11-24', '--as', 'USR-001', '--json', ...args.map((a) => (a === 'WP480G' ? 'DUOLED' : a)), '--qty', '1')).code).toBe('NOT_FOUND');
    expect((await on('2026-11-24', '--as', 'USR-001', '--json', ...args.filter((a) => a !== 'end-user' && a !== '--deliver-to'), '--qty', '1')).code).toBe(2);
  });
});

describe('overdue invoices in stages, on the demo partners (2026-11-24)', () => {
  const day = '2026-11-24';
  it('invoices list says how many days and which stage', async () => {
    const invoices = (await staffOn(day, '--json', 'invoices', 'list')).json() as { number: string; partner: string; daysOverdue: number; stage: string }[];
    const worst = (partner: string) => invoices.filter((i) => i.partner === partner).reduce((a, b) => (b.daysOverdue > a.daysOverdue ? b : a));
    expect(worst('PTR-001')).toMatchObject({ daysOverdue: 0, stage: 'current' });
    expect(worst('PTR-004')).toMatchObject({ number: 'INV-2026-0402', daysOverdue: 3, stage: 'warning' });
    expect(worst('PTR-003')).toMatchObject({ number: 'INV-2026-0302', daysOverdue: 14, stage: 'ordering-blocked' });
    expect(worst('PTR-002')).toMatchObject({ number: 'INV-2026-0201', daysOverdue: days('2026-09-01', day), stage: 'suspended' });
  });

  it('good standing: checkout without a warning', async () => {
    const placed = await on(day, '--as', 'USR-001', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.json().warnings.filter((w: string) => w.startsWith('OVERDUE'))).toEqual([]);
  });

  it('1–4 days: checkout works and carries the warning', async () => {
    const placed = await on(day, '--as', 'USR-004', '--json', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.json().warnings).toContain('OVERDUE_WARNING: INV-2026-0402 is 3 days overdue; ordering stops on day 5');
    // On the fifth day, the same partner is refused.
    const fifth = await on('2026-11-26', '--as', 'USR-004', '--json', 'order', '--customer', 'CUS-0011', '--pbx', 'PBX-1015', '--item', 'WP480G=1', '--checkout', '--yes');
    expect(errorOf(fifth).code).toBe('OVERDUE_INVOICES');
  });

  it('5–29 days: HWaaS checkout refused, saying how many days; a draft still saves', async () => {
    const args = ['--as', 'USR-003', '--json', 'order', '--customer', 'CUS-0009', '--pbx', 'PBX-1011', '--item', 'MONOLED=1'];
    const refused = await on(day, ...args, '--checkout', '--yes');
    expect([refused.code, errorOf(refused).code, errorOf(refused).message]).toEqual([1, 'OVERDUE_INVOICES', expect.stringContaining('14 days overdue')]);
    const draft = await on(day, ...args, '--save');
    expect(draft.code, draft.stderr).toBe(0);
    expect((await on(day, '--as', 'USR-003', 'customers', 'add', '--name', 'Still open LLC')).code).toBe(0);
  });

  it('30 or more days: every write of the partner is ACCOUNT_LOCKED; reads work; staff still act', async () => {
    const user = (...args: string[]) => on(day, '--as', 'USR-002', '--json', ...args);
    for (const args of [
      ['customers', 'add', '--name', 'Locked Ltd'],
      ['order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=1', '--save'],
      ['resale', 'set', '--markup', '10'],
      ['agreements', 'add', '--customer', 'CUS-0007', '--signed-on', '2026-11-01'],
    ]) {
      const result = await user(...args);
      expect([args[0], result.code, errorOf(result).code]).toEqual([args[0], 1, 'ACCOUNT_LOCKED']);
      expect(errorOf(result).message).toContain('INV-2026-0201');
    }
    expect((await user('customers', 'list')).code).toBe(0);
    expect((await staffOn(day, 'agreements', 'add', '--customer', 'CUS-0007', '--signed-on', '2026-11-01')).code).toBe(0);
    // Paid: open again.
    expect((await staffOn(day, 'invoices', 'pay', 'INV-2026-0201')).code).toBe(0);
    expect((await staffOn(day, 'invoices', 'pay', 'INV-2026-0202')).code).toBe(0);
    expect((await user('customers', 'add', '--name', 'Open again Ltd')).code).toBe(0);
  });

  it('35 or more days: the service lines show suspended (at 30–34 they do not yet)', async () => {
    // Thames placed an order in August, when it was in good standing.
    const placed = await on('2026-08-15', '--as', 'USR-002', '--json', 'order', '--customer', 'CUS-0006', '--pbx', 'PBX-1007', '--item', 'WP480G=2', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    const status = async (date: string) => ((await on(date, '--as', 'USR-002', '--json', 'services', 'list')).json() as ServiceRow[]).map((r) => r.status);
    expect(await status('2026-10-03')).toEqual(['active']); // 32 days
    expect(await status('2026-10-06')).toEqual(['suspended']); // 35 days
    expect(await status(day)).toEqual(['suspended']);
  });
});

describe('changing the billing term', () => {
  it('moves every service’s renewal date and price; a service ordered afterwards has the new term', async () => {
    const order = await place('2026-06-01', PBX.yearly, 'WP480G=3', 'DUOLED=2');
    const monthlyPrice = async (sku: string) => {
      const list = (await on('2027-05-01', '--as', 'USR-001', 'pricelist', '--format', 'json', '--out', '-')).json() as { items: { sku: string; prices: Record<string, string> }[] };
      return cents(list.items.find((p) => p.sku === sku)!.prices.monthly!);
    };
    const result = await on('2026-11-24', '--as', 'USR-001', '--json', 'pbx', 'change-term', PBX.yearly.id, '--to', '1m', '--yes');
    expect(result.code, result.stderr).toBe(0);
    const prices = Object.fromEntries(await Promise.all(order.lines.map(async (l) => [l.sku, await monthlyPrice(l.sku)] as const)));
    expect(result.json()).toMatchObject({
      from: 'yearly',
      to: 'monthly',
      effectiveOn: '2027-05-01',
      nextRenewal: '2027-06-01',
      renewalTotal: text(order.lines.reduce((s, l) => s + prices[l.sku]! * BigInt(l.qty), 0n)),
    });
    // Before e: still yearly at the checkout price, renewing on e at the new term's price.
    const before = await services('2026-11-24');
    for (const line of order.lines) {
      expect(before.find((r) => r.sku === line.sku)).toMatchObject({ term: 'yearly', unitPrice: line.unitPrice, renewsOn: '2027-05-01', renewal: text(prices[line.sku]! * BigInt(line.qty)) });
    }
    // From e: monthly, boundaries counted from e, MRR at the monthly price.
    const after = await services('2027-05-02');
    for (const line of order.lines) {
      expect(after.find((r) => r.sku === line.sku)).toMatchObject({ term: 'monthly', unitPrice: text(prices[line.sku]!), renewsOn: '2027-06-01', mrr: text(prices[line.sku]! * BigInt(line.qty)) });
    }
    expect((await on('2027-05-02', '--as', 'USR-001', '--json', 'pbx', 'show', PBX.yearly.id)).json()).toMatchObject({ license: 'monthly', periodStart: '2027-05-01', expiresOn: '2027-06-01' });
    // Co-termination holds: a yearly service is refused on it from e, a monthly one ends with it.
    const yearly = await on(
      '2027-05-10',
      '--as',
      'USR-001',
      '--json',
      'order',
      '--customer',
      PBX.yearly.customer,
      '--pbx',
      PBX.yearly.id,
      '--term',
      'yearly',
      '--item',
      'WP480G=1',
      '--checkout',
      '--yes',
    );
    expect(errorOf(yearly).code).toBe('TERM_MISMATCH');
    const monthly = await on('2027-05-10', '--as', 'USR-001', '--json', 'order', '--customer', PBX.yearly.customer, '--pbx', PBX.yearly.id, '--item', 'WP480G=1', '--checkout', '--yes');
    expect(monthly.code, monthly.stderr).toBe(0);
    expect(monthly.json()).toMatchObject({ term: 'monthly', end: '2027-06-01' });
    // One change per period; the same term again is refused.
    expect(errorOf(await on('2026-11-24', '--as', 'USR-001', '--json', 'pbx', 'change-term', PBX.yearly.id, '--to', '5y', '--yes')).code).toBe('INVALID_STATE');
    expect(errorOf(await on('2027-05-02', '--as', 'USR-001', '--json', 'pbx', 'change-term', PBX.yearly.id, '--to', 'monthly', '--yes')).code).toBe('INVALID_STATE');
    expect((await on('2027-05-02', '--as', 'USR-001', '--json', 'pbx', 'change-term', PBX.yearly.id, '--to', 'weekly', '--yes')).code).toBe(2);
  });
});

describe('what an attack on the first version found', () => {
  it('a service whose PBX changes term is priced on the new term at checkout, or refused when the book has no such price', async () => {
    await place('2026-06-01', PBX.yearly, 'WP480G=1');
    expect((await on('2026-11-24', '--as', 'USR-001', 'pbx', 'change-term', PBX.yearly.id, '--to', 'monthly', '--yes')).code).toBe(0);
    const quote = (await on('2026-11-24', '--as', 'USR-001', '--json', 'quote', '--pbx', PBX.yearly.id, '--item', 'WP480G=2')).json();
    const monthly = ((await on('2027-05-01', '--as', 'USR-001', 'pricelist', '--format', 'json', '--out', '-')).json() as { items: { sku: string; prices: Record<string, string> }[] }).items.find(
      (p) => p.sku === 'WP480G',
    )!.prices.monthly!;
    expect(quote).toMatchObject({ renewalDate: '2027-05-01', renewalTerm: 'monthly', renewalTotal: text(cents(monthly) * 2n) });
    const placed = await place('2026-11-24', PBX.yearly, 'WP480G=2');
    expect((await on('2026-11-24', '--as', 'USR-001', '--json', 'orders', 'show', placed.id)).json()).toMatchObject({ renewalTotal: text(cents(monthly) * 2n) });
  });

  it('nothing new is ordered for a PBX that is ending; its devices still get replaced until then', async () => {
    await place('2026-10-10', PBX.monthly, 'WP480G=2');
    expect((await on('2026-11-24', '--as', 'USR-001', 'pbx', 'cancel', PBX.monthly.id, '--yes')).code).toBe(0);
    const late = await on('2026-11-24', '--as', 'USR-001', '--json', 'order', '--customer', PBX.monthly.customer, '--pbx', PBX.monthly.id, '--item', 'WP410=3', '--checkout', '--yes');
    expect([late.code, errorOf(late).code]).toEqual([1, 'PBX_ENDED']);
    const rma = await on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'replace', '--pbx', PBX.monthly.id, '--sku', 'WP480G', '--qty', '1', '--reason', 'broken', '--deliver-to', 'end-user');
    expect(rma.code, rma.stderr).toBe(0);
  });

  it('devices of an order not yet shipped are not cancelled as services; a return is received once the devices stop', async () => {
    await staffOn('2026-11-24', 'invoices', 'pay', 'INV-2026-0102');
    const order = (await on('2026-10-10', '--as', 'USR-001', '--json', 'order', '--customer', PBX.monthly.customer, '--pbx', PBX.monthly.id, '--item', 'WP480G=2', '--checkout', '--yes')).json();
    const refused = await on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'cancel', '--pbx', PBX.monthly.id, '--item', 'WP480G=1', '--yes');
    expect([refused.code, errorOf(refused).message]).toEqual([1, expect.stringContaining(`hwaas orders cancel ${order.id}`)]);
    for (const step of ['approve', 'ship']) expect((await staffOn('2026-11-20', 'orders', step, order.id)).code).toBe(0);
    expect((await on('2026-11-24', '--as', 'USR-001', 'services', 'cancel', '--pbx', PBX.monthly.id, '--item', 'WP480G=1', '--yes')).code).toBe(0);
    const early = await staffOn('2026-11-24', '--json', 'returns', 'receive', 'CAN-0001');
    expect([early.code, errorOf(early).message]).toEqual([1, expect.stringContaining('in service until 2026-11-25')]);
    expect((await staffOn('2026-11-25', 'returns', 'receive', 'CAN-0001')).code).toBe(0);
  });

  it('the term does not change under a waiting cancellation (its final charge saw the old periods)', async () => {
    await place('2027-03-01', PBX.yearly, 'DUOLED=1');
    expect((await on('2027-03-02', '--as', 'USR-001', 'services', 'cancel', '--pbx', PBX.yearly.id, '--item', 'DUOLED=1', '--yes')).code).toBe(0);
    const change = await on('2027-03-02', '--as', 'USR-001', '--json', 'pbx', 'change-term', PBX.yearly.id, '--to', 'monthly', '--yes');
    expect([change.code, errorOf(change).message]).toEqual([1, expect.stringContaining('CAN-0001')]);
  });

  it('open replacements count against the units that run; an unknown SKU is an input error; a term change past 9999 is refused', async () => {
    await place('2026-10-10', PBX.yearly, 'WP480G=2');
    const replace = (qty: string, sku = 'WP480G') =>
      on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'replace', '--pbx', PBX.yearly.id, '--sku', sku, '--qty', qty, '--reason', 'dead', '--deliver-to', 'partner');
    expect((await replace('2')).code).toBe(0);
    const more = await replace('1');
    expect([more.code, errorOf(more).message]).toEqual([1, expect.stringContaining('RMA-0001')]);
    expect(errorOf(await replace('1', 'NOPE')).code).toBe('UNKNOWN_SKU');
    expect(errorOf(await on('2026-11-24', '--as', 'USR-001', '--json', 'services', 'cancel', '--pbx', PBX.yearly.id, '--item', 'NOPE=1', '--yes')).code).toBe('UNKNOWN_SKU');
    expect((await replace('0')).stderr).toContain('from 1 to 5');
    const far = await staffOn('9999-06-01', '--json', 'pbx', 'change-term', PBX.monthly.id, '--to', 'five-year', '--yes');
    expect(far.code).toBe(2);
    expect((await on('2026-11-24', '--json', 'services', 'list', '--pbx', '')).code).toBe(2);
  });
});
