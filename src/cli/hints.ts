import type { Findable, Hint, HwaasError, Said } from '../errors.js';

const LISTING: Readonly<Record<Findable, string>> = {
  customer: 'customers list',
  PBX: 'pbx list',
  order: 'orders list',
  user: 'users list',
  invoice: 'invoices list',
  partner: 'whoami',
  product: 'pricelist --format json',
  quote: 'quotes list',
  cancellation: 'cancellations list',
  RMA: 'rma list',
  token: 'users token list',
};

/**
 * A hint as the end of a sentence, with its own glue and closing period. One that
 * starts with a space and a word is a sentence of its own, after the message's;
 * any other takes the place of the message's closing punctuation.
 */
function hintText(hint: Hint): string {
  switch (hint.kind) {
    case 'find':
      return `: check the ID with \`hwaas ${LISTING[hint.what]}\`.`;
    case 'pbxs-of-customer':
      return `: see \`hwaas pbx list --customer ${hint.customer}\`.`;
    case 'register-agreement':
      return `, then register it with \`hwaas agreements add --customer ${hint.customer} --signed-on YYYY-MM-DD\`.`;
    case 'overdue-invoices':
      return ' (`hwaas invoices list --overdue`).';
    case 'show-order':
      return ` (\`hwaas orders show ${hint.order}\`).`;
    case 'devices-of-pbx':
      return `: see \`hwaas devices list --pbx ${hint.pbx}\`.`;
    case 'reprice-quote':
      return `: \`hwaas order --from-quote ${hint.quote} --reprice --save\` makes the order at today's prices.`;
    case 'cancel-order':
      return ` (\`hwaas orders cancel ${hint.order}\`).`;
    case 'services-of-pbx':
      return `: see \`hwaas services list --pbx ${hint.pbx}\`.`;
    case 'record-stock':
      return ' Record deliveries with `hwaas stock set SKU QTY`, then ship.';
    case 'list-skus':
      return ' `hwaas pricelist --format json` lists every SKU.';
    case 'use-term':
      return `; use --term ${hint.term}.`;
    case 'negotiated-price':
      return `, or give the price as ${hint.sku}=QTY@PRICE.`;
    case 'init':
      return ': run `hwaas init` (or `hwaas init --demo` to try hwaas with demo data).';
    case 'backup':
      return ' (`hwaas db backup` makes one).';
    case 'internal-copy':
      return ' --internal writes the internal copy instead, for you alone.';
    case 'import-columns':
      return ` \`hwaas ${hint.pricebook ? 'pricebook import' : 'import'} --help\` lists the columns and their other names.`;
    case 'login':
      return ' (`hwaas auth login --server URL`).';
    case 'cancellations':
      return ' (`hwaas cancellations list`).';
    case 'as-user':
      return ': check the ID with `hwaas users list` (`hwaas init --demo --json` names the users of a sandbox).';
    case 'resale-price':
      return '; set a resale price with `hwaas resale set --sku SKU --term TERM --price AMOUNT`, or write the internal copy with --internal.';
    case 'pricebook-import':
      return `: Wildix staff import one with \`hwaas pricebook import FILE --tier ${hint.tier} --currency ${hint.currency} --valid-from YYYY-MM-DD\`.`;
  }
}

/**
 * The one sentence a user reads for an error: the domain's words, the hint in
 * terms of flags and commands, and where the store's location came from.
 */
export function errorText(error: Pick<HwaasError, 'message' | 'hint' | 'also' | 'aboutStoreLocation'>, storeSource: string | null = null): string {
  let text = [error, ...error.also].map(saidText).join(' Also: ');
  if (error.aboutStoreLocation && storeSource) text = `${storeSource}: ${text}`;
  return text;
}

/** A message with its hint, as one sentence. */
export function saidText(said: Said): string {
  if (!said.hint) return said.message;
  const hint = hintText(said.hint);
  return /^ [^(]/.test(hint) ? `${said.message}${hint}` : `${said.message.replace(/[.:;,]$/, '')}${hint}`;
}
