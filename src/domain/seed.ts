import type { Store } from '../store/store.js';
import type { CatalogData, DemoData } from './data.js';
import { scopeOf } from './model.js';

export const ADMIN_USER = { id: 'USR-ADMIN', email: 'admin@hwaas.local', name: 'hwaas administrator', role: 'staff', partner: null } as const;

/** What `init` does to the store, in one write transaction: catalog, demo data, default user. */
export function seedStore(store: Store, catalog: CatalogData, demo: DemoData | null, createdAt: string, mode: 'live' | 'sandbox'): { defaultUser: string } {
  return store.write(() => {
    store.parties.setSetting('mode', mode);
    store.catalog.replace(catalog.products);
    store.parties.setSetting('sample_prices', catalog.samplePrices ? '1' : '0');
    if (demo && store.parties.setting('demo_loaded') !== '1') {
      for (const partner of demo.partners) store.parties.insertPartner(partner);
      for (const user of demo.users) if (!store.parties.user(user.id)) store.parties.insertUser(user);
      for (const customer of demo.customers) store.customers.add(customer, createdAt, customer.id);
      for (const pbx of demo.pbxs) store.pbxs.add(pbx, pbx.id);
      for (const invoice of demo.invoices) store.ledger.insertInvoice(invoice);
      for (const agreement of demo.agreements) {
        store.ledger.addAgreement(agreement.customer, agreement.signedOn, agreement.file, createdAt, demo.defaultUser);
      }
      for (const level of demo.stock) store.ledger.setOnHand(level.sku, level.onHand);
      store.parties.setSetting('demo_loaded', '1');
      store.parties.setSetting('default_user', demo.defaultUser);
    }
    if (store.parties.users().length === 0) store.parties.insertUser(ADMIN_USER);
    let defaultUser = store.parties.setting('default_user');
    if (!defaultUser || !store.parties.user(defaultUser)) {
      defaultUser = store.parties.users().find((u) => scopeOf(u).kind === 'staff')?.id ?? ADMIN_USER.id;
      store.parties.setSetting('default_user', defaultUser);
    }
    return { defaultUser };
  });
}
