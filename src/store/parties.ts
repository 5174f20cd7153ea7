import type { Partner, Role, User } from '../domain/model.js';
import type { Currency } from '../terms/money.js';
import type { Db } from './db.js';

interface PartnerRow {
  id: string;
  name: string;
  country: string;
  currency: Currency;
  area_manager_name: string;
  area_manager_email: string;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  country: row.country,
  currency: row.currency,
  areaManagerName: row.area_manager_name,
  areaManagerEmail: row.area_manager_email,
});

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, role: row.role, partner: row.partner_id });

/** Partners, users and the settings that name the default user. */
export class PartyRepository {
  constructor(private readonly db: Db) {}

  partner(id: string): Partner | null {
    const row = this.db.prepare('SELECT * FROM partners WHERE id = ?').get(id) as PartnerRow | undefined;
    return row ? toPartner(row) : null;
  }

  partners(): Partner[] {
    return (this.db.prepare('SELECT * FROM partners ORDER BY id').all() as PartnerRow[]).map(toPartner);
  }

  insertPartner(partner: Partner): void {
    this.db
      .prepare(
        `INSERT INTO partners (id, name, country, currency, area_manager_name, area_manager_email)
         VALUES (@id, @name, @country, @currency, @areaManagerName, @areaManagerEmail)`,
      )
      .run(partner);
  }

  users(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY role DESC, id').all() as UserRow[]).map(toUser);
  }

  /** By ID or e-mail (any case). */
  user(idOrEmail: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ? OR email = ? COLLATE NOCASE').get(idOrEmail, idOrEmail) as
      | UserRow
      | undefined;
    return row ? toUser(row) : null;
  }

  insertUser(user: User): void {
    this.db
      .prepare('INSERT INTO users (id, email, name, role, partner_id) VALUES (@id, @email, @name, @role, @partner)')
      .run(user);
  }

  setting(key: string): string | null {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
