/**
 * The use cases over HTTP: each one's route (`POST /v1/<path>`) and how it answers, shared
 * by the server (src/server) and the client (src/client) so that the two cannot drift
 * apart. `json`: the input as the JSON body, the output as the JSON answer; `job`: the
 * answer is JSON lines (`{"progress"}`… then `{"result"}` or `{"error"}`); `upload`: the
 * body is a file's bytes, the other inputs are in the query. A `document`'s bytes travel
 * in base64.
 */
export type ApiKind = 'json' | 'job' | 'upload';

export interface ApiCall {
  readonly path: string;
  readonly kind: ApiKind;
  readonly document?: boolean;
}

export const API = {
  whoami: { path: 'whoami', kind: 'json' },
  today: { path: 'today', kind: 'json' },
  access: { path: 'access', kind: 'json' },
  'store.info': { path: 'store/info', kind: 'json' },
  'partners.list': { path: 'partners/list', kind: 'json' },
  'partners.show': { path: 'partners/show', kind: 'json' },
  'partners.add': { path: 'partners/add', kind: 'json' },
  'partners.edit': { path: 'partners/edit', kind: 'json' },
  'partners.profile': { path: 'partners/profile', kind: 'json' },
  'partners.setProfile': { path: 'partners/set-profile', kind: 'json' },
  'tokens.create': { path: 'tokens/create', kind: 'json' },
  'tokens.list': { path: 'tokens/list', kind: 'json' },
  'tokens.revoke': { path: 'tokens/revoke', kind: 'json' },
  'users.list': { path: 'users/list', kind: 'json' },
  'users.add': { path: 'users/add', kind: 'json' },
  'users.setEnabled': { path: 'users/set-enabled', kind: 'json' },
  'customers.list': { path: 'customers/list', kind: 'json' },
  'customers.show': { path: 'customers/show', kind: 'json' },
  'customers.add': { path: 'customers/add', kind: 'json' },
  'customers.edit': { path: 'customers/edit', kind: 'json' },
  'pbxs.list': { path: 'pbxs/list', kind: 'json' },
  'pbxs.show': { path: 'pbxs/show', kind: 'json' },
  'pbxs.add': { path: 'pbxs/add', kind: 'json' },
  'pbxs.planTermChange': { path: 'pbxs/plan-term-change', kind: 'json' },
  'pbxs.changeTerm': { path: 'pbxs/change-term', kind: 'json' },
  'pbxs.undoTermChange': { path: 'pbxs/undo-term-change', kind: 'json' },
  'pbxs.edit': { path: 'pbxs/edit', kind: 'json' },
  'agreements.list': { path: 'agreements/list', kind: 'json' },
  'agreements.add': { path: 'agreements/add', kind: 'json' },
  'invoices.list': { path: 'invoices/list', kind: 'json' },
  'invoices.pay': { path: 'invoices/pay', kind: 'json' },
  'stock.list': { path: 'stock/list', kind: 'json' },
  'stock.set': { path: 'stock/set', kind: 'json' },
  'pricebooks.list': { path: 'pricebooks/list', kind: 'json' },
  'pricebooks.show': { path: 'pricebooks/show', kind: 'json' },
  'pricebooks.diff': { path: 'pricebooks/diff', kind: 'json' },
  'pricebooks.importFile': { path: 'pricebooks/import', kind: 'upload' },
  'resale.list': { path: 'resale/list', kind: 'json' },
  'resale.setMarkup': { path: 'resale/set-markup', kind: 'json' },
  'resale.setPrice': { path: 'resale/set-price', kind: 'json' },
  'resale.clear': { path: 'resale/clear', kind: 'json' },
  'pricelist.get': { path: 'pricelist/get', kind: 'json' },
  'pricelist.document': { path: 'pricelist/document', kind: 'job' },
  'quotes.make': { path: 'quotes/make', kind: 'json' },
  'quotes.cases': { path: 'quotes/cases', kind: 'json' },
  'quotes.document': { path: 'quotes/document', kind: 'json', document: true },
  'quotes.list': { path: 'quotes/list', kind: 'json' },
  'quotes.show': { path: 'quotes/show', kind: 'json' },
  'quotes.decide': { path: 'quotes/decide', kind: 'json' },
  'orders.list': { path: 'orders/list', kind: 'json' },
  'orders.show': { path: 'orders/show', kind: 'json' },
  'orders.preview': { path: 'orders/preview', kind: 'json' },
  'orders.save': { path: 'orders/save', kind: 'json' },
  'orders.place': { path: 'orders/place', kind: 'json' },
  'orders.previewFromQuote': { path: 'orders/preview-from-quote', kind: 'json' },
  'orders.fromQuote': { path: 'orders/from-quote', kind: 'json' },
  'orders.previewCheckout': { path: 'orders/preview-checkout', kind: 'json' },
  'orders.checkout': { path: 'orders/checkout', kind: 'json' },
  'orders.cancel': { path: 'orders/cancel', kind: 'json' },
  'orders.approve': { path: 'orders/approve', kind: 'json' },
  'orders.ship': { path: 'orders/ship', kind: 'json' },
  'orders.document': { path: 'orders/document', kind: 'json', document: true },
  'orders.blockers': { path: 'orders/blockers', kind: 'json' },
  'orders.pbxChoices': { path: 'orders/pbx-choices', kind: 'json' },
  'orders.orderable': { path: 'orders/orderable', kind: 'json' },
  'services.list': { path: 'services/list', kind: 'json' },
  'services.renewals': { path: 'services/renewals', kind: 'json' },
  'services.mrr': { path: 'services/mrr', kind: 'json' },
  'services.planCancel': { path: 'services/plan-cancel', kind: 'json' },
  'services.cancel': { path: 'services/cancel', kind: 'json' },
  'services.replace': { path: 'services/replace', kind: 'json' },
  'services.undoCancel': { path: 'services/undo-cancel', kind: 'json' },
  'returns.list': { path: 'returns/list', kind: 'json' },
  'returns.receive': { path: 'returns/receive', kind: 'json' },
  'rmas.list': { path: 'rmas/list', kind: 'json' },
  'rmas.ship': { path: 'rmas/ship', kind: 'json' },
  'rmas.close': { path: 'rmas/close', kind: 'json' },
  'imports.run': { path: 'imports/run', kind: 'upload' },
  'devices.list': { path: 'devices/list', kind: 'json' },
} as const satisfies Record<string, ApiCall>;

export type ApiName = keyof typeof API;

/** The major version of the API: a client and a server of different majors refuse each other. */
export const API_VERSION = 1;
