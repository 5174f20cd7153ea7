import type { DemoData } from './demo.js';
import { type BookKey, type BookLine, type StoreMode, scopeOf } from '../kernel/model.js';

import type { Repositories, Store } from '../kernel/port.js';
import { ADMIN_USER } from '../parties/users.js';

/** A whole version stored as given (the sample books of `init --demo`, the benchmark): products upserted, lines put. */
export async function storeBook(tx: Repositories, key: BookKey, lines: readonly BookLine[], at: string, by: string | null, source: string | null): Promise<void> {
  const id = await tx.pricebooks.ensure(key, at, by, source);
  for (const line of lines) {
    await tx.catalog.upsert(line);
    await tx.pricebooks.putLine(id, line);
  }
}

/**
 * What `init` does to the store, in one write transaction: mode, time zone (the date
 * the store writes on is the date there; set once), with --demo the sample price books
 * and demo data, the default user.
 */
export function seedStore(
  store: Store,
  books: readonly { readonly key: BookKey; readonly lines: readonly BookLine[]; readonly file: string }[],
  demo: DemoData | null,
  createdAt: string,
  mode: StoreMode,
  timezone: string,
): Promise<{ defaultUser: string }> {
  return store.write(
    async (tx) => {
      await tx.settings.set('mode', mode);
      if (!(await tx.settings.get('timezone'))) await tx.settings.set('timezone', timezone);
      if (demo && (await tx.settings.get('demo_loaded')) !== '1') {
        // The sample price books, as \`pricebook import\` would (they are sample prices: the documents say so).
        for (const book of books) await storeBook(tx, book.key, book.lines, createdAt, null, book.file);
        await tx.settings.set('sample_prices', '1');
        for (const partner of demo.partners) await tx.parties.insertPartner(partner);
        for (const [partner, profile] of demo.profiles) await tx.parties.setProfile(partner, profile);
        for (const user of demo.users) if (!(await tx.parties.user(user.id))) await tx.parties.insertUser(user);
        for (const customer of demo.customers) await tx.customers.add(customer, createdAt, customer.id);
        for (const pbx of demo.pbxs) await tx.pbxs.add(pbx, pbx.id);
        for (const invoice of demo.invoices) await tx.invoices.insert(invoice);
        for (const agreement of demo.agreements) {
          await tx.agreements.add(agreement.customer, agreement.signedOn, agreement.file, createdAt, demo.defaultUser);
        }
        for (const level of demo.stock) await tx.stock.setOnHand(level.sku, level.onHand);
        await tx.settings.set('demo_loaded', '1');
        await tx.settings.set('default_user', demo.defaultUser);
      }
      if ((await tx.parties.users()).length === 0) await tx.parties.insertUser(ADMIN_USER);
      let defaultUser = await tx.settings.get('default_user');
      if (!defaultUser || !(await tx.parties.user(defaultUser))) {
        defaultUser = (await tx.parties.users()).find((u) => scopeOf(u).kind === 'staff')?.id ?? ADMIN_USER.id;
        await tx.settings.set('default_user', defaultUser);
      }
      return { defaultUser };
    },
    { exclusive: true },
  );
}
