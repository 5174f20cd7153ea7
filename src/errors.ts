/**
 * The small set of error classes the whole program throws. Below src/cli/ an error
 * says what is wrong in domain words; what the user can do about it (a flag to use,
 * a command to run) travels as a structured `hint` that only src/cli/ turns into
 * text, with the exit code (see docs/cli.md, "Exit codes").
 */

export type UsageCode = 'USAGE' | 'INVALID_INPUT' | 'UNKNOWN_SKU' | 'DATE_PINNED' | 'NOT_A_STORE';
export type RefusalCode =
  | 'NOT_FOUND'
  | 'NOT_AUTHENTICATED'
  | 'RATE_LIMITED'
  | 'SERVER'
  | 'NOT_ALLOWED'
  | 'TERM_MISMATCH'
  | 'NOT_SUBSCRIPTION'
  | 'BEFORE_ACTIVATION'
  | 'PBX_ENDED'
  | 'NOT_ELIGIBLE'
  | 'NO_AGREEMENT'
  | 'OVERDUE_INVOICES'
  | 'ACCOUNT_LOCKED'
  | 'INVALID_STATE'
  | 'QUOTE_EXPIRED'
  | 'NO_STORE'
  | 'STORE_TOO_NEW'
  | 'STORE_TOO_OLD'
  | 'STORE_CORRUPT'
  | 'UNREACHABLE'
  | 'READ_ONLY'
  | 'STORE_BUSY'
  | 'DISK_FULL'
  | 'IO_ERROR'
  | 'NOT_PRICED'
  | 'UNPRINTABLE'
  | 'NO_PRICE_BOOK'
  | 'EXISTS'
  | 'CHECK_FAILED'
  | 'INVALID_DATA';

/** Things a user looks up by ID, each with the listing that shows the IDs. */
export type Findable = 'customer' | 'PBX' | 'order' | 'user' | 'invoice' | 'partner' | 'product' | 'quote' | 'cancellation' | 'RMA' | 'token';

/** What the user can do next, as data: src/cli/hints.ts says it with flags and commands. */
export type Hint =
  | { readonly kind: 'find'; readonly what: Findable }
  | { readonly kind: 'pbxs-of-customer'; readonly customer: string }
  | { readonly kind: 'register-agreement'; readonly customer: string }
  | { readonly kind: 'overdue-invoices' }
  | { readonly kind: 'show-order'; readonly order: string }
  | { readonly kind: 'cancel-order'; readonly order: string }
  | { readonly kind: 'services-of-pbx'; readonly pbx: string }
  | { readonly kind: 'record-stock' }
  | { readonly kind: 'list-skus' }
  | { readonly kind: 'use-term'; readonly term: string }
  | { readonly kind: 'negotiated-price'; readonly sku: string }
  | { readonly kind: 'init' }
  | { readonly kind: 'backup' }
  | { readonly kind: 'pricebook-import'; readonly tier: string; readonly currency: string }
  /** A customer's document cannot be made as asked: the partner's own copy can. */
  | { readonly kind: 'internal-copy' }
  /** Which columns an import reads, and their other names. */
  | { readonly kind: 'import-columns'; readonly pricebook: boolean }
  /** Every cancellation, devices or not. */
  | { readonly kind: 'cancellations' }
  /** Log in to a server again. */
  | { readonly kind: 'login' }
  /** A price the customer would see comes from a resale rule. */
  | { readonly kind: 'resale-price' }
  | { readonly kind: 'as-user' }
  | { readonly kind: 'reprice-quote'; readonly quote: string }
  | { readonly kind: 'devices-of-pbx'; readonly pbx: string };

/** A sentence of an error, with what to do about it. */
export interface Said {
  readonly message: string;
  readonly hint?: Hint;
}

export interface ErrorDetails {
  readonly hint?: Hint;
  /** More reasons, each with its own hint, said after the first ("Also: …"). */
  readonly also?: readonly Said[];
  /** The error is about the store's location (`--db` or `HWAAS_DB`): src/cli names where it came from. */
  readonly aboutStoreLocation?: boolean;
  /** A JSON document for scripts, given with --json as the error's `details` (an import's report). */
  readonly data?: unknown;
  /** The input the error is about, by its name in the use case (`name`, `signedOn`): the command line says its flag. */
  readonly field?: string;
  /** Inputs named inside the sentence (`give at least one of name, areaManagerEmail`): the command line says their flags. */
  readonly fields?: readonly string[];
}

export abstract class HwaasError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
  readonly hint: Hint | undefined;
  readonly also: readonly Said[];
  readonly aboutStoreLocation: boolean;
  readonly data: unknown;
  readonly field: string | undefined;
  readonly fields: readonly string[];

  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.hint = details.hint;
    this.also = details.also ?? [];
    this.aboutStoreLocation = details.aboutStoreLocation === true;
    this.data = details.data;
    this.field = details.field;
    this.fields = details.fields ?? [];
  }
}

/** The user's words are wrong: a flag, a date, a quantity, an unknown SKU. Exit 2. */
export class UsageError extends HwaasError {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly code: UsageCode = 'INVALID_INPUT',
    details: ErrorDetails = {},
  ) {
    super(message, details);
    this.name = 'UsageError';
  }
}

/** Understood, but a rule says no, or the environment failed (a full disk, a read-only store). Exit 1. */
export class RefusedError extends HwaasError {
  readonly exitCode = 1;
  constructor(
    readonly code: RefusalCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, details);
    this.name = 'RefusedError';
  }
}

/** Unknown ID, or an ID the acting user may not see: the two must read the same. */
export class NotFoundError extends RefusedError {
  constructor(what: Findable, id: string) {
    super('NOT_FOUND', `${what} ${id} not found.`, { hint: { kind: 'find', what } });
    this.name = 'NotFoundError';
  }
}

/** The same error with another sentence (and other details): the CLI says a flag where the domain said a field. */
export function restated<E extends HwaasError>(error: E, message: string, details: { aboutStoreLocation?: boolean; field?: string; hint?: Hint; data?: unknown } = {}): E {
  const said = Object.create(Object.getPrototypeOf(error) as object) as E;
  Object.assign(said, error, details);
  Object.defineProperty(said, 'message', { value: message, writable: true, configurable: true });
  Object.defineProperty(said, 'stack', { value: error.stack, writable: true, configurable: true });
  return said;
}

/** The same error said of another input than the store's location (`--to: …` where it would say `--db: …`). */
export function aboutInput<E extends HwaasError>(error: E, label: string): E {
  return error.aboutStoreLocation ? restated(error, `${label}: ${error.message}`, { aboutStoreLocation: false }) : error;
}

/** An error about a field of a use case's input (`sheet: …`), said of the flag or argument that gave it (`--sheet: …`). */
export function aboutField<E extends HwaasError>(error: E, label: (field: string) => string | null): E {
  // A field named in the details, or the name a sentence starts with (`currency: "EURO" is not …`).
  const field = error.field ?? /^([a-z][A-Za-z]*): /.exec(error.message)?.[1];
  let message = error.message;
  let shownField: string | undefined;
  if (field !== undefined) {
    const shown = label(field);
    if (shown !== null && shown !== field) {
      const prefix = `${field}: `;
      if (message.startsWith(prefix)) message = `${shown}: ${message.slice(prefix.length)}`;
      shownField = shown;
    }
  }
  // Inputs named inside the sentence, each said as its flag (whole words only).
  for (const named of error.fields) {
    const shown = label(named);
    if (shown !== null && shown !== named) message = message.replace(new RegExp(`(?<![\\w-])${named}(?![\\w-])`, 'g'), shown);
  }
  if (message === error.message && shownField === undefined) return error;
  return restated(error, message, shownField === undefined ? {} : { field: shownField });
}
