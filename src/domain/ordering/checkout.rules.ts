import type { Customer, Partner, Agreement, Pbx, User } from '../kernel/model.js';
import { type Standing, BLOCKS_ORDERING, isLocked, LOCKS_ACCOUNT, overdueWarning } from '../parties/standing.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { type Hint, RefusedError } from '../../errors.js';
import { formatMoney } from '../../terms/money.js';
import type { RequestedItem } from '../catalog/items.js';
/**
 * The rules of checkout, decided on facts read once (ordering/orders.ts reads them and
 * writes what follows): what blocks it, what it warns about, who may set a price, and
 * whether the PBX can still take an order. Pure: no store, no clock.
 */

export interface CheckoutFacts {
  readonly customer: Customer;
  readonly partner: Partner | null;
  /** The customer's agreements (any date: only those signed by `today` count). */
  readonly agreements: readonly Agreement[];
  readonly standing: Standing;
  readonly today: CalendarDate;
}

/** Something that stops checkout, with what to do about it. */
export interface Blocker {
  readonly code: 'NO_AGREEMENT' | 'OVERDUE_INVOICES';
  readonly message: string;
  readonly hint: Hint;
}

/** What stops checkout: no agreement signed by today; an invoice 5 or more days overdue (docs/terms.md "Overdue invoices"). */
export function blockersOf({ customer, partner, agreements, standing, today }: CheckoutFacts): Blocker[] {
  const blockers: Blocker[] = [];
  if (!agreements.some((a) => a.signedOn <= today)) {
    const manager = partner ? `${partner.areaManagerName} <${partner.areaManagerEmail}>` : 'your area manager';
    blockers.push({
      code: 'NO_AGREEMENT',
      message: `${customer.name} (${customer.id}) has no signed HWaaS agreement on file: have the customer sign it, send the signed copy to your area manager ${manager}.`,
      hint: { kind: 'register-agreement', customer: customer.id },
    });
  }
  if (standing.days >= BLOCKS_ORDERING) {
    const inv = standing.invoice!;
    blockers.push({
      code: 'OVERDUE_INVOICES',
      message: `${partner?.name ?? customer.partner} has an invoice ${standing.days} days overdue: ${inv.number} (${formatMoney(inv.amount, inv.currency)}, due ${formatDate(inv.dueOn)}). HWaaS checkout is refused from the ${BLOCKS_ORDERING}th day overdue until it is paid; ${
        isLocked(standing) ? `from the ${LOCKS_ACCOUNT}th day the account is locked too: its users cannot save a draft either (Wildix staff can).` : 'saving a draft still works.'
      }`,
      hint: { kind: 'overdue-invoices' },
    });
  }
  return blockers;
}

/** What checkout warns about but allows: an invoice 1–4 days overdue. */
export const checkoutWarnings = (standing: Standing): string[] => (standing.days >= 1 && standing.days < BLOCKS_ORDERING ? [overdueWarning(standing)] : []);

/** A PBX that is cancelled and waits for its end takes no new order (a quote may still ask what it would cost). */
export function requireNotEnding(pbx: Pbx, today: CalendarDate): void {
  if (pbx.cancelledOn !== null && pbx.cancelledOn > today) {
    throw new RefusedError('PBX_ENDED', `PBX ${pbx.id} is cancelled and ends on ${formatDate(pbx.cancelledOn)}: nothing new is ordered for a PBX that is ending.`);
  }
}

/** Only staff set a negotiated price on an order; a partner orders at the price list's price. Quotes may ask "what if". */
export function checkPriceOverrides(user: User, items: readonly RequestedItem[]): void {
  const priced = items.filter((item) => item.price !== null);
  if (priced.length > 0 && user.role !== 'staff') {
    throw new RefusedError(
      'NOT_ALLOWED',
      `${priced.map((i) => `${i.sku}@…`).join(', ')}: an order is placed at the price list's price; only Wildix staff can set a negotiated price. Leave out @PRICE (a quote may still use it), or ask your area manager.`,
    );
  }
}
