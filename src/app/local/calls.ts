import { RefusedError } from '../../errors.js';
import type { Actor } from '../../domain/kernel/model.js';
import type { Store } from '../../domain/kernel/port.js';
import type { CalendarDate } from '../../terms/dates.js';
import { type Clock, type Session, Who } from '../session.js';

/** How the local use cases reach the store and know who acts: one per session (one command, or one request of a server). */
export interface LocalOptions {
  /** The store, opened on first use; null when there is none at its location (an ad-hoc quote needs none). */
  store(): Promise<Store | null>;
  /** The store's location for sentences ("no store at …"). */
  readonly where: string;
  readonly session: Session;
  readonly clock: Clock;
}

/** What every local use case works with: the store, who acts, and the rule that every write passes first. */
export class Calls {
  private who_: Who | null = null;

  constructor(readonly options: LocalOptions) {}

  async storeIfAny(): Promise<Store | null> {
    return this.options.store();
  }

  async store(): Promise<Store> {
    const store = await this.options.store();
    if (!store) throw new RefusedError('NO_STORE', `no store at ${this.options.where}.`, { aboutStoreLocation: true, hint: { kind: 'init' } });
    return store;
  }

  async who(): Promise<Who> {
    this.who_ ??= new Who(await this.store(), this.options.session, this.options.clock);
    return this.who_;
  }

  /** The acting user on today's day, for a read (a pinned day is a what-if). */
  async reader(): Promise<{ store: Store; actor: Actor }> {
    return { store: await this.store(), actor: await (await this.who()).actor() };
  }

  /** The acting user for a write: the real date on a live store, an open account (unless the write checks it itself, in its transaction). */
  async writer(options: { account?: boolean } = {}): Promise<{ store: Store; actor: Actor }> {
    return { store: await this.store(), actor: await (await this.who()).writer(options) };
  }

  /** "Today" of the store if there is one, else of the machine's clock (an ad-hoc quote without a store). */
  async today(): Promise<CalendarDate> {
    const store = await this.storeIfAny();
    if (store) return (await this.who()).today();
    return this.options.session.date ?? this.options.clock.today(null);
  }
}
