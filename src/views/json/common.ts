import type { Hint, HwaasError, Said } from '../../errors.js';
import { type CalendarDate, formatDate } from '../../terms/dates.js';
import { formatAmount } from '../../terms/money.js';

/**
 * The JSON of the contract (docs/cli.md): what the use cases return and what `--json`
 * prints and a server sends. Amounts are strings with two decimals, dates `YYYY-MM-DD`,
 * timestamps ISO 8601, keys camelCase. Builders take what the domain returns; nothing
 * here reads the store.
 */

/** A `YYYY-MM-DD` date. */
export type DateText = string;
/** An amount in a currency's major unit with two decimals: "89.75". */
export type Amount = string;
/** An ISO 8601 moment. */
export type Timestamp = string;

export const date = (d: CalendarDate | null): DateText | null => (d === null ? null : formatDate(d));
export const amount = (minor: bigint | null): Amount | null => (minor === null ? null : formatAmount(minor));

/** A listing: its rows, and what a table says about them (the CLI's JSON is the rows alone). */
export interface Listing<T> {
  readonly items: T[];
  /** How many match without a limit, where one cut the list. */
  readonly total?: number;
  /** Whose view it is: staff see every partner (a table shows the partner column). */
  readonly viewer?: 'staff' | 'partner';
}

/**
 * An error as data: its code and the domain's sentence, with what to do next (a hint the
 * command line says with its flags), further reasons, the input it is about, and a
 * document for scripts (an import's report). What a server sends and a client throws again.
 */
export interface ErrorJson {
  code: string;
  message: string;
  hint?: Hint;
  also?: Said[];
  field?: string;
  /** Inputs named inside the sentence, by their names in the use case. */
  fields?: string[];
  details?: unknown;
}

export const errorJson = (error: HwaasError): ErrorJson => ({
  code: error.code,
  message: error.message,
  ...(error.hint ? { hint: error.hint } : {}),
  ...(error.also.length > 0 ? { also: [...error.also] } : {}),
  ...(error.field ? { field: error.field } : {}),
  ...(error.fields.length > 0 ? { fields: [...error.fields] } : {}),
  ...(error.data !== undefined ? { details: error.data } : {}),
});
