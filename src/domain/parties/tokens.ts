import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError, RefusedError, UsageError } from '../../errors.js';
import type { Actor, ApiToken, User } from '../kernel/model.js';
import type { Store } from '../kernel/port.js';
import { checkText } from '../kernel/text.js';
import { requireStaff } from './users.js';

/**
 * The tokens users reach a shared store with, through `hwaas serve`. A token is
 * `hwaas_<id>_<secret>`: its ID names the row, its secret is 32 random bytes, and only the
 * secret's SHA-256 is kept, compared in constant time. Staff issue and revoke them; a
 * user sees and revokes its own. A disabled user's tokens stop at once (identity is read
 * anew on every request).
 */

const TOKEN = /^hwaas_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/** The longest a token lives: a year; staff may issue one without an end. */
export const MAX_TOKEN_DAYS = 366;

export const tokenHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** A new token's ID, secret and the text its holder keeps. */
export function newToken(): { id: string; secret: string; text: string } {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, text: `hwaas_${id}_${secret}` };
}

/** How long a token lives, as people write it: `90d`, `12w`, `6m`, `1y`, or `never`. */
export function parseLifetime(text: string, field: string): number | null {
  const match = /^\s*(\d{1,4})\s*([dwmy])\s*$/i.exec(text);
  if (/^\s*never\s*$/i.test(text)) return null;
  if (!match) throw new UsageError(`${field}: "${text}" is not a lifetime; write it as 90d, 12w, 6m or 1y (or never).`, 'INVALID_INPUT', { field });
  const days = Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[match[2]!.toLowerCase() as 'd' | 'w' | 'm' | 'y'];
  if (days < 1 || days > MAX_TOKEN_DAYS) throw new UsageError(`${field}: a token lives from 1 day to ${MAX_TOKEN_DAYS} days (or never), not ${days}.`, 'INVALID_INPUT', { field });
  return days;
}

/** Staff issue a token for a user (themselves included); it is said once, here, and never again. */
export async function createToken(store: Store, actor: Actor, input: { user: string; name: string; days: number | null }): Promise<{ token: ApiToken; text: string }> {
  requireStaff(actor, 'Issuing tokens');
  const user = await store.parties.user(input.user);
  if (!user) throw new NotFoundError('user', input.user);
  if (user.disabledAt) throw new RefusedError('INVALID_STATE', `${user.id} (${user.email}) is disabled: enable it before it gets a token.`);
  const name = checkText(input.name, 'name').trim();
  if (name === '' || [...name].length > 80) throw new UsageError('name: a token is named for where it is used (a laptop, CI), in 1 to 80 characters.', 'INVALID_INPUT', { field: 'name' });
  const { id, secret, text } = newToken();
  const expiresAt = input.days === null ? null : new Date(Date.parse(actor.at) + input.days * 86_400_000).toISOString();
  const token: ApiToken = { id, user: user.id, name, hash: tokenHash(secret), createdAt: actor.at, createdBy: actor.user.id, expiresAt, revokedAt: null, lastUsedAt: null };
  await store.write((tx) => tx.tokens.insert(token));
  return { token, text };
}

/** Staff see every token (or one user's); a user sees its own. */
export async function listTokens(store: Store, actor: Actor, user: string | null): Promise<ApiToken[]> {
  if (actor.user.role !== 'staff') {
    if (user !== null && user !== actor.user.id) throw new RefusedError('NOT_ALLOWED', `a partner's user lists its own tokens only (${actor.user.id}); Wildix staff list anyone's.`);
    return store.tokens.list(actor.user.id);
  }
  if (user !== null && !(await store.parties.user(user))) throw new NotFoundError('user', user);
  return store.tokens.list(user === null ? null : (await store.parties.user(user))!.id);
}

/** Staff revoke any token; a user its own. Revoked is final. */
export async function revokeToken(store: Store, actor: Actor, id: string): Promise<ApiToken> {
  const wanted = id.trim().toLowerCase();
  const token = await store.tokens.get(wanted);
  if (!token || (actor.user.role !== 'staff' && token.user !== actor.user.id)) throw new NotFoundError('token', wanted);
  if (token.revokedAt) throw new RefusedError('INVALID_STATE', `token ${token.id} was revoked on ${token.revokedAt.slice(0, 10)}.`);
  await store.write((tx) => tx.tokens.revoke(token.id, actor.at));
  return { ...token, revokedAt: actor.at };
}

/**
 * Who a token is: the user it was issued to, if it is well formed, known, matches its
 * hash, is neither revoked nor expired, and its user is enabled. Every failure reads the
 * same to the caller (which one is for the server's log).
 */
export async function authenticate(store: Store, text: string, now: Date): Promise<{ user: User; token: ApiToken } | { refused: string }> {
  const match = TOKEN.exec(text.trim());
  if (!match) return { refused: 'not a token' };
  const token = await store.tokens.get(match[1]!);
  const given = Buffer.from(tokenHash(match[2]!), 'hex');
  // Compared in constant time, against a hash of the same length when the ID is unknown.
  const stored = Buffer.from(token?.hash ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(given, stored) || !token) return { refused: 'unknown token' };
  if (token.revokedAt) return { refused: `token ${token.id} revoked` };
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return { refused: `token ${token.id} expired` };
  const user = await store.parties.user(token.user);
  if (!user || user.disabledAt) return { refused: `user ${token.user} disabled` };
  return { user, token };
}

/** The one sentence every refused token gets. */
export const notAuthenticated = (): RefusedError =>
  new RefusedError('NOT_AUTHENTICATED', 'the server does not accept this token (unknown, revoked, expired, or its user is disabled): log in again with a token Wildix staff issue.', {
    hint: { kind: 'login' },
  });
