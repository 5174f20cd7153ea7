import type { RowReader } from './run.js';
import type { Partner } from '../kernel/model.js';

/** IDs, invoice numbers and SKUs are kept in capitals, as hwaas makes its own. */
export const ID_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

export function idOf(row: RowReader, column: string, what: string): string | undefined {
  return (
    row.text(column, true, (text) => {
      const id = text.trim().toUpperCase();
      if (!ID_PATTERN.test(id)) row.say(column, `"${text.trim()}" is not ${what} (letters, digits, dots, dashes, slashes; at most 40)`);
      return ID_PATTERN.test(id) ? id : undefined;
    }) ?? undefined
  );
}

/** A value of a column that may be absent: undefined keeps what is stored. */
export const keep = <T>(value: T | null | undefined, stored: T | null): T | null => (value === undefined ? stored : value);

export interface PartnersEnv {
  readonly partners: ReadonlyMap<string, Partner>;
}

/** The partner a row is for: a partner's user's own (a row naming another is an error), or for staff the one named. */
export function partnerOfRow(row: RowReader, env: PartnersEnv, own: string | null): string | undefined {
  const named = row.text('partner', own === null, (t) => t.trim().toUpperCase());
  if (own !== null) {
    if (named && named !== own) {
      row.say('partner', `${named} is not your partner: you import for ${own} (leave the column out or blank)`);
      return undefined;
    }
    return own;
  }
  if (!named) return undefined;
  if (!env.partners.has(named)) {
    row.say('partner', `partner ${named} not found (\`hwaas partners list\`)`);
    return undefined;
  }
  return named;
}
