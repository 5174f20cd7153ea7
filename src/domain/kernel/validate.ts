import { RefusedError, UsageError } from '../../errors.js';
import { type CalendarDate, tryParseDate } from '../../terms/dates.js';
import { formatGrouped, tryParseAmount } from '../../terms/money.js';

import { checkText } from './text.js';

/** How deep a document the user gives may nest: enough for any real file, never a stack's worth. */
export const MAX_NESTING = 32;

/** The nesting depth of a parsed JSON value (a scalar is 0), counted without recursion, stopping past `limit`. */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * Reads untrusted JSON field by field, naming the file and the position of a
 * bad entry ("data/demo.json: pbxs[3].activated: …").
 */
export class JsonReader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
    /** A file the user gave (exit 2) rather than hwaas's own data/ (exit 1). */
    readonly userInput = false,
  ) {}

  fail(message: string): never {
    const text = `${this.file}: ${this.path || '(top level)'}: ${message}`;
    if (this.userInput) throw new UsageError(text, 'INVALID_INPUT');
    throw new RefusedError('INVALID_DATA', text);
  }

  field(name: string): JsonReader {
    const object = this.object();
    return new JsonReader(this.file, this.path ? `${this.path}.${name}` : name, object[name], this.userInput);
  }

  has(name: string): boolean {
    const value = this.object()[name];
    return value !== undefined && value !== null;
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) this.fail('expected an object');
    return this.value as Record<string, unknown>;
  }

  /** The elements one at a time: a reader is made for each only when it is reached. */
  *elements(): Generator<JsonReader> {
    if (!Array.isArray(this.value)) this.fail('expected an array');
    const items = this.value as unknown[];
    for (let index = 0; index < items.length; index++) yield new JsonReader(this.file, `${this.path}[${index}]`, items[index], this.userInput);
  }

  array(): JsonReader[] {
    if (!Array.isArray(this.value)) this.fail('expected an array');
    return (this.value as unknown[]).map((item, index) => new JsonReader(this.file, `${this.path}[${index}]`, item, this.userInput));
  }

  string(options: { max?: number; pattern?: RegExp; hint?: string } = {}): string {
    if (typeof this.value !== 'string') this.fail('expected a string');
    if (this.userInput) checkText(this.value as string, `${this.file}: ${this.path}`);
    const text = (this.value as string).trim();
    if (text === '') this.fail('must not be empty');
    if (options.max !== undefined && text.length > options.max) this.fail(`longer than ${options.max} characters`);
    if (options.pattern && !options.pattern.test(text)) this.fail(`"${text}" is not ${options.hint ?? 'valid'}`);
    return text;
  }

  optionalString(options: { max?: number } = {}): string | null {
    return this.value === undefined || this.value === null ? null : this.string(options);
  }

  oneOf<T extends string>(choices: readonly T[]): T {
    const text = this.string();
    if (!(choices as readonly string[]).includes(text)) this.fail(`"${text}" is not one of ${choices.join(', ')}`);
    return text as T;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail('expected true or false');
    return this.value as boolean;
  }

  integer(min: number, max: number): number {
    if (typeof this.value !== 'number' || !Number.isInteger(this.value) || this.value < min || this.value > max) {
      this.fail(`expected a whole number from ${min} to ${max}`);
    }
    return this.value as number;
  }

  date(): CalendarDate {
    const text = this.string();
    const date = tryParseDate(text);
    if (date === null) this.fail(`"${text}" is not a YYYY-MM-DD calendar date`);
    return date as CalendarDate;
  }

  optionalDate(): CalendarDate | null {
    return this.value === undefined || this.value === null ? null : this.date();
  }

  /** A decimal string with at most two decimals ("24.95"), as minor units, at most `max`. */
  amount(max: bigint): bigint {
    if (typeof this.value !== 'string') this.fail('expected an amount as a string, e.g. "24.95"');
    const minor = tryParseAmount(this.value as string);
    if (minor === null) this.fail(`"${String(this.value)}" is not an amount with at most two decimals`);
    if ((minor as bigint) > max) this.fail(`${String(this.value)} is above the limit of ${formatGrouped(max)}`);
    return minor as bigint;
  }
}

/**
 * Limits of a document the user gives, checked on the text before it is parsed (a
 * 100 MB file of `[{},{},…]` would exhaust the memory while being parsed): at most
 * `maxItems` elements in the top-level array, `maxValues` values in all, and
 * `maxDepth` levels of nesting (the element that goes deeper is named).
 */
export function checkJsonShape(file: string, text: string, limits: { maxItems: number; maxValues: number; maxDepth: number; item: string; maxArray?: number }): void {
  let depth = 0;
  let inString = false;
  let items = 0;
  let values = 0;
  // Elements of each open array (and -1 for an open object), innermost last.
  const open: number[] = [];
  const maxArray = limits.maxArray ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) {
      inString = true;
      values++;
    } else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      values++;
      open.push(ch === 0x5b ? 0 : -1);
      if (depth > limits.maxDepth)
        throw new UsageError(`${file}: [${items}]: ${limits.item} ${items + 1} is nested deeper than ${limits.maxDepth} levels: a ${limits.item} is an object of a few flat fields.`);
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
      open.pop();
    } else if (ch === 0x2c) {
      values++;
      if (depth === 1) {
        items++;
        if (items >= limits.maxItems) throw new UsageError(`${file}: more than ${limits.maxItems.toLocaleString('en')} ${limits.item}s; split it into several files.`);
      } else if (depth > 1 && open[open.length - 1]! >= 0 && ++open[open.length - 1]! >= maxArray) {
        throw new UsageError(`${file}: [${items}]: ${limits.item} ${items + 1} has a list of more than ${maxArray.toLocaleString('en')} entries; split it.`);
      }
    }
    if (values > limits.maxValues) throw new UsageError(`${file}: more than ${limits.maxValues.toLocaleString('en')} values; split it into several files.`);
  }
}

export function parseJsonText(file: string, text: string, userInput = false): JsonReader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `${file}: not valid JSON (${(error as Error).message}).`;
    throw userInput ? new UsageError(message, 'INVALID_INPUT') : new RefusedError('INVALID_DATA', message);
  }
  return new JsonReader(file, '', value, userInput);
}
