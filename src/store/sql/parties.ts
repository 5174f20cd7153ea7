import type { Partner, Role, User } from '../../domain/model.js';
import type { PartyRepository, SettingsRepository } from '../../domain/port.js';
import type { Currency } from '../../terms/money.js';
import type { SqlDriver } from './driver.js';

export class SqlSettings implements SettingsRepository {
  constructor(private readonly sql: SqlDriver) {}

  async get(key: string): Promise<string | null> {
    return (await this.sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.sql.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}

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
  db_role: string | null;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, role: row.role, partner: row.partner_id, dbRole: row.db_role });

const PARTNER = 'SELECT id, name, country, currency, area_manager_name, area_manager_email FROM partners';
const USER = 'SELECT id, email, name, role, partner_id, db_role FROM users';

/** Partners and users. */
export class SqlParties implements PartyRepository {
  constructor(private readonly sql: SqlDriver) {}

  async partner(id: string): Promise<Partner | null> {
    const row = await this.sql.get<PartnerRow>(`${PARTNER} WHERE id = ?`, [id]);
    return row ? toPartner(row) : null;
  }

  async partners(): Promise<Partner[]> {
    return (await this.sql.all<PartnerRow>(`${PARTNER} ORDER BY id`)).map(toPartner);
  }

  async insertPartner(p: Partner): Promise<void> {
    await this.sql.run('INSERT INTO partners (id, name, country, currency, area_manager_name, area_manager_email) VALUES (?, ?, ?, ?, ?, ?)', [
      p.id,
      p.name,
      p.country,
      p.currency,
      p.areaManagerName,
      p.areaManagerEmail,
    ]);
  }

  async users(): Promise<User[]> {
    return (await this.sql.all<UserRow>(`${USER} ORDER BY role DESC, id`)).map(toUser);
  }

  async user(idOrEmail: string): Promise<User | null> {
    const row = await this.sql.get<UserRow>(`${USER} WHERE id = ? OR lower(email) = lower(?)`, [idOrEmail, idOrEmail]);
    return row ? toUser(row) : null;
  }

  async insertUser(u: User): Promise<void> {
    await this.sql.run('INSERT INTO users (id, email, name, role, partner_id) VALUES (?, ?, ?, ?, ?)', [u.id, u.email, u.name, u.role, u.partner]);
  }
}
