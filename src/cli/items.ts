import { UsageError } from '../errors.js';
import { type RequestedItem, mergeItems, parseQty, parseUnitPrice } from '../domain/catalog/items.js';

const ITEM_PATTERN = /^([^=@\s]+)=([^@]*)(?:@(.*))?$/;

/** `--item SKU=QTY[@PRICE]`, repeated; repeated SKUs are merged. */
export function parseItemFlags(flags: readonly string[]): RequestedItem[] {
  if (flags.length === 0) throw new UsageError('missing --item: say what to quote, e.g. --item CLASSOUND-FLAT-S=1 (SKU=QTY, optionally @PRICE).', 'USAGE');
  return mergeItems(
    flags.map((flag) => {
      const match = ITEM_PATTERN.exec(flag.trim());
      if (!match) throw new UsageError(`--item "${flag}": write it as SKU=QTY or SKU=QTY@PRICE, e.g. WP480G=3 or WP480G=3@55.00.`);
      const what = `--item ${flag}`;
      const qty = parseQty(match[2]!, what);
      const price = match[3] === undefined ? null : parseUnitPrice(match[3], what);
      return { sku: match[1]!.toUpperCase(), qty, price };
    }),
    (sku) => `--item ${sku}`,
  );
}
