import { RefusedError } from '../../errors.js';
import type { Actor, StockLevel } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';
import { requireStaff } from '../parties/users.js';

import { unknownSku } from './items.js';

export function listStock(store: Store): Promise<StockLevel[]> {
  return store.stock.list();
}

/** Staff record the devices on hand (deliveries, counts); services have no stock. */
export async function setStock(store: Store, actor: Actor, sku: string, onHand: number): Promise<StockLevel> {
  requireStaff(actor, 'Setting stock');
  const product = await store.catalog.product(sku);
  if (!product)
    throw unknownSku(
      sku,
      (await store.catalog.products()).map((p) => p.sku),
    );
  // A product that stopped being stocked may still be reserved by orders placed before: their devices must be able to ship.
  const level = await store.stock.get(sku);
  if (!product.stocked && (level === null || level.reserved === 0)) throw new RefusedError('NOT_ELIGIBLE', `${sku} (${product.name}) is a service: it has no stock.`);
  return store.write(async (tx) => {
    await tx.stock.setOnHand(sku, onHand);
    return (await tx.stock.get(sku))!;
  });
}
