import { UsageError } from '../../errors.js';
import { checkAddress, checkCountry, checkEmail, checkLine, checkName, checkPhone, checkVat } from '../../domain/kernel/checks.js';
import { dateRange, idFilter, idOf, optionalId, skuOf } from './ids.js';
import { PBX_TYPES, PROFILE_FIELDS, type PartnerProfile, type PbxType } from '../../domain/kernel/model.js';
import { setProfile, showProfile } from '../../domain/parties/profiles.js';
import { checkText, isInvisible } from '../../domain/kernel/text.js';
import { addAgreement, listAgreements } from '../../domain/parties/agreements.js';
import { type CustomerChanges, addCustomer, editCustomer, listCustomers, partnerFor, showCustomer } from '../../domain/parties/customers.js';
import { listInvoices, payInvoice } from '../../domain/parties/invoices.js';
import { addPartner, editPartner, listPartners, requirePartner } from '../../domain/parties/partners.js';
import { type PbxChanges, addPbx, checkActivation, editPbx, listPbxs, pbxOnDay, showPbx } from '../../domain/parties/pbxs.js';
import { daysOverdue, stageOf } from '../../domain/parties/standing.js';
import { addUser, listUsers, setUserEnabled, whoami } from '../../domain/parties/users.js';
import { listStock, setStock } from '../../domain/catalog/stock.js';
import { mrrBy, serviceLines } from '../../domain/lifecycle/serviceLines.js';
import { formatDate, parseDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';
import { parseLicense } from '../../terms/term.js';
import { agreementJson, customerJson, invoiceJson, partnerJson, profileJson, standingJson, userJson, userRecordJson, userRowJson, tokenJson } from '../../views/json/parties.js';
import { historyJson, pbxJson } from '../../views/json/pbxs.js';
import { stockJson } from '../../views/json/catalog.js';
import { serviceJson } from '../../views/json/services.js';
import type { ProfileInput, UseCases } from '../usecases.js';
import type { Calls } from './calls.js';
import { parseLifetime, createToken, listTokens, revokeToken } from '../../domain/parties/tokens.js';

/** The labels of a partner's fields in messages: their names in the use case (the command line says its flags). */
const PARTNER_FIELDS = { name: 'name', country: 'country', currency: 'currency', tier: 'tier', areaManagerName: 'areaManagerName', areaManagerEmail: 'areaManagerEmail' } as const;

/** Whether the user gave something to look for. */
function searchOf(text: string | null | undefined): string | undefined {
  if (text === undefined || text === null) return undefined;
  if (isInvisible(checkText(text, 'search'))) throw new UsageError('search: give some text to look for (it is blank); leave it out to list everyone.', 'INVALID_INPUT', { field: 'search' });
  if ([...text].length > 200) throw new UsageError(`search: ${[...text].length} characters; a search is at most 200.`, 'INVALID_INPUT', { field: 'search' });
  return text;
}

/** Who is who: the acting user, partners, users, customers and their PBXs, agreements, invoices, stock. (A PBX's change of term is lifecycle.ts's.) */
export function partiesUseCases(calls: Calls): Pick<UseCases, 'whoami' | 'today' | 'access' | 'store' | 'partners' | 'tokens' | 'users' | 'customers' | 'agreements' | 'invoices' | 'stock'> & {
  pbxs: Omit<UseCases['pbxs'], 'planTermChange' | 'changeTerm' | 'undoTermChange'>;
} {
  return {
    async whoami() {
      const { store, actor } = await calls.reader();
      const { user, partner, standing } = await whoami(store, actor);
      return { ...userJson(user), standing: standing && standingJson(standing), partnerDetails: partner && partnerJson(partner) };
    },

    async today() {
      return formatDate(await calls.today());
    },

    async access({ write }) {
      if (write) await calls.writer();
      else await calls.reader();
    },

    store: {
      async info() {
        const store = await calls.store();
        return { backend: store.info.backend, path: store.info.location, mode: await store.mode(), schemaVersion: store.info.schemaVersion, timezone: (await store.settings.get('timezone')) ?? null };
      },
    },

    partners: {
      async list() {
        const { store, actor } = await calls.reader();
        return { items: (await listPartners(store, actor)).map(partnerJson), viewer: actor.scope.kind };
      },
      async show({ id }) {
        const { store, actor } = await calls.reader();
        return partnerJson(await requirePartner(store, actor, idOf(id, 'id')));
      },
      async add(input) {
        const { store, actor } = await calls.writer();
        return partnerJson(await addPartner(store, actor, input, PARTNER_FIELDS));
      },
      async edit({ id, ...input }) {
        const { store, actor } = await calls.writer();
        const { before, after } = await editPartner(store, actor, idOf(id, 'id'), input, PARTNER_FIELDS);
        return { before: partnerJson(before), after: partnerJson(after) };
      },
      async profile(input) {
        const { store, actor } = await calls.reader();
        const { partner, profile } = await showProfile(store, actor, optionalId(input.partner, 'partner') ?? null);
        return profileJson(partner, profile);
      },
      async setProfile(input) {
        const changes = await profileChanges(input);
        const clear = fieldsOf(input.clear, PROFILE_FIELDS, 'clear');
        const { store, actor } = await calls.writer();
        const { partner, profile, changed } = await setProfile(store, actor, optionalId(input.partner, 'partner') ?? null, changes, clear);
        return { ...profileJson(partner, profile), changed };
      },
    },

    tokens: {
      async create(input) {
        const days = parseLifetime(input.expiresIn ?? '90d', 'expiresIn');
        const { store, actor } = await calls.writer();
        const { token, text } = await createToken(store, actor, { user: idOf(input.user, 'user'), name: input.name ?? 'hwaas', days });
        return { id: token.id, user: token.user, name: token.name, expiresAt: token.expiresAt, token: text };
      },
      async list(input) {
        const { store, actor } = await calls.reader();
        const now = calls.options.clock.now();
        const tokens = await listTokens(store, actor, idFilter(input.user, 'user') ?? null);
        // A disabled user's tokens are refused while it is: the list says so.
        const disabled = new Set((await store.parties.users()).filter((u) => u.disabledAt !== null).map((u) => u.id));
        return { items: tokens.map((t) => tokenJson(t, now, disabled.has(t.user))), viewer: actor.scope.kind };
      },
      async revoke({ id }) {
        if (id.trim() === '') throw new UsageError('id: give a token ID (it is blank); `hwaas users token list` shows them.', 'INVALID_INPUT', { field: 'id' });
        // A locked account may still revoke its own token (a leaked one must not wait for the invoice).
        const { store, actor } = await calls.writer({ account: false });
        return tokenJson(await revokeToken(store, actor, id), calls.options.clock.now());
      },
    },

    users: {
      async list() {
        const { store, actor } = await calls.reader();
        return { items: (await listUsers(store, actor)).map(userRowJson), viewer: actor.scope.kind };
      },
      async add(input) {
        const { store, actor } = await calls.writer();
        const user = await addUser(
          store,
          actor,
          { email: input.email, name: input.name, role: input.role, partner: optionalId(input.partner, 'partner') },
          { email: 'email', name: 'name', role: 'role', partner: 'partner' },
        );
        return userRecordJson(user);
      },
      async setEnabled({ id, enabled }) {
        const { store, actor } = await calls.writer();
        const { user, changed } = await setUserEnabled(store, actor, idOf(id, 'id'), enabled);
        return { user: userRecordJson(user), changed };
      },
    },

    customers: {
      async list(input) {
        const search = searchOf(input.search);
        const { store, actor } = await calls.reader();
        const limit = input.limit ?? undefined;
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000)) {
          throw new UsageError(`limit: ${limit} is not a whole number from 1 to 1,000,000.`, 'INVALID_INPUT', { field: 'limit' });
        }
        const { customers, total } = await listCustomers(store, actor, { partner: idFilter(input.partner, 'partner'), search, limit });
        return { items: customers.map(customerJson), total, viewer: actor.scope.kind };
      },
      async show({ id }) {
        const { store, actor } = await calls.reader();
        const { customer, partner, pbxs, agreements } = await showCustomer(store, actor, idOf(id, 'id'));
        return {
          ...customerJson(customer),
          partnerName: partner?.name ?? null,
          pbxs: pbxs.map((p) => pbxJson(pbxOnDay(p, actor.today), actor.today)),
          agreements: agreements.map(agreementJson),
          history: (await store.parties.events(actor.scope, customer.id)).map(historyJson),
        };
      },
      async add(input) {
        // Every field is checked before anything is asked of the store.
        const country = checkCountry(input.country ?? undefined, 'country');
        const vat = checkVat(input.vat ?? undefined, 'vat');
        const email = checkEmail(input.email ?? undefined, 'email');
        const name = checkName(input.name, 'name');
        const { store, actor } = await calls.writer();
        const partner = await partnerFor(store, actor, optionalId(input.partner, 'partner') ?? null);
        if (!partner) throw new UsageError('partner: staff say which partner the customer is for (e.g. PTR-001).', 'USAGE', { field: 'partner' });
        const address = input.address === undefined || input.address === null ? null : checkAddress(input.address, 'address');
        const contact = input.contact === undefined || input.contact === null ? null : checkLine(input.contact, 'contact');
        const customer = await addCustomer(store, actor, { partner, name, country, vat, email, address, contact });
        return { ...customerJson(customer), partnerName: partner.name };
      },
      async edit(input) {
        const changes: CustomerChanges = {};
        const given = <T>(value: string | null | undefined, check: (text: string) => T): T | undefined => (value === undefined || value === null ? undefined : check(value));
        const name = given(input.name, (t) => checkName(t, 'name'));
        if (name !== undefined) Object.assign(changes, { name });
        for (const [key, check] of [
          ['country', (t: string) => checkCountry(t, 'country')],
          ['vat', (t: string) => checkVat(t, 'vat')],
          ['email', (t: string) => checkEmail(t, 'email')],
          ['address', (t: string) => checkAddress(t, 'address')],
          ['contact', (t: string) => checkLine(t, 'contact')],
        ] as const) {
          const value = given(input[key], check);
          if (value !== undefined) Object.assign(changes, { [key]: value });
        }
        for (const field of fieldsOf(input.clear, CUSTOMER_CLEARABLE, 'clear')) {
          if (field in changes) throw new UsageError(`clear: ${field} is both given and cleared; do one.`, 'USAGE', { field: 'clear' });
          Object.assign(changes, { [field]: null });
        }
        if (Object.keys(changes).length === 0) throw new UsageError('give at least one thing to change: name, country, vat, email, address or contact (or clear one).', 'USAGE');
        const id = idOf(input.id, 'id');
        const { store, actor } = await calls.writer();
        const { before, after, changed } = await editCustomer(store, actor, id, changes);
        return { before: customerJson(before), after: customerJson(after), changed };
      },
    },

    pbxs: {
      async list(input) {
        const { store, actor } = await calls.reader();
        const rows = await listPbxs(store, actor, {
          customer: idFilter(input.customer, 'customer'),
          license: input.license ? parseLicense(input.license, 'license') : null,
          expiringWithin: input.expiringWithin ?? undefined,
        });
        return { items: rows.map((r) => pbxJson(r, actor.today)), viewer: actor.scope.kind };
      },
      async show({ id }) {
        const { store, actor } = await calls.reader();
        const view = await showPbx(store, actor, idOf(id, 'id'));
        const { pbx } = view;
        const shown = pbxJson(view, actor.today);
        const { lines } = await serviceLines(store, actor.scope, actor.today, { pbx: pbx.id });
        const mrr = mrrBy(lines, 'pbx')[0] ?? null;
        return {
          ...shown,
          customerName: view.customer?.name ?? null,
          termChanges: pbx.termChanges.map((c) => ({ from: formatDate(c.from), term: c.term })),
          // The 0.1 shape (by order line, with its order's status), read from the same service lines; co-termination: each ends with the PBX.
          services: lines.map((l) => ({
            order: l.record.order,
            status: l.record.orderStatus,
            sku: l.record.sku,
            name: l.record.name,
            qty: l.qty,
            start: formatDate(l.record.since),
            endsOn: l.endsOn === null ? shown.expiresOn : formatDate(l.endsOn),
          })),
          serviceLines: lines.map(serviceJson),
          mrr: mrr === null ? '0.00' : formatAmount(mrr.mrr),
          currency: mrr?.currency ?? lines[0]?.record.currency ?? null,
          history: (await store.parties.events(actor.scope, pbx.id)).map(historyJson),
        };
      },
      async add(input) {
        const name = checkName(input.name, 'name', 120);
        if (!(PBX_TYPES as readonly string[]).includes(input.type)) throw new UsageError(`type: "${input.type}" is not a PBX type (${PBX_TYPES.join(', ')}).`, 'INVALID_INPUT', { field: 'type' });
        const license = parseLicense(input.license, 'license');
        const activated = parseDate(input.activated, 'activated');
        const { store, actor } = await calls.writer();
        checkActivation(activated, actor.today, 'activated');
        const row = await addPbx(store, actor, { customer: idOf(input.customer, 'customer'), name, type: input.type as PbxType, license, activated });
        return pbxJson(row, actor.today);
      },
      async edit(input) {
        const changes: { -readonly [K in keyof PbxChanges]: PbxChanges[K] } = {};
        if (input.name !== undefined && input.name !== null) changes.name = checkName(input.name, 'name', 120);
        if (input.type !== undefined && input.type !== null) {
          const type = String(input.type).trim().toLowerCase();
          if (!(PBX_TYPES as readonly string[]).includes(type)) throw new UsageError(`type: "${input.type}" is not a PBX type (${PBX_TYPES.join(', ')}).`, 'INVALID_INPUT', { field: 'type' });
          changes.type = type as PbxType;
        }
        if (input.license !== undefined && input.license !== null) changes.license = parseLicense(input.license, 'license');
        if (input.activated !== undefined && input.activated !== null) changes.activated = parseDate(input.activated, 'activated');
        if (Object.keys(changes).length === 0) throw new UsageError('give at least one thing to change: name, type, license or activated.', 'USAGE');
        const id = idOf(input.id, 'id');
        const { store, actor } = await calls.writer();
        const { before, after, changed } = await editPbx(store, actor, id, changes);
        return { before: pbxJson(pbxOnDay(before, actor.today), actor.today), after: pbxJson(pbxOnDay(after, actor.today), actor.today), changed };
      },
    },

    agreements: {
      async list(input) {
        const { store, actor } = await calls.reader();
        return { items: (await listAgreements(store, actor, idFilter(input.customer, 'customer'))).map(agreementJson), viewer: actor.scope.kind };
      },
      async add(input) {
        const signedOn = parseDate(input.signedOn, 'signedOn');
        const file = input.file === undefined || input.file === null ? null : checkText(input.file, 'file');
        const { store, actor } = await calls.writer();
        const { agreement, customer, partner } = await addAgreement(store, actor, { customer: idOf(input.customer, 'customer'), signedOn, file, signedOnLabel: 'signedOn' });
        const earlier = (await store.agreements.list(actor.scope, customer.id)).filter((a) => a.id !== agreement.id);
        return {
          ...agreementJson(agreement),
          customerName: customer.name,
          earlier: earlier.map(agreementJson),
          areaManager: partner ? `${partner.areaManagerName} <${partner.areaManagerEmail}>` : null,
        };
      },
    },

    invoices: {
      async list(input) {
        const { store, actor } = await calls.reader();
        const partner = idFilter(input.partner, 'partner') ?? null;
        const { from, to } = dateRange(input.from, input.to);
        const invoices = await listInvoices(store, actor, { overdue: input.overdue === true, partner, from, to });
        return {
          items: invoices.map((i) => {
            const days = daysOverdue(i, actor.today);
            return invoiceJson(i, days, stageOf(days));
          }),
          viewer: actor.scope.kind,
        };
      },
      async pay({ number }) {
        const { store, actor } = await calls.writer();
        const invoice = await payInvoice(store, actor, idOf(number, 'number', 'a number'));
        return { number: invoice.number, partner: invoice.partner, amount: formatAmount(invoice.amount), currency: invoice.currency, paidOn: formatDate(invoice.paidOn!) };
      },
    },

    stock: {
      async list() {
        // A user of the store, whoever it is, may see the stock.
        const { store, actor } = await calls.reader();
        return { items: (await listStock(store)).map(stockJson), viewer: actor.scope.kind };
      },
      async set({ sku, onHand }) {
        if (!Number.isInteger(onHand) || onHand < 0 || onHand > 9_999_999) {
          throw new UsageError(`onHand: "${onHand}" is not a whole number of devices on hand (0 to 9,999,999).`, 'INVALID_INPUT', { field: 'onHand' });
        }
        const { store, actor } = await calls.writer();
        return stockJson(await setStock(store, actor, skuOf(sku, 'sku'), onHand));
      },
    },
  };
}

/** The fields of a customer that can be cleared (its name cannot). */
const CUSTOMER_CLEARABLE = ['country', 'vat', 'email', 'address', 'contact'] as const;

/** Names of fields, each one of `known`. */
function fieldsOf<T extends string>(names: readonly string[] | null | undefined, known: readonly T[], field: string): T[] {
  if (names === undefined || names === null) return [];
  if (!Array.isArray(names)) throw new UsageError(`${field}: a list of field names.`, 'INVALID_INPUT', { field });
  return names.map((n) => {
    const found = known.find((k) => k.toLowerCase() === String(n).replace(/[-_ ]/g, '').toLowerCase());
    if (!found) throw new UsageError(`${field}: "${String(n)}" is not a field that can be cleared; use ${known.join(', ')}.`, 'INVALID_INPUT', { field });
    return found;
  });
}

/** The profile fields given, each checked; the logo decoded once. */
async function profileChanges(input: ProfileInput): Promise<Partial<PartnerProfile>> {
  const changes: Record<string, unknown> = {};
  const set = (key: string, value: string | null | undefined, check: (text: string) => string) => {
    if (value !== undefined && value !== null) changes[key] = check(value);
  };
  set('legalName', input.legalName, (t) => checkName(t, 'legalName'));
  set('address', input.address, (t) => checkAddress(t, 'address'));
  set('vat', input.vat, (t) => checkVat(t, 'vat')!);
  set('email', input.email, (t) => checkEmail(t, 'email')!);
  set('phone', input.phone, (t) => checkPhone(t, 'phone'));
  set('paymentTerms', input.paymentTerms, (t) => checkLine(t, 'paymentTerms', 300));
  set('footer', input.footer, (t) => checkLine(t, 'footer', 300));
  if (input.logo !== undefined && input.logo !== null) {
    const base64 = typeof input.logo.base64 === 'string' ? input.logo.base64 : '';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new UsageError('logo: the file is not in base64.', 'INVALID_INPUT', { field: 'logo' });
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
    const { checkLogo } = await import('../../export/images.js');
    const checked = checkLogo(bytes);
    if ('problem' in checked) throw new UsageError(`logo: ${String(input.logo.name ?? 'the file')}: ${checked.problem}.`, 'INVALID_INPUT', { field: 'logo' });
    changes.logo = { mediaType: checked.mediaType, bytes };
  }
  return changes as Partial<PartnerProfile>;
}
