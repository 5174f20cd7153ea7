import type { Correction, Partner, PartnerProfile, Role, Scope, Tier, User } from '../../domain/kernel/model.js';
import type { NewPartner, NewUser, PartyRepository, SettingsRepository } from '../../domain/kernel/port.js';
import type { Currency } from '../../terms/money.js';
import { type SqlDriver, clause, insertWithNextId, partnerClause, raiseCounter, where } from './driver.js';

interface ProfileRow {
  legal_name: string | null;
  address: string | null;
  vat: string | null;
  email: string | null;
  phone: string | null;
  logo: string | null;
  payment_terms: string | null;
  footer: string | null;
}

/** A logo is kept as its type and its bytes in base64: `image/png;base64,iVBOR…`. */
function readLogo(text: string | null): PartnerProfile['logo'] {
  const match = text ? /^(image\/png|image\/jpeg);base64,(.*)$/s.exec(text) : null;
  return match ? { mediaType: match[1] as 'image/png' | 'image/jpeg', bytes: new Uint8Array(Buffer.from(match[2]!, 'base64')) } : null;
}

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
  tier: Tier;
  area_manager_name: string;
  area_manager_email: string;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  country: row.country,
  currency: row.currency,
  tier: row.tier,
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
  disabled_at: string | null;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  partner: row.partner_id,
  dbRole: row.db_role,
  disabledAt: row.disabled_at,
});

const PARTNER = 'SELECT id, name, country, currency, tier, area_manager_name, area_manager_email FROM partners';
const USER = 'SELECT id, email, name, role, partner_id, db_role, disabled_at FROM users';
const partnerId = (n: number) => `PTR-${String(n).padStart(3, '0')}`;
const userId = (n: number) => `USR-${String(n).padStart(3, '0')}`;

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
    await this.insertPartnerAs(p.id, p);
    await raiseCounter(this.sql, 'partner', p.id, /^PTR-(\d{1,15})$/);
  }

  async addPartner(p: NewPartner): Promise<Partner> {
    const id = await insertWithNextId(this.sql, 'partner', partnerId, (candidate) => this.insertPartnerAs(candidate, p));
    return { id, ...p };
  }

  private async insertPartnerAs(id: string, p: NewPartner): Promise<boolean> {
    const inserted = await this.sql.run('INSERT INTO partners (id, name, country, currency, tier, area_manager_name, area_manager_email) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
      id,
      p.name,
      p.country,
      p.currency,
      p.tier,
      p.areaManagerName,
      p.areaManagerEmail,
    ]);
    return inserted === 1;
  }

  async updatePartner(p: Partner): Promise<void> {
    await this.sql.run('UPDATE partners SET name = ?, country = ?, currency = ?, tier = ?, area_manager_name = ?, area_manager_email = ? WHERE id = ?', [
      p.name,
      p.country,
      p.currency,
      p.tier,
      p.areaManagerName,
      p.areaManagerEmail,
      p.id,
    ]);
  }

  async users(partner: string | null = null): Promise<User[]> {
    const filter = partner === null ? '' : ' WHERE partner_id = ?';
    return (await this.sql.all<UserRow>(`${USER}${filter} ORDER BY role DESC, id`, partner === null ? [] : [partner])).map(toUser);
  }

  async user(idOrEmail: string): Promise<User | null> {
    const row = await this.sql.get<UserRow>(`${USER} WHERE id = ? OR lower(email) = lower(?)`, [idOrEmail, idOrEmail]);
    return row ? toUser(row) : null;
  }

  async insertUser(u: User): Promise<void> {
    await this.insertUserAs(u.id, u);
    await raiseCounter(this.sql, 'user', u.id, /^USR-(\d{1,15})$/);
  }

  async addUser(u: NewUser): Promise<User> {
    const id = await insertWithNextId(this.sql, 'user', userId, async (candidate) => {
      // An e-mail in use makes the insert fail loudly: the domain checked it first.
      const taken = await this.sql.get('SELECT 1 AS found FROM users WHERE id = ?', [candidate]);
      if (taken) return false;
      await this.insertUser({ id: candidate, ...u });
      return true;
    });
    return (await this.user(id))!;
  }

  private async insertUserAs(id: string, u: NewUser): Promise<void> {
    await this.sql.run('INSERT INTO users (id, email, name, role, partner_id) VALUES (?, ?, ?, ?, ?)', [id, u.email, u.name, u.role, u.partner]);
  }

  async setDisabled(id: string, disabledAt: string | null): Promise<void> {
    await this.sql.run('UPDATE users SET disabled_at = ? WHERE id = ?', [disabledAt, id]);
  }

  async profile(partner: string): Promise<PartnerProfile | null> {
    const row = await this.sql.get<ProfileRow>('SELECT legal_name, address, vat, email, phone, logo, payment_terms, footer FROM partners WHERE id = ?', [partner]);
    if (!row) return null;
    return {
      legalName: row.legal_name,
      address: row.address,
      vat: row.vat,
      email: row.email,
      phone: row.phone,
      logo: readLogo(row.logo),
      paymentTerms: row.payment_terms,
      footer: row.footer,
    };
  }

  async setProfile(partner: string, p: PartnerProfile): Promise<void> {
    const logo = p.logo ? `${p.logo.mediaType};base64,${Buffer.from(p.logo.bytes).toString('base64')}` : null;
    await this.sql.run('UPDATE partners SET legal_name = ?, address = ?, vat = ?, email = ?, phone = ?, logo = ?, payment_terms = ?, footer = ? WHERE id = ?', [
      p.legalName,
      p.address,
      p.vat,
      p.email,
      p.phone,
      logo,
      p.paymentTerms,
      p.footer,
      partner,
    ]);
  }

  async addEvent(e: Correction): Promise<void> {
    await this.sql.run('INSERT INTO events (partner_id, at, by_user, acted_by, subject, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      e.partner,
      e.at,
      e.by,
      e.actedBy,
      e.subject,
      e.action,
      e.detail,
    ]);
  }

  async events(scope: Scope, subject: string): Promise<Correction[]> {
    const w = where(clause('subject = ?', subject), partnerClause(scope, 'partner_id'));
    const rows = await this.sql.all<{ partner_id: string; at: string; by_user: string; acted_by: string | null; subject: string; action: string; detail: string }>(
      `SELECT partner_id, at, by_user, acted_by, subject, action, detail FROM events${w.sql} ORDER BY id`,
      w.params,
    );
    return rows.map((r) => ({ partner: r.partner_id, at: r.at, by: r.by_user, actedBy: r.acted_by, subject: r.subject, action: r.action, detail: r.detail }));
  }
}
