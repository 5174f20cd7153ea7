import type { ApiToken } from '../../domain/kernel/model.js';
import type { TokenRepository } from '../../domain/kernel/port.js';
import type { SqlDriver } from './driver.js';

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

const TOKEN = 'SELECT id, user_id, name, hash, created_at, created_by, expires_at, revoked_at, last_used_at FROM tokens';

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  user: r.user_id,
  name: r.name,
  hash: r.hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** The tokens users reach a server with: only the secret's hash is kept. */
export class SqlTokens implements TokenRepository {
  constructor(private readonly sql: SqlDriver) {}

  async insert(t: ApiToken): Promise<void> {
    await this.sql.run('INSERT INTO tokens (id, user_id, name, hash, created_at, created_by, expires_at, revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      t.id,
      t.user,
      t.name,
      t.hash,
      t.createdAt,
      t.createdBy,
      t.expiresAt,
      t.revokedAt,
      t.lastUsedAt,
    ]);
  }

  async get(id: string): Promise<ApiToken | null> {
    const row = await this.sql.get<TokenRow>(`${TOKEN} WHERE id = ?`, [id]);
    return row ? toToken(row) : null;
  }

  async list(user: string | null = null): Promise<ApiToken[]> {
    const rows = await this.sql.all<TokenRow>(`${TOKEN}${user === null ? '' : ' WHERE user_id = ?'} ORDER BY created_at DESC, id`, user === null ? [] : [user]);
    return rows.map(toToken);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (await this.sql.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) === 1;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.sql.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', [at, id]);
  }
}
