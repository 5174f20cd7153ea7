import type { ImportKind, ImportKindSpec } from './run.js';
import { invoicesImport } from './invoices.js';
import { agreementsImport } from './agreements.js';
import { stockImport } from './stock.js';
import { pbxsImport } from './pbxs.js';

import { customersImport } from './customers.js';
import { servicesImport } from './services.js';

/**
 * The kinds of `hwaas import`, one file each: their columns (canonical names first, then the
 * other names a header may use), and the rules each row meets: those of the command
 * that adds one by hand (customers add, pbx add, agreements add, stock set), so a file
 * cannot store what a person could not type.
 */

// biome-ignore lint/suspicious/noExplicitAny: a registry of the specs of every record type
export const IMPORTS: Readonly<Record<ImportKind, ImportKindSpec<any, any>>> = {
  customers: customersImport,
  pbxs: pbxsImport,
  invoices: invoicesImport,
  agreements: agreementsImport,
  stock: stockImport,
  services: servicesImport,
};
