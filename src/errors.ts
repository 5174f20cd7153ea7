/**
 * The small set of error classes the whole program throws. Only src/cli/ turns
 * them into text and exit codes (see CLI.md, "Exit codes").
 */

export type UsageCode = 'USAGE' | 'INVALID_INPUT' | 'UNKNOWN_SKU' | 'DATE_PINNED' | 'NOT_A_STORE';
export type RefusalCode =
  | 'NOT_FOUND'
  | 'NOT_ALLOWED'
  | 'TERM_MISMATCH'
  | 'NOT_SUBSCRIPTION'
  | 'BEFORE_ACTIVATION'
  | 'PBX_ENDED'
  | 'NOT_ELIGIBLE'
  | 'NO_AGREEMENT'
  | 'OVERDUE_INVOICES'
  | 'INVALID_STATE'
  | 'NO_STORE'
  | 'STORE_TOO_NEW'
  | 'STORE_CORRUPT'
  | 'READ_ONLY'
  | 'STORE_BUSY'
  | 'DISK_FULL'
  | 'IO_ERROR'
  | 'NOT_PRICED'
  | 'EXISTS'
  | 'CHECK_FAILED'
  | 'INVALID_DATA';

export abstract class HwaasError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
}

/** The user's words are wrong: a flag, a date, a quantity, an unknown SKU. Exit 2. */
export class UsageError extends HwaasError {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly code: UsageCode = 'INVALID_INPUT',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Understood, but a rule says no, or the environment failed (a full disk, a read-only store). Exit 1. */
export class RefusedError extends HwaasError {
  readonly exitCode = 1;
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** Unknown ID, or an ID the acting user may not see: the two must read the same. */
export class NotFoundError extends RefusedError {
  constructor(kind: string, id: string) {
    super('NOT_FOUND', `${kind} ${id} not found: check the ID with \`hwaas ${listCommandFor(kind)}\`.`);
    this.name = 'NotFoundError';
  }
}

function listCommandFor(kind: string): string {
  switch (kind) {
    case 'customer':
      return 'customers list';
    case 'PBX':
      return 'pbx list';
    case 'order':
      return 'orders list';
    case 'user':
      return 'users list';
    case 'invoice':
      return 'invoices list';
    case 'partner':
      return 'whoami';
    default:
      return 'help';
  }
}
