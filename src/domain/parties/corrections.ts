import type { Actor, Correction } from '../kernel/model.js';

/**
 * A correction as recorded: who (and the staff user who acted as them), when, about what,
 * and what changed (each field's value before and after, or what was undone).
 */
export const correction = (actor: Actor, partner: string, subject: string, action: string, changes: Record<string, unknown>): Correction => ({
  partner,
  at: actor.at,
  by: actor.user.id,
  actedBy: actor.actedBy,
  subject,
  action,
  detail: JSON.stringify(changes),
});

/** Each changed field's values before and after. */
export const beforeAfter = <T extends object, K extends keyof T>(before: T, after: T, fields: readonly K[], shown: (value: T, field: K) => unknown = (v, k) => v[k] ?? null) =>
  Object.fromEntries(fields.map((k) => [k, [shown(before, k), shown(after, k)]]));
