import { API, type ApiCall, type ApiName } from '../app/api.js';
import type { UseCases } from '../app/usecases.js';
import * as S from './schemas.js';

/**
 * Every use case as a route: `POST /v1/<group>/<name>` with its input as the JSON body and
 * its output as the JSON answer (the API is the use-case interface, so the same names).
 * A long run answers with a stream of JSON lines (`{"progress"}`… then `{"result"}` or
 * `{"error"}`); a file a use case made travels in base64; an import's file is the request's
 * body itself (`application/octet-stream`), its options in the query.
 */
export interface Route extends ApiCall {
  readonly summary: string;
  /** The JSON body (json and job routes) or the query (upload routes). */
  readonly input: S.Schema;
  /** The answer, or the result a job's last line carries. */
  readonly output: S.Schema;
  call(cases: UseCases, input: never): unknown;
}

const route = <I>(name: ApiName, summary: string, input: S.Schema, output: S.Schema, call: (cases: UseCases, input: I) => unknown): Route => ({
  ...API[name],
  summary,
  input,
  output,
  call: call as Route['call'],
});

const { obj, str, nStr, int, bool, arr, listing } = S;
/** A flag in a query: true or false, as text. */
const flag = S.en('true', 'false');
/** An input whose optional fields may also be null (the interface says `?: T | null`). */
const o = (props: Record<string, S.Schema>, optional: readonly string[] = Object.keys(props)) =>
  obj(Object.fromEntries(Object.entries(props).map(([key, schema]) => [key, optional.includes(key) && !('anyOf' in schema) ? S.nullable(schema) : schema])), optional);

export const ROUTES: readonly Route[] = [
  route('whoami', 'The acting user, its partner and the partner’s standing', S.requests.none, S.whoami, (c) => c.whoami()),
  route('today', '“Today” of the session: the store’s date, or the day pinned', S.requests.none, str, (c) => c.today()),
  route('access', 'Refuses what a write would refuse (a moved “today” on a live store, a locked account)', obj({ write: bool }), obj({ allowed: bool }), async (c, i: { write: boolean }) => {
    await c.access(i);
    return { allowed: true };
  }),
  route('store.info', 'The store: backend, mode, schema version, time zone', S.requests.none, S.storeInfo, (c) => c.store.info()),

  route('partners.list', 'Partners (a partner’s user sees its own)', S.requests.none, listing(S.partner), (c) => c.partners.list()),
  route('partners.show', 'One partner', S.requests.id, S.partner, (c, i: { id: string }) => c.partners.show(i)),
  route(
    'partners.add',
    'Staff: add a partner',
    obj({ name: str, country: str, currency: str, tier: str, areaManagerName: str, areaManagerEmail: str }),
    S.partner,
    (c, i: Parameters<UseCases['partners']['add']>[0]) => c.partners.add(i),
  ),
  route(
    'partners.edit',
    'Staff: change what is given of a partner',
    obj({ id: str, name: str, country: str, currency: str, tier: str, areaManagerName: str, areaManagerEmail: str }, ['name', 'country', 'currency', 'tier', 'areaManagerName', 'areaManagerEmail']),
    obj({ before: S.partner, after: S.partner }),
    (c, i: Parameters<UseCases['partners']['edit']>[0]) => c.partners.edit(i),
  ),
  route('partners.profile', 'A partner’s identity on its documents', o({ partner: nStr }), S.profile, (c, i: Parameters<UseCases['partners']['profile']>[0]) => c.partners.profile(i)),
  route(
    'partners.setProfile',
    'Set or clear fields of a partner’s identity on its documents (the logo in base64)',
    o({
      partner: nStr,
      legalName: nStr,
      address: nStr,
      vat: nStr,
      email: nStr,
      phone: nStr,
      logo: S.nullable(obj({ name: str, base64: str })),
      paymentTerms: nStr,
      footer: nStr,
      clear: S.nullable(arr(str)),
    }),
    S.merge(S.profile, { changed: arr(str) }),
    (c, i: Parameters<UseCases['partners']['setProfile']>[0]) => c.partners.setProfile(i),
  ),

  route(
    'tokens.create',
    'Staff: a token for a user, said once',
    o({ user: str, name: nStr, expiresIn: nStr }, ['name', 'expiresIn']),
    S.newToken,
    (c, i: Parameters<UseCases['tokens']['create']>[0]) => c.tokens.create(i),
  ),
  route('tokens.list', 'Tokens (staff: everyone’s; a user: its own)', o({ user: nStr }), listing(S.token), (c, i: { user?: string | null }) => c.tokens.list(i)),
  route('tokens.revoke', 'A token stops working', S.requests.id, S.token, (c, i: { id: string }) => c.tokens.revoke(i)),

  route('users.list', 'Users', S.requests.none, listing(S.userRow), (c) => c.users.list()),
  route('users.add', 'Staff: add a user', o({ email: str, name: str, role: str, partner: nStr }, ['partner']), S.userRecord, (c, i: Parameters<UseCases['users']['add']>[0]) => c.users.add(i)),
  route('users.setEnabled', 'Staff: disable or enable a user', obj({ id: str, enabled: bool }), obj({ user: S.userRecord, changed: bool }), (c, i: { id: string; enabled: boolean }) =>
    c.users.setEnabled(i),
  ),

  route('customers.list', 'Customers, sorted by name', o({ partner: nStr, search: nStr, limit: S.int }), listing(S.customer), (c, i: Parameters<UseCases['customers']['list']>[0]) =>
    c.customers.list(i),
  ),
  route('customers.show', 'One customer with its PBXs and agreements', S.requests.id, S.customerDetail, (c, i: { id: string }) => c.customers.show(i)),
  route(
    'customers.add',
    'Add a customer',
    o({ partner: nStr, name: str, country: nStr, vat: nStr, email: nStr, address: nStr, contact: nStr }, ['partner', 'country', 'vat', 'email', 'address', 'contact']),
    S.obj({ ...(S.customer as { properties: Record<string, S.Schema> }).properties, partnerName: str }),
    (c, i: Parameters<UseCases['customers']['add']>[0]) => c.customers.add(i),
  ),
  route(
    'customers.edit',
    'Correct what is known of a customer (an event records who and when)',
    o({ id: str, name: nStr, country: nStr, vat: nStr, email: nStr, address: nStr, contact: nStr, clear: S.nullable(arr(str)) }, ['name', 'country', 'vat', 'email', 'address', 'contact', 'clear']),
    obj({ before: S.customer, after: S.customer, changed: arr(str) }),
    (c, i: Parameters<UseCases['customers']['edit']>[0]) => c.customers.edit(i),
  ),

  route('pbxs.list', 'PBXs with their current period', o({ customer: nStr, license: nStr, expiringWithin: S.int }), listing(S.pbx), (c, i: Parameters<UseCases['pbxs']['list']>[0]) => c.pbxs.list(i)),
  route('pbxs.show', 'A PBX, its services and MRR', S.requests.id, S.pbxDetail, (c, i: { id: string }) => c.pbxs.show(i)),
  route('pbxs.add', 'Register a PBX', obj({ customer: str, name: str, type: str, license: str, activated: str }), S.pbx, (c, i: Parameters<UseCases['pbxs']['add']>[0]) => c.pbxs.add(i)),
  route('pbxs.planTermChange', 'What a change of term would do', obj({ id: str, to: str }), S.termChangePlan, (c, i: { id: string; to: string }) => c.pbxs.planTermChange(i)),
  route('pbxs.changeTerm', 'Change a PBX’s term, as planned', obj({ id: str, to: str, plan: str }), S.termChange, (c, i: { id: string; to: string; plan: string }) => c.pbxs.changeTerm(i)),
  route('pbxs.undoTermChange', 'Undo a change of term before it takes effect', S.requests.id, S.termChangeUndone, (c, i: { id: string }) => c.pbxs.undoTermChange(i)),
  route(
    'pbxs.edit',
    'Correct a PBX (licence and activation only while nothing was ordered on it)',
    o({ id: str, name: nStr, type: nStr, license: nStr, activated: nStr }, ['name', 'type', 'license', 'activated']),
    obj({ before: S.pbx, after: S.pbx, changed: arr(str) }),
    (c, i: Parameters<UseCases['pbxs']['edit']>[0]) => c.pbxs.edit(i),
  ),

  route('agreements.list', 'Signed agreements', o({ customer: nStr }), listing(S.agreement), (c, i: { customer?: string | null }) => c.agreements.list(i)),
  route('agreements.add', 'Register a signed agreement', o({ customer: str, signedOn: str, file: nStr }, ['file']), S.agreementAdded, (c, i: Parameters<UseCases['agreements']['add']>[0]) =>
    c.agreements.add(i),
  ),
  route('invoices.list', 'Invoices and how overdue they are', o({ overdue: bool, partner: nStr, from: nStr, to: nStr }), listing(S.invoice), (c, i: Parameters<UseCases['invoices']['list']>[0]) =>
    c.invoices.list(i),
  ),
  route('invoices.pay', 'Staff: mark an invoice paid', obj({ number: str }), S.paidInvoice, (c, i: { number: string }) => c.invoices.pay(i)),
  route('stock.list', 'Stock of every device', S.requests.none, listing(S.stock), (c) => c.stock.list()),
  route('stock.set', 'Staff: devices on hand', obj({ sku: str, onHand: int }), S.stock, (c, i: { sku: string; onHand: number }) => c.stock.set(i)),

  route('pricebooks.list', 'Staff: every price book version', S.requests.none, listing(S.priceBook), (c) => c.pricebooks.list()),
  route('pricebooks.show', 'Staff: a price book in force on a date', o({ tier: str, currency: str, on: nStr }, ['on']), S.book, (c, i: Parameters<UseCases['pricebooks']['show']>[0]) =>
    c.pricebooks.show(i),
  ),
  route('pricebooks.diff', 'Staff: what changes between two versions', obj({ tier: str, currency: str, from: str, to: str }), S.bookDiff, (c, i: Parameters<UseCases['pricebooks']['diff']>[0]) =>
    c.pricebooks.diff(i),
  ),
  route(
    'pricebooks.importFile',
    'Staff: import one version of a price book (the body is the CSV or XLSX file)',
    o({ name: str, tier: str, currency: str, validFrom: str, format: str, sheet: str, dateFormat: str, decimalComma: flag, dryRun: flag }, ['format', 'sheet', 'dateFormat', 'decimalComma', 'dryRun']),
    S.importReport,
    (c, i: Parameters<UseCases['pricebooks']['importFile']>[0]) => c.pricebooks.importFile(i),
  ),

  route('resale.list', 'A partner’s resale rules', o({ partner: nStr }), listing(S.resaleRule, { partner: str }), (c, i: { partner?: string | null }) => c.resale.list(i)),
  route(
    'resale.setMarkup',
    'Set a markup',
    o({ partner: nStr, markup: str, category: nStr, sku: nStr }, ['partner', 'category', 'sku']),
    S.resaleRule,
    (c, i: Parameters<UseCases['resale']['setMarkup']>[0]) => c.resale.setMarkup(i),
  ),
  route('resale.setPrice', 'Set an explicit resale price', o({ partner: nStr, sku: str, term: str, price: str }, ['partner']), S.resaleRule, (c, i: Parameters<UseCases['resale']['setPrice']>[0]) =>
    c.resale.setPrice(i),
  ),
  route(
    'resale.clear',
    'Remove resale rules',
    o({ partner: nStr, what: str, category: nStr, sku: nStr, term: nStr }, ['partner', 'category', 'sku', 'term']),
    obj({ partner: str, removed: int }),
    (c, i: Parameters<UseCases['resale']['clear']>[0]) => c.resale.clear(i),
  ),

  route('pricelist.get', 'The price list as JSON', S.requests.pricelist, S.pricelist, (c, i: Parameters<UseCases['pricelist']['get']>[0]) => c.pricelist.get(i)),
  route(
    'pricelist.document',
    'The price list as a file (PDF, XLSX, CSV)',
    S.requests.pricelistDocument,
    obj({ document: S.document, list: S.pricelistFile }),
    (c, i: Parameters<UseCases['pricelist']['document']>[0]) => c.pricelist.document(i),
  ),

  route('quotes.make', 'A quote, co-terminated and prorated', S.requests.quote, S.quoteResult, (c, i: Parameters<UseCases['quotes']['make']>[0]) => c.quotes.make(i)),
  route('quotes.cases', 'Many quotes from a cases file', o({ text: str, name: str, check: bool }, ['check']), S.cases, (c, i: Parameters<UseCases['quotes']['cases']>[0]) => c.quotes.cases(i)),
  route(
    'quotes.document',
    'The customer’s quote (numbered and recorded) or the internal copy, as a PDF',
    S.merge(S.requests.quote, { copy: S.en('customer', 'internal'), validDays: S.nInt, paper: S.nullable(S.en('a4', 'letter')) }, ['validDays', 'paper']),
    S.document,
    (c, i: Parameters<UseCases['quotes']['document']>[0]) => c.quotes.document(i),
  ),
  route('quotes.list', 'Quotes sent to customers', o({ customer: nStr, partner: nStr }), listing(S.quoteRecord), (c, i: Parameters<UseCases['quotes']['list']>[0]) => c.quotes.list(i)),
  route(
    'quotes.decide',
    'The customer accepted or declined a quote',
    o({ number: str, partner: nStr, decision: str }, ['partner']),
    S.quoteRecord,
    (c, i: Parameters<UseCases['quotes']['decide']>[0]) => c.quotes.decide(i),
  ),
  route('quotes.show', 'A quote sent to a customer', o({ number: str, partner: nStr }, ['partner']), S.sentQuote, (c, i: Parameters<UseCases['quotes']['show']>[0]) => c.quotes.show(i)),

  route('orders.list', 'Orders', o({ status: nStr, customer: nStr, partner: nStr, from: nStr, to: nStr, imported: bool }), listing(S.orderSummary), (c, i: Parameters<UseCases['orders']['list']>[0]) =>
    c.orders.list(i),
  ),
  route('orders.show', 'An order', S.requests.id, S.order, (c, i: { id: string }) => c.orders.show(i)),
  route('orders.preview', 'What placing an order would cost today', S.requests.order, S.orderPreview, (c, i: Parameters<UseCases['orders']['preview']>[0]) => c.orders.preview(i)),
  route('orders.save', 'Save a draft', S.requests.order, S.order, (c, i: Parameters<UseCases['orders']['save']>[0]) => c.orders.save(i)),
  route('orders.place', 'Place an order', S.requests.place, S.order, (c, i: Parameters<UseCases['orders']['place']>[0]) => c.orders.place(i)),
  route(
    'orders.previewFromQuote',
    'What ordering from a quote would cost today',
    o({ number: str, partner: nStr, reprice: bool }, ['partner', 'reprice']),
    S.orderPreview,
    (c, i: Parameters<UseCases['orders']['previewFromQuote']>[0]) => c.orders.previewFromQuote(i),
  ),
  route(
    'orders.fromQuote',
    'The order made from a quote: saved as a draft, or checked out',
    o({ number: str, partner: nStr, reprice: bool, checkout: bool, day: nStr }, ['partner', 'reprice', 'day']),
    S.order,
    (c, i: Parameters<UseCases['orders']['fromQuote']>[0]) => c.orders.fromQuote(i),
  ),
  route('orders.previewCheckout', 'What checking out a draft would do today', S.requests.id, S.checkoutPreview, (c, i: { id: string }) => c.orders.previewCheckout(i)),
  route('orders.checkout', 'Place a draft', S.requests.checkout, S.order, (c, i: { id: string; day?: string | null }) => c.orders.checkout(i)),
  route('orders.cancel', 'Cancel an order', S.requests.id, S.cancelledOrder, (c, i: { id: string }) => c.orders.cancel(i)),
  route('orders.approve', 'Staff: approve an order', S.requests.id, S.order, (c, i: { id: string }) => c.orders.approve(i)),
  route(
    'orders.ship',
    'Staff: ship an order (with the serial numbers of its devices)',
    o({ id: str, serials: S.nullable(arr(obj({ sku: str, serial: str }))) }, ['serials']),
    S.order,
    (c, i: Parameters<UseCases['orders']['ship']>[0]) => c.orders.ship(i),
  ),
  route(
    'orders.document',
    'An order confirmation or the internal copy, as a PDF',
    o({ id: str, copy: S.en('customer', 'internal'), paper: S.nullable(S.en('a4', 'letter')) }, ['paper']),
    S.document,
    (c, i: Parameters<UseCases['orders']['document']>[0]) => c.orders.document(i),
  ),
  route('orders.blockers', 'What stops checkout for a customer today', obj({ customer: str }), arr(S.blocker), (c, i: { customer: string }) => c.orders.blockers(i)),
  route('orders.pbxChoices', 'A customer’s PBXs as choices for an order', obj({ customer: str }), arr(S.pbxChoice), (c, i: { customer: string }) => c.orders.pbxChoices(i)),
  route('orders.orderable', 'What can be ordered on a PBX today', obj({ pbx: str }), S.orderable, (c, i: { pbx: string }) => c.orders.orderable(i)),

  route('services.list', 'Service lines', o({ pbx: nStr, customer: nStr, partner: nStr }), listing(S.service), (c, i: Parameters<UseCases['services']['list']>[0]) => c.services.list(i)),
  route('services.renewals', 'The renewal calendar', o({ within: int, partner: nStr }, ['partner']), listing(S.renewal), (c, i: Parameters<UseCases['services']['renewals']>[0]) =>
    c.services.renewals(i),
  ),
  route('services.mrr', 'Monthly recurring revenue', o({ by: str, partner: nStr }, ['partner']), listing(S.mrr, { by: str }), (c, i: Parameters<UseCases['services']['mrr']>[0]) => c.services.mrr(i)),
  route('services.planCancel', 'What a cancellation would do', S.requests.planCancel, S.cancellationPlan, (c, i: Parameters<UseCases['services']['planCancel']>[0]) => c.services.planCancel(i)),
  route('services.cancel', 'Cancel services as planned', S.requests.cancel, S.cancellation, (c, i: Parameters<UseCases['services']['cancel']>[0]) => c.services.cancel(i)),
  route('services.undoCancel', 'Undo a cancellation before it takes effect', S.requests.id, S.cancellation, (c, i: { id: string }) => c.services.undoCancel(i)),
  route(
    'services.replace',
    'Ask for faulty devices to be replaced',
    o({ pbx: str, sku: str, qty: int, reason: str, deliverTo: str, serials: S.nullable(arr(str)) }, ['serials']),
    S.rma,
    (c, i: Parameters<UseCases['services']['replace']>[0]) => c.services.replace(i),
  ),
  route('returns.list', 'Returns of devices', o({ all: bool }), listing(S.returned), (c, i: { all?: boolean }) => c.returns.list(i)),
  route(
    'returns.receive',
    'Staff: a return arrived (against the serial numbers it named)',
    o({ id: str, serials: S.nullable(arr(str)) }, ['serials']),
    S.returned,
    (c, i: Parameters<UseCases['returns']['receive']>[0]) => c.returns.receive(i),
  ),
  route(
    'devices.list',
    'Devices running on PBXs, one per unit, with serial numbers',
    o({ pbx: nStr, customer: nStr, serial: nStr }),
    listing(S.device),
    (c, i: Parameters<UseCases['devices']['list']>[0]) => c.devices.list(i),
  ),
  route('rmas.list', 'Replacements', S.requests.none, listing(S.rma), (c) => c.rmas.list()),
  route('rmas.ship', 'Staff: replacements shipped', S.requests.id, S.rma, (c, i: { id: string }) => c.rmas.ship(i)),
  route('rmas.close', 'Staff: a replacement is done', S.requests.id, S.rma, (c, i: { id: string }) => c.rmas.close(i)),

  route(
    'imports.run',
    'Import a batch (the body is the CSV or XLSX file): all rows or none',
    o({ kind: str, name: str, format: str, sheet: str, dateFormat: str, decimalComma: flag, dryRun: flag }, ['format', 'sheet', 'dateFormat', 'decimalComma', 'dryRun']),
    S.importReport,
    (c, i: Parameters<UseCases['imports']['run']>[0]) => c.imports.run(i),
  ),
];
