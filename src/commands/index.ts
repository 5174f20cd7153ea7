import type { CommandModule } from '../cli/command.js';

/**
 * Every command, by the words that run it, loaded only when it runs (or when the
 * whole tree is needed: help, completion). A new command is a file in this folder
 * that exports `command = defineCommand({…})`, and one line here.
 */
export interface CommandEntry {
  readonly path: readonly string[];
  readonly load: () => Promise<CommandModule>;
}

/** Words that group commands, and what the group is for. */
export const GROUPS: Readonly<Record<string, string>> = {
  partners: 'the partners who resell HWaaS: currency, tier, area manager',
  users: 'the people who use hwaas',
  customers: 'your customers (a partner sees only its own)',
  pbx: 'PBXs, their licence term, current period and expiration',
  orders: 'track orders: draft → placed → approved → shipped, or cancelled',
  stock: 'devices on hand, reserved by orders, and available (may be negative: backorder)',
  agreements: 'signed HWaaS agreements: one per customer is needed to check out',
  invoices: 'invoices: an overdue one blocks checkout',
  pricebook: "Wildix's prices per partner tier and currency, each version valid from a date (staff)",
  resale: "a partner's resale prices for its customers: markups and explicit prices",
  quotes: 'the quotes sent to customers (quote --format pdf), by number',
  services: 'what runs on each PBX after checkout: list, cancel (six-month minimum), replace (RMA)',
  returns: 'devices coming back from cancellations (staff receive them)',
  rma: 'replacements of faulty devices (staff ship and close them)',
  db: 'the store itself',
};

export const COMMANDS: readonly CommandEntry[] = [
  { path: ['init'], load: () => import('./init.js') },
  { path: ['whoami'], load: () => import('./whoami.js') },
  { path: ['partners', 'list'], load: () => import('./partners/list.js') },
  { path: ['partners', 'show'], load: () => import('./partners/show.js') },
  { path: ['partners', 'add'], load: () => import('./partners/add.js') },
  { path: ['partners', 'edit'], load: () => import('./partners/edit.js') },
  { path: ['users', 'list'], load: () => import('./users/list.js') },
  { path: ['users', 'add'], load: () => import('./users/add.js') },
  { path: ['users', 'disable'], load: () => import('./users/disable.js') },
  { path: ['users', 'enable'], load: () => import('./users/enable.js') },
  { path: ['customers', 'list'], load: () => import('./customers/list.js') },
  { path: ['customers', 'show'], load: () => import('./customers/show.js') },
  { path: ['customers', 'add'], load: () => import('./customers/add.js') },
  { path: ['pbx', 'list'], load: () => import('./pbx/list.js') },
  { path: ['pbx', 'show'], load: () => import('./pbx/show.js') },
  { path: ['pbx', 'add'], load: () => import('./pbx/add.js') },
  { path: ['pbx', 'cancel'], load: () => import('./pbx/cancel.js') },
  { path: ['pbx', 'change-term'], load: () => import('./pbx/change-term.js') },
  { path: ['pricelist'], load: () => import('./pricelist.js') },
  { path: ['pricebook', 'import'], load: () => import('./pricebook/import.js') },
  { path: ['pricebook', 'list'], load: () => import('./pricebook/list.js') },
  { path: ['pricebook', 'show'], load: () => import('./pricebook/show.js') },
  { path: ['pricebook', 'diff'], load: () => import('./pricebook/diff.js') },
  { path: ['resale', 'set'], load: () => import('./resale/set.js') },
  { path: ['resale', 'list'], load: () => import('./resale/list.js') },
  { path: ['resale', 'clear'], load: () => import('./resale/clear.js') },
  { path: ['quote'], load: () => import('./quote.js') },
  { path: ['quotes', 'list'], load: () => import('./quotes/list.js') },
  { path: ['quotes', 'show'], load: () => import('./quotes/show.js') },
  { path: ['order'], load: () => import('./order.js') },
  { path: ['orders', 'list'], load: () => import('./orders/list.js') },
  { path: ['orders', 'show'], load: () => import('./orders/show.js') },
  { path: ['orders', 'checkout'], load: () => import('./orders/checkout.js') },
  { path: ['orders', 'cancel'], load: () => import('./orders/cancel.js') },
  { path: ['orders', 'approve'], load: () => import('./orders/approve.js') },
  { path: ['orders', 'ship'], load: () => import('./orders/ship.js') },
  { path: ['services', 'list'], load: () => import('./services/list.js') },
  { path: ['services', 'cancel'], load: () => import('./services/cancel.js') },
  { path: ['services', 'replace'], load: () => import('./services/replace.js') },
  { path: ['renewals'], load: () => import('./renewals.js') },
  { path: ['mrr'], load: () => import('./mrr.js') },
  { path: ['returns', 'list'], load: () => import('./returns/list.js') },
  { path: ['returns', 'receive'], load: () => import('./returns/receive.js') },
  { path: ['rma', 'list'], load: () => import('./rma/list.js') },
  { path: ['rma', 'ship'], load: () => import('./rma/ship.js') },
  { path: ['rma', 'close'], load: () => import('./rma/close.js') },
  { path: ['stock', 'list'], load: () => import('./stock/list.js') },
  { path: ['stock', 'set'], load: () => import('./stock/set.js') },
  { path: ['agreements', 'list'], load: () => import('./agreements/list.js') },
  { path: ['agreements', 'add'], load: () => import('./agreements/add.js') },
  { path: ['invoices', 'list'], load: () => import('./invoices/list.js') },
  { path: ['invoices', 'pay'], load: () => import('./invoices/pay.js') },
  { path: ['import'], load: () => import('./import.js') },
  { path: ['db', 'info'], load: () => import('./db/info.js') },
  { path: ['db', 'backup'], load: () => import('./db/backup.js') },
  { path: ['db', 'check'], load: () => import('./db/check.js') },
  { path: ['db', 'copy'], load: () => import('./db/copy.js') },
  { path: ['completion'], load: () => import('./completion.js') },
];
