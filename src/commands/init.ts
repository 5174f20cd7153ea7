import { readFileSync } from 'node:fs';
import type { Context } from '../cli/context.js';
import { type Column, renderTable } from '../cli/style.js';
import { readCatalog, readDemo } from '../domain/data.js';
import type { User } from '../domain/model.js';
import { seedStore } from '../domain/seed.js';
import { parseJsonText } from '../domain/validate.js';
import { dataFile } from '../paths.js';
import { Store } from '../store/store.js';

export async function run(ctx: Context, options: { demo?: boolean; force?: boolean }): Promise<void> {
  // Read and check both files before the store is touched: a bad entry leaves nothing half-done.
  const catalog = readCatalog(parseJsonText('data/catalog.json', readFileSync(dataFile('catalog.json'), 'utf8')));
  const skus = new Set(catalog.products.map((p) => p.sku));
  const demo = options.demo ? readDemo(parseJsonText('data/demo.json', readFileSync(dataFile('demo.json'), 'utf8')), skus) : null;

  const existed = Store.exists(ctx.dbPath);
  const { store, from, to } = Store.create(ctx.dbPath, options.force === true);
  ctx.adoptStore(store);
  const { defaultUser } = seedStore(store, catalog, demo, ctx.timestamp());
  const users = store.parties.users();

  if (ctx.json) {
    ctx.printJson({ db: ctx.dbPath, users: users.map(userToJson), defaultUser });
    return;
  }
  const { chalk } = ctx.style;
  const what = options.force && existed ? 'Rebuilt' : !existed ? 'Created' : from < to ? 'Migrated' : 'Checked';
  ctx.out(`${what} the store at ${ctx.dbPath} (schema version ${to}).`);
  ctx.out(`Catalog: ${catalog.products.length} products, ${catalog.products.filter((p) => p.hwaas).length} of them HWaaS-eligible${catalog.samplePrices ? ' (sample prices)' : ''}.`);
  if (demo) ctx.out(`Demo data: ${demo.partners.length} partners, ${demo.customers.length} customers, ${demo.pbxs.length} PBXs.`);
  ctx.out('');
  const columns: Column<User>[] = [
    { header: 'ID', value: (u) => u.id + (u.id === defaultUser ? chalk.green(' (default)') : '') },
    { header: 'E-mail', value: (u) => u.email },
    { header: 'Name', value: (u) => u.name },
    { header: 'Role', value: (u) => u.role },
    { header: 'Partner', value: (u) => u.partner ?? '' },
  ];
  ctx.out(renderTable(ctx.style, columns, users));
  ctx.out(`\nYou act as ${defaultUser}; act as someone else with --as ID-or-e-mail (or HWAAS_USER).`);
  ctx.out(`Next: ${chalk.bold('hwaas customers list')}, ${chalk.bold('hwaas pbx list --expiring-within 30')}, ${chalk.bold('hwaas help')}.`);
}

export const userToJson = (u: User) => ({ id: u.id, email: u.email, name: u.name, role: u.role, partner: u.partner });
