/**
 * The JSON schemas of the API: what each use case takes and returns, as the TypeScript
 * types of src/app/usecases.ts and src/views/json say. Fastify checks requests with them,
 * @fastify/swagger makes the OpenAPI document from them, and the tests check every response
 * the suite sees against that document. Objects are closed: a field the contract does not
 * name is an error, in a request and in a response.
 */

export type Schema = Record<string, unknown>;

export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
export const str: Schema = { type: 'string' };
const nStr = nullable(str);
const int: Schema = { type: 'integer' };
export const nInt = nullable(int);
const bool: Schema = { type: 'boolean' };
const amount: Schema = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' };
const nAmount = nullable(amount);
const date: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const nDate = nullable(date);
const ts: Schema = { type: 'string' };
const nTs = nullable(ts);
export const en = (...values: string[]): Schema => ({ type: 'string', enum: values });
const arr = (items: Schema): Schema => ({ type: 'array', items });
/** An object with these properties, all required but those named optional; no others. */
export function obj(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}
export const merge = (a: Schema, b: Record<string, Schema>, optional: readonly string[] = []): Schema => {
  const base = a as { properties: Record<string, Schema>; required: string[] };
  return { type: 'object', additionalProperties: false, required: [...base.required, ...Object.keys(b).filter((k) => !optional.includes(k))], properties: { ...base.properties, ...b } };
};
const viewer = en('staff', 'partner');
export const listing = (item: Schema, extra: Record<string, Schema> = {}): Schema => obj({ items: arr(item), total: int, viewer, ...extra }, ['total', 'viewer']);

const term = en('monthly', 'yearly', 'five-year');
const license = en('monthly', 'yearly', 'five-year', 'perpetual');
const tier = en('reseller', 'silver', 'gold');
const pickup = en('end-user', 'partner');
const orderStatus = en('draft', 'placed', 'approved', 'shipped', 'cancelled');
const stage = en('current', 'warning', 'ordering-blocked', 'locked', 'suspended');

export const hint: Schema = { type: 'object', required: ['kind'], properties: { kind: str }, additionalProperties: true };
const errorProps = {
  code: str,
  message: str,
  hint,
  also: arr(obj({ message: str, hint }, ['hint'])),
  field: str,
  fields: arr(str),
  details: {},
};
export const error: Schema = obj({ ...errorProps, exitCode: { type: 'integer', enum: [1, 2] } }, ['hint', 'also', 'field', 'fields', 'details']);
/** An error inside an answer (a case of a cases file that failed): the answer's exit code is the answer's. */
const errorInData: Schema = obj(errorProps, ['hint', 'also', 'field', 'fields', 'details']);
export const errorBody: Schema = obj({ error });

// ─── parties ──────────────────────────────────────────────────────────────────
const userProps = { id: str, email: str, name: str, role: en('staff', 'partner'), partner: nStr };
export const user = obj(userProps);
export const userRecord = obj({ ...userProps, disabled: bool, dbRole: nStr });
export const userRow = obj({ ...userProps, disabled: bool, dbRole: nStr, disabledAt: nTs });
export const partner = obj({ id: str, name: str, country: str, currency: str, tier, areaManagerName: str, areaManagerEmail: str });
export const standing = obj({ stage, daysOverdue: int, invoice: nStr, invoiceAmount: nAmount, currency: nStr, dueOn: nDate, said: nStr });
export const whoami = obj({ ...userProps, standing: nullable(standing), partnerDetails: nullable(partner) });
export const customer = obj({ id: str, name: str, partner: str, country: nStr, vat: nStr, email: nStr, address: nStr, contact: nStr });
export const profile = obj({
  partner: str,
  legalName: nStr,
  address: nStr,
  vat: nStr,
  email: nStr,
  phone: nStr,
  logo: nullable(obj({ mediaType: str, bytes: int })),
  paymentTerms: nStr,
  footer: nStr,
  missing: arr(str),
});
export const agreement = obj({ id: str, customer: str, signedOn: date, file: nStr });
export const agreementAdded = merge(agreement, { customerName: str, earlier: arr(agreement), areaManager: nStr });
export const invoice = obj({ number: str, partner: str, amount, currency: str, issuedOn: date, dueOn: date, paidOn: nDate, overdue: bool, daysOverdue: int, stage });
export const paidInvoice = obj({ number: str, partner: str, amount, currency: str, paidOn: date });
export const token = obj({
  id: str,
  user: str,
  name: str,
  createdAt: ts,
  createdBy: str,
  expiresAt: nTs,
  revokedAt: nTs,
  lastUsedAt: nTs,
  status: en('active', 'expired', 'revoked', 'user disabled'),
});
export const newToken = obj({ id: str, user: str, name: str, expiresAt: nTs, token: str });
export const storeInfo = obj({ backend: en('sqlite', 'postgres'), path: str, mode: en('live', 'sandbox'), schemaVersion: int, timezone: nStr });

// ─── PBXs ─────────────────────────────────────────────────────────────────────
const pbxProps = {
  id: str,
  name: str,
  customer: str,
  partner: str,
  type: en('cloud', 'virtual', 'hardware'),
  license,
  activated: date,
  cancelledOn: nDate,
  periodStart: nDate,
  expiresOn: nDate,
  status: en('active', 'ending', 'ended', 'perpetual', 'not-yet-active'),
  daysLeft: nInt,
  endedOn: nDate,
  activatedLicense: license,
};
export const pbx = obj(pbxProps);
export const service = obj({
  pbx: str,
  order: str,
  sku: str,
  name: str,
  qty: int,
  since: date,
  renewsOn: nDate,
  term,
  currency: str,
  unitPrice: nAmount,
  renewal: nAmount,
  mrr: amount,
  status: en('active', 'ending', 'suspended'),
  endsOn: nDate,
  orderStatus,
  resaleUnitPrice: nAmount,
  resaleRenewal: nAmount,
  resaleMrr: amount,
  marginMrr: amount,
  source: nullable(en('import', 'quote')),
  serials: arr(str),
});
const history = arr(obj({ at: ts, by: str, actedBy: nStr, action: str, changes: { type: 'object' } }));
export const pbxDetail = obj({
  ...pbxProps,
  customerName: nStr,
  termChanges: arr(obj({ from: date, term })),
  services: arr(obj({ order: str, status: str, sku: str, name: str, qty: int, start: date, endsOn: nDate })),
  serviceLines: arr(service),
  mrr: amount,
  currency: nStr,
  history,
});
export const customerDetail = obj({
  id: str,
  name: str,
  partner: str,
  country: nStr,
  vat: nStr,
  email: nStr,
  address: nStr,
  contact: nStr,
  partnerName: nStr,
  pbxs: arr(pbx),
  agreements: arr(agreement),
  history,
});
export const pbxChoice = obj({ id: str, name: str, license, expiresOn: nDate, daysLeft: nInt, whyNot: nStr });

// ─── catalog ──────────────────────────────────────────────────────────────────
const perTerm = obj({ monthly: amount, yearly: amount, 'five-year': amount });
export const pricelist = obj({
  type: en('opex', 'capex'),
  currency: str,
  tier: nullable(tier),
  validFrom: date,
  resale: bool,
  date,
  partner: nStr,
  samplePrices: bool,
  items: arr(obj({ sku: str, name: str, category: str, prices: perTerm, monthlyEquivalent: perTerm, price: amount }, ['prices', 'monthlyEquivalent', 'price'])),
});
export const pricelistFile = obj({ format: en('pdf', 'xlsx', 'csv', 'json'), type: en('opex', 'capex'), currency: str, tier, validFrom: date, resale: bool, date, items: int });
export const priceBook = obj({ tier, currency: str, validFrom: date, products: int, importedAt: nTs, importedBy: nStr, source: nStr });
const bookLine = obj({ sku: str, name: str, category: str, hwaas: en('yes', 'no'), capex: nAmount, monthly: nAmount, yearly: nAmount, 'five-year': nAmount, stocked: en('yes', 'no') });
export const book = obj({ tier, currency: str, validFrom: date, on: date, lines: arr(bookLine) });
const named = obj({ sku: str, name: str });
export const bookDiff = obj({
  tier,
  currency: str,
  from: date,
  to: date,
  added: arr(named),
  removed: arr(named),
  changed: arr(obj({ sku: str, name: str, changes: arr(obj({ term: str, from: nAmount, to: nAmount, percent: nStr })) })),
});
export const resaleRule = obj({ partner: str, kind: en('default', 'category', 'sku', 'price'), target: nStr, term: nullable(term), markup: nStr, price: nAmount, currency: nStr });
export const stock = obj({ sku: str, name: str, onHand: int, reserved: int, available: int });
export const orderable = obj({ term, currency: str, products: arr(obj({ sku: str, name: str, category: str, stocked: bool, price: amount, available: nInt })) });

// ─── quotes ───────────────────────────────────────────────────────────────────
const quoteLineProps = {
  sku: str,
  name: str,
  qty: int,
  unitPrice: amount,
  amount,
  renewal: amount,
  resaleUnitPrice: nAmount,
  resaleAmount: nAmount,
  resaleRenewal: nAmount,
  margin: nAmount,
};
export const quote = obj(
  {
    pbx: nStr,
    term,
    activated: date,
    currency: str,
    start: date,
    end: date,
    periodStart: date,
    days: int,
    periodDays: int,
    lines: arr(obj(quoteLineProps)),
    total: amount,
    renewalDate: nDate,
    renewalTotal: nAmount,
    renewalTerm: term,
    resaleTotal: nAmount,
    resaleRenewalTotal: nAmount,
    marginTotal: nAmount,
    marginPercent: nStr,
  },
  ['renewalTerm'],
);
export const quoteResult = obj({
  quote,
  pbx: nullable(obj({ id: str, name: str, customer: str })),
  priceBook: obj({ tier, currency: str, validFrom: nDate }),
  explanation: nullable(arr(str)),
});
const quoteRecordProps = {
  number: str,
  partner: str,
  customer: nStr,
  pbx: nStr,
  issuedOn: date,
  validUntil: date,
  currency: str,
  resaleTotal: amount,
  total: amount,
  margin: amount,
  createdBy: str,
  expired: bool,
  status: en('sent', 'accepted', 'declined', 'expired', 'ordered'),
  order: nStr,
  decidedAt: nTs,
  decidedBy: nStr,
};
export const quoteRecord = obj(quoteRecordProps);
export const sentQuote = obj({
  ...quoteRecordProps,
  priceBook: obj({ tier: str, book: nStr }),
  // What the document said when it was sent: kept as it was written.
  quote: { type: 'object' },
  customerName: nStr,
  pbxName: nStr,
});
const caseCheck = obj({ index: int, name: str, passed: bool, differences: arr(obj({ field: str, expected: {}, got: {} })), reason: str }, ['reason']);
export const cases = obj({ outcomes: arr({ anyOf: [quote, obj({ error: errorInData })] }), checks: nullable(arr(caseCheck)) });
/** A file a use case made: its bytes in base64. */
export const document = obj({ name: str, mediaType: str, content: { type: 'string', contentEncoding: 'base64' }, title: str, number: nStr, warnings: arr(str) }, ['warnings']);

// ─── orders ───────────────────────────────────────────────────────────────────
const orderLine = obj({
  sku: str,
  name: str,
  qty: int,
  unitPrice: nAmount,
  amount: nAmount,
  renewal: nAmount,
  listPrice: nAmount,
  priceOverride: bool,
  resaleUnitPrice: nAmount,
  resaleAmount: nAmount,
  resaleRenewal: nAmount,
  margin: nAmount,
  serials: arr(str),
});
const orderProps = {
  id: str,
  status: orderStatus,
  customer: str,
  pbx: str,
  term,
  createdAt: ts,
  placedAt: nTs,
  start: nDate,
  end: nDate,
  currency: str,
  estimate: bool,
  lines: arr(orderLine),
  total: nAmount,
  renewalTotal: nAmount,
  resaleTotal: nAmount,
  resaleRenewalTotal: nAmount,
  marginTotal: nAmount,
  marginPercent: nStr,
  warnings: arr(str),
  events: arr(obj({ at: ts, by: str, actedBy: nStr, from: nullable(orderStatus), to: orderStatus })),
  customerName: nStr,
  problem: nStr,
  renewalDate: nDate,
  renewalTerm: nullable(term),
  periodStart: nDate,
  days: nInt,
  periodDays: nInt,
  activated: nDate,
  source: nullable(en('import', 'quote')),
  quote: nStr,
};
export const order = obj(orderProps);
export const cancelledOrder = obj({ ...orderProps, wasStatus: orderStatus });
export const orderSummary = obj({
  id: str,
  status: orderStatus,
  partner: str,
  customer: str,
  pbx: str,
  term,
  currency: str,
  total: nAmount,
  createdAt: ts,
  placedAt: nTs,
  savedTotal: nAmount,
  customerName: nStr,
  source: nullable(en('import', 'quote')),
});
export const orderPreview = obj({ total: amount, currency: str, resaleTotal: nAmount, day: date });
export const checkoutPreview = obj({ order, day: date, savedTotal: nAmount });
export const blocker = obj({ code: str, message: str, hint }, ['hint']);

// ─── after checkout ───────────────────────────────────────────────────────────
export const mrr = obj({ key: str, currency: str, mrr: amount, devices: amount, services: amount, lines: int, resaleMrr: amount, marginMrr: amount });
export const renewal = obj({ pbx: str, customer: str, partner: str, term, renewsOn: date, currency: str, total: amount, lines: int, inDays: int, resaleTotal: amount, marginTotal: amount });
const cancellationProps = {
  id: nStr,
  pbx: str,
  partner: str,
  wholePbx: bool,
  requestedOn: date,
  effectiveOn: date,
  currency: str,
  lines: arr(obj({ order: str, sku: str, qty: int, since: date, minimumUntil: date, finalCharge: amount, returned: int, serials: arr(str) })),
  finalChargeTotal: amount,
  mrrDecrease: amount,
  pickup: nullable(pickup),
  returnStatus: en('none', 'requested', 'received'),
  undoneAt: nTs,
};
export const cancellation = obj(cancellationProps);
export const cancellationPlan = obj({ ...cancellationProps, names: { type: 'object', additionalProperties: str }, plan: str });
export const returned = obj({
  id: str,
  pbx: str,
  partner: str,
  requestedOn: date,
  effectiveOn: date,
  items: arr(obj({ sku: str, qty: int })),
  pickup: nullable(pickup),
  status: en('none', 'requested', 'received'),
  receivedAt: nTs,
  wholePbx: bool,
  finalChargeTotal: amount,
  currency: str,
  serials: arr(str),
  receivedSerials: arr(str),
});
export const rma = obj({
  id: str,
  pbx: str,
  partner: str,
  sku: str,
  qty: int,
  reason: str,
  deliverTo: pickup,
  status: en('requested', 'shipped', 'closed'),
  createdAt: ts,
  shippedAt: nTs,
  closedAt: nTs,
  serials: arr(str),
});
export const device = obj({
  pbx: str,
  customer: str,
  partner: str,
  sku: str,
  name: str,
  serial: nStr,
  units: int,
  order: str,
  since: date,
  status: en('active', 'ending', 'suspended'),
  endsOn: nDate,
});
const termChangeProps = {
  pbx: str,
  from: term,
  to: term,
  effectiveOn: date,
  nextRenewal: date,
  currency: str,
  lines: arr(obj({ order: str, sku: str, qty: int, unitPrice: amount, renewal: amount })),
  renewalTotal: amount,
};
export const termChange = obj(termChangeProps);
export const termChangePlan = obj({ ...termChangeProps, plan: str });
export const termChangeUndone = obj({ pbx: str, term, undone: obj({ from: date, term }) });

// ─── imports ──────────────────────────────────────────────────────────────────
export const importReport = obj(
  {
    kind: str,
    file: str,
    dryRun: bool,
    rows: int,
    created: int,
    updated: int,
    unchanged: int,
    removed: int,
    warnings: arr(str),
    errors: arr(obj({ row: int, column: nStr, message: str })),
    errorCount: int,
    tier,
    currency: str,
    validFrom: date,
  },
  ['removed', 'tier', 'currency', 'validFrom'],
);
export const progress = obj({ done: int, total: nInt, unit: en('bytes', 'products'), rows: int }, ['rows']);

// ─── requests ─────────────────────────────────────────────────────────────────
const oStr = nStr;
/** An input object: its optional fields may also be null (the interface says `?: T | null`). */
const input = (props: Record<string, Schema>, optional: readonly string[] = []): Schema =>
  obj(Object.fromEntries(Object.entries(props).map(([key, schema]) => [key, optional.includes(key) && !('anyOf' in schema) ? nullable(schema) : schema])), optional);
const item = obj({ sku: str, qty: int, price: nStr }, ['price']);
export const requests = {
  none: input({}),
  id: input({ id: str }),
  quote: input({ pbx: oStr, term: oStr, activated: oStr, start: oStr, currency: oStr, tier: oStr, items: arr(item), explain: nullable(en('buy', 'sell')) }, [
    'pbx',
    'term',
    'activated',
    'start',
    'currency',
    'tier',
    'explain',
  ]),
  order: input({ customer: str, pbx: str, term: oStr, items: arr(item) }, ['term']),
  place: input({ customer: str, pbx: str, term: oStr, items: arr(item), day: oStr }, ['term', 'day']),
  checkout: input({ id: str, day: oStr }, ['day']),
  pricelist: input({ type: oStr, currency: oStr, tier: oStr, on: oStr, resale: bool }, ['type', 'currency', 'tier', 'on', 'resale']),
  pricelistDocument: input({ type: oStr, currency: oStr, tier: oStr, on: oStr, resale: bool, format: en('pdf', 'xlsx', 'csv'), paper: nullable(en('a4', 'letter')), bom: bool }, [
    'type',
    'currency',
    'tier',
    'on',
    'resale',
    'paper',
    'bom',
  ]),
  planCancel: input({ pbx: str, items: nullable(arr(input({ sku: str, qty: int }))), pickup: oStr, serials: nullable(arr(str)) }, ['pickup', 'serials']),
  cancel: input({ pbx: str, items: nullable(arr(input({ sku: str, qty: int }))), pickup: oStr, serials: nullable(arr(str)), plan: str }, ['pickup', 'serials']),
};
export { arr, bool, date, int, nStr, oStr };
