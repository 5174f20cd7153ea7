import { RefusedError, UsageError } from '../errors.js';
import { canonicalId } from '../domain/kernel/ids.js';
import { type Actor, type User, scopeOf } from '../domain/kernel/model.js';
import type { Store } from '../domain/kernel/port.js';
import { ADMIN_USER, requireEnabled } from '../domain/parties/users.js';
import { requireOpenAccount } from '../domain/parties/standing.js';
import { type CalendarDate, formatDate } from '../terms/dates.js';

/**
 * Who acts and on which day, for every use case of a session: the user named (or the
 * store's default, or a PostgreSQL login's own), "today" in the store's time zone or a
 * day pinned for a what-if, and the moment of each write. The rules of who may name
 * someone else, and of a moved "today" on a live store, are here, once.
 */

/** The wall clock: the calendar date in a time zone (the store's), and the moment. */
export interface Clock {
  today(zone: string | null): CalendarDate;
  now(): Date;
}

export interface Session {
  /** The user named to act (an ID in any case, or an e-mail), or null for the default. */
  readonly as: string | null;
  /** How `as` was given, to name it in a sentence (`--as`, `HWAAS_USER`). */
  readonly asLabel: string;
  /** A day pinned instead of the clock's (a sandbox, or a what-if on a read). */
  readonly date: CalendarDate | null;
  /** How the day was pinned, to name it in a sentence (`--date`, `HWAAS_TODAY`). */
  readonly dateLabel: string;
  /** Who really acts, where that is known (a server's token's user) and `as` names someone else: the events name both. */
  readonly actedBy?: string | null;
  /** The user a server already read for the request's token, when that user is the one who acts (no second lookup). */
  readonly authenticated?: User;
}

export const NO_SESSION: Session = { as: null, asLabel: '--as', date: null, dateLabel: '--date' };

/** A moved "today" on a write to a live store: refused before anything happens. */
export function datePinned(label: string, today: CalendarDate): UsageError {
  return new UsageError(`${label}: this store is live, and a live store writes on today's date (${formatDate(today)}); ${label} is for quotes and listings: leave it out to write.`, 'DATE_PINNED');
}

/** The acting user of a store for a session, and the day it acts on. */
export class Who {
  private user: User | null = null;
  private zone: string | null | undefined;

  constructor(
    private readonly store: Store,
    private readonly session: Session,
    private readonly clock: Clock,
  ) {}

  /** The store's time zone (its "today" is the date there), read once. */
  private async timezone(): Promise<string | null> {
    if (this.zone === undefined) this.zone = await this.store.settings.get('timezone');
    return this.zone;
  }

  /** The clock's date in the store's zone, whatever is pinned. */
  async clockToday(): Promise<CalendarDate> {
    return this.clock.today(await this.timezone());
  }

  /** "Today": the pinned day, else the clock's date in the store's zone, read anew each time (a prompt may stay open past midnight). */
  async today(): Promise<CalendarDate> {
    return this.session.date ?? (await this.clockToday());
  }

  /** When an event happens: with a moved "today" (a sandbox), the clock's time on that day, so that dates agree; else now. */
  async timestamp(): Promise<string> {
    const now = this.clock.now();
    if (this.session.date === null) return now.toISOString();
    return new Date(now.getTime() + (this.session.date - (await this.clockToday())) * 86_400_000).toISOString();
  }

  /** Who acts: the user named, or the store's default user. (A server names the user of the request's token.) */
  async acting(): Promise<User> {
    if (this.user === null) {
      const user = await this.resolve();
      // From here on the store shows this user's rows only, where it can hold it to that.
      await this.store.confine(scopeOf(user));
      this.user = user;
    }
    return this.user;
  }

  private async resolve(): Promise<User> {
    const { store } = this;
    const named = this.session.as === null ? null : this.session.as.includes('@') ? this.session.as.trim() : canonicalId(this.session.as);
    const label = this.session.asLabel;
    const unknown = () => new UsageError(`${label}: no user "${this.session.as}" in the store.`, 'INVALID_INPUT', { hint: { kind: 'as-user' } });
    const known = this.session.authenticated;
    if (known && named === known.id) return requireEnabled(known, label);
    if (named !== null) {
      const user = await store.parties.user(named);
      if (!user) throw unknown();
      return requireEnabled(user, label);
    }
    const id = store.info.defaultActor === 'administrator' ? ADMIN_USER.id : await store.settings.get('default_user');
    const user = id ? await store.parties.user(id) : null;
    if (!user) throw new RefusedError('NOT_FOUND', `the store names no default user: say who is acting (${label}).`);
    return requireEnabled(user, "the store's default user");
  }

  async actor(): Promise<Actor> {
    const user = await this.acting();
    const by = this.session.actedBy ?? null;
    return { user, scope: scopeOf(user), today: await this.today(), at: await this.timestamp(), actedBy: by !== null && by !== user.id ? by : null };
  }

  /**
   * What every write passes first: on a live store it runs on the real date (a moved
   * "today" would let anyone pick the price and the rules that apply), and a partner's
   * user whose account is locked (an invoice 30 or more days overdue) changes nothing.
   */
  async writer(options: { account?: boolean } = {}): Promise<Actor> {
    if (this.session.date !== null && (await this.store.mode()) !== 'sandbox') throw datePinned(this.session.dateLabel, await this.clockToday());
    const actor = await this.actor();
    if (options.account !== false) await requireOpenAccount(this.store, actor);
    return actor;
  }
}
