import { requireOpenAccount } from '../domain/parties/standing.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RefusedError, UsageError } from '../errors.js';
import { type Actor, type User, scopeOf } from '../domain/kernel/model.js';
import type { Store } from '../domain/kernel/port.js';
import { requireEnabled } from '../domain/parties/users.js';
import { type StoreLocation, parseLocation, showLocation } from '../store/index.js';
import { type CalendarDate, formatDate, parseDate } from '../terms/dates.js';
import { type Io, envFlag } from './io.js';
import type { OutputTarget } from '../export/files.js';
import { safeJson } from './report.js';
import { PLAIN_STYLE, type Style, loadStyle, terminalSafe, wrapText } from './style.js';
import { localDateText, localDateTimeText } from '../clock.js';

/** The global options of the contract after commander has parsed them. */
export interface GlobalOptions {
  db?: string;
  as?: string;
  date?: string;
  json?: boolean;
  input?: boolean; // false with --no-input
  color?: boolean; // false with --no-color
  wide?: boolean;
}

export function defaultDbPath(env: Io['env']): string {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'hwaas', 'hwaas.db');
}

export function datePinned(by: '--date' | 'HWAAS_TODAY', today: CalendarDate): UsageError {
  return new UsageError(
    `${by}: this store is live, and a live store writes on today's date (${formatDate(today)}); ${by} is for quotes and listings: leave it out to write.`,
    'DATE_PINNED',
  );
}

/**
 * What every command receives: the io streams, the resolved global options, and the
 * store and acting user, opened only when the command asks for them. It is also the
 * composition root: the store's backend is picked here, through src/store/index.ts.
 */
export class Context {
  readonly json: boolean;
  readonly canPrompt: boolean;
  readonly noInput: boolean;
  style: Style = PLAIN_STYLE;
  private readonly colourWanted: boolean;
  readonly storeLocation: StoreLocation;
  /** Where the store's location came from, to name it in errors: `--db`, `HWAAS_DB`, or the default. */
  readonly storeSource: '--db' | 'HWAAS_DB' | null;
  /** "Today" given by --date or HWAAS_TODAY, if one was. */
  private readonly pinnedToday: CalendarDate | null;
  /** Which flag or variable moved "today" away from the clock, if one did. */
  readonly datePinnedBy: '--date' | 'HWAAS_TODAY' | null;
  /** The store's time zone (an IANA name), once the store is open: its "today" is the date there. */
  private zone: string | null = null;
  private openStore: Store | null = null;
  private actingUser: User | null = null;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions,
  ) {
    this.json = options.json === true;
    this.noInput = options.input === false || envFlag(io.env.HWAAS_NO_INPUT) || envFlag(io.env.CI);
    this.canPrompt = !this.noInput && io.stdinIsTTY && io.stdout.isTTY === true;
    this.colourWanted = options.color !== false && !io.env.NO_COLOR && io.stdout.isTTY === true;
    this.storeSource = options.db !== undefined ? '--db' : io.env.HWAAS_DB ? 'HWAAS_DB' : null;
    this.storeLocation = parseLocation(options.db ?? (io.env.HWAAS_DB || defaultDbPath(io.env)), io.cwd);
    if (options.date !== undefined) {
      this.pinnedToday = parseDate(options.date, '--date');
      this.datePinnedBy = '--date';
    } else if (io.env.HWAAS_TODAY) {
      this.pinnedToday = parseDate(io.env.HWAAS_TODAY, 'HWAAS_TODAY');
      this.datePinnedBy = 'HWAAS_TODAY';
    } else {
      this.pinnedToday = null;
      this.datePinnedBy = null;
    }
  }

  /**
   * "Today": --date or HWAAS_TODAY where given (a sandbox, or a what-if on a read), else
   * the clock's date, read anew each time (a prompt may stay open past midnight), in the
   * store's time zone, for reads and writes alike: the shell's TZ moves no date. The store
   * is consulted for its zone first; without a store (an ad-hoc quote), the machine's zone.
   */
  async today(): Promise<CalendarDate> {
    if (this.pinnedToday !== null) return this.pinnedToday;
    if (!this.openStore) await this.storeIfAny();
    return this.io.clockToday(this.zone);
  }

  /** The clock's date for the store, whatever --date says. */
  clockToday(): CalendarDate {
    return this.io.clockToday(this.zone);
  }

  /** A stored timestamp as people read it, in the store's time zone. */
  dateOf(iso: string): string {
    return localDateText(iso, this.zone);
  }

  dateTimeOf(iso: string): string {
    return localDateTimeText(iso, this.zone);
  }

  /** Colour on stdout only for a terminal, without NO_COLOR or --no-color. */
  static async create(io: Io, options: GlobalOptions): Promise<Context> {
    const ctx = new Context(io, options);
    const style = await loadStyle(ctx.colourWanted);
    // Tables fit a terminal's width unless --wide; piped output keeps every character.
    const width = options.wide !== true && io.stdout.isTTY === true ? (io.stdout.columns ?? 80) : null;
    ctx.style = { ...style, width };
    return ctx;
  }

  /** The store's path, or its URL without the password, for messages. */
  get dbPath(): string {
    return showLocation(this.storeLocation, this.io.env);
  }

  /** Opened on first use, so that commands which never touch the store never load its driver. */
  async store(): Promise<Store> {
    if (!this.openStore) {
      const { openStore } = await import('../store/index.js');
      this.openStore = await openStore(this.storeLocation, this.io.env);
      this.zone = await this.openStore.settings.get('timezone');
    }
    return this.openStore;
  }

  /** The store, or null when there is none yet at its location (ad-hoc quotes work without one). */
  async storeIfAny(): Promise<Store | null> {
    if (this.openStore) return this.openStore;
    const { identifyStore } = await import('../store/index.js');
    return (await identifyStore(this.storeLocation, this.io.env)) === 'none' ? null : this.store();
  }

  /**
   * Where a document goes (`--out FILE`, `--out -`, or its default name), refused when it
   * is the store itself or one of its companion files, by any name: writing there would
   * destroy every record.
   */
  async outputTarget(out: string | undefined, defaultName: string, flag = '--out', format?: string): Promise<OutputTarget> {
    const { outputTarget } = await import('../export/files.js');
    const target = outputTarget(out, defaultName, this.io.cwd);
    const binary = format === 'pdf' || format === 'xlsx';
    if (target.kind === 'stdout' && binary && this.io.stdout.isTTY === true) {
      throw new UsageError(`${flag} -: a ${format.toUpperCase()} is binary and would garble the terminal; redirect it (\`> file.${format}\`) or give ${flag} FILE.`);
    }
    if (target.kind === 'file' && format !== undefined && out !== undefined) {
      const extension = /\.([a-z0-9]+)$/i.exec(target.path)?.[1]?.toLowerCase();
      const known = ['pdf', 'xlsx', 'csv', 'json'];
      if (extension !== undefined && known.includes(extension) && extension !== format) {
        throw new UsageError(`${flag} ${out}: the name says ${extension.toUpperCase()} but --format is ${format}; name it .${format}, or give --format ${extension}.`);
      }
    }
    if (target.kind === 'file') {
      const { isStoreFile } = await import('../store/index.js');
      if (await isStoreFile(this.storeLocation, target.path)) {
        throw new UsageError(`${flag}: ${target.path} is the store itself (or one of its -wal, -shm, -journal files): write it to another file.`);
      }
    }
    return target;
  }

  /** For `init`, which creates the store it then uses. */
  async adoptStore(store: Store): Promise<void> {
    if (this.openStore !== store) await this.openStore?.close();
    this.openStore = store;
    this.actingUser = null;
    this.zone = await store.settings.get('timezone');
  }

  /**
   * A command that writes runs on the real date in a live store: a moved "today"
   * would let anyone pick the price and the rules that apply. Refused before anything
   * happens; read-only commands keep --date for what-ifs, and a sandbox store moves freely.
   */
  async requireRealDateForWrite(): Promise<void> {
    if (this.datePinnedBy === null) return;
    if ((await (await this.store()).mode()) !== 'sandbox') throw datePinned(this.datePinnedBy, this.clockToday());
  }

  /** A partner's user whose account is locked (an invoice 30 or more days overdue) changes nothing. */
  async requireOpenAccount(): Promise<void> {
    await requireOpenAccount(await this.store(), await this.actor());
  }

  /**
   * Who acts. On a store with logins (PostgreSQL) the database says: the user mapped to
   * the connection's role; staff and the store's owner may name anyone else (--as), a
   * partner's login only itself. On a SQLite file: --as, then HWAAS_USER, then the
   * store's default user.
   */
  async user(): Promise<User> {
    if (this.actingUser) return this.actingUser;
    const store = await this.store();
    const named = this.options.as ?? (this.io.env.HWAAS_USER || undefined);
    const flag = this.options.as !== undefined ? '--as' : 'HWAAS_USER';
    const session = await store.session();
    if (session) {
      if (!session.user) {
        throw new RefusedError('NOT_ALLOWED', `the database login ${session.login} is not a user of this store: connect as your own login, or ask the store's administrator to add you.`);
      }
      requireEnabled(session.user, `the database login ${session.login}`);
      if (named === undefined) return (this.actingUser = session.user);
      const user = await store.parties.user(named);
      if (!session.mayActAsAnyone && user?.id !== session.user.id) {
        throw new RefusedError('NOT_ALLOWED', `${flag}: the database login ${session.login} is ${session.user.id}, a partner's user: only Wildix staff may act as someone else.`);
      }
      if (!user) throw new UsageError(`${flag}: no user "${named}" in the store; \`hwaas users list\` (staff) or \`hwaas init --demo --json\` names the users.`);
      return (this.actingUser = requireEnabled(user, flag));
    }
    if (named !== undefined) {
      const user = await store.parties.user(named);
      if (!user) throw new UsageError(`${flag}: no user "${named}" in the store; \`hwaas users list\` (staff) or \`hwaas init --demo --json\` names the users.`);
      this.actingUser = requireEnabled(user, flag);
    } else {
      const id = await store.settings.get('default_user');
      const user = id ? await store.parties.user(id) : null;
      if (!user) throw new RefusedError('NOT_FOUND', 'the store names no default user: say who is acting with --as USER or HWAAS_USER.');
      this.actingUser = requireEnabled(user, "the store's default user");
    }
    return this.actingUser;
  }

  async actor(): Promise<Actor> {
    const user = await this.user();
    return { user, scope: scopeOf(user), today: await this.today(), at: this.timestamp() };
  }

  /** When an event happens. With a moved "today" (a sandbox), the clock's time on that day, so that dates agree; else now. */
  timestamp(): string {
    const now = this.io.now();
    if (this.pinnedToday === null) return now.toISOString();
    return new Date(now.getTime() + (this.pinnedToday - this.clockToday()) * 86_400_000).toISOString();
  }

  /** A line (or lines) for people on stdout, with nothing that could drive the terminal but hwaas's own colours. */
  out(text: string): void {
    const safe = wrapText(terminalSafe(text, this.style.enabled), this.style.width);
    this.io.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  /** Text for people on stdout as it is (table lines: never wrapped), made terminal-safe; waits while the reader catches up. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    const out = this.io.stdout;
    if (out.write(terminalSafe(text, this.style.enabled))) return;
    // The reader caught up, or went away (`| head`: the error is said, if at all, where stdout's errors are).
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('error', done);
        out.off('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('error', done);
      out.once('close', done);
    });
  }

  /** For people on stderr: wrapped at the terminal's width when stderr is one. */
  err(text: string): void {
    const width = this.io.stderr.isTTY === true ? ((this.io.stderr as { columns?: number }).columns ?? 80) : null;
    const safe = wrapText(terminalSafe(text, this.style.enabled), width);
    this.io.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  /** Exactly one JSON document on stdout. */
  printJson(value: unknown): void {
    this.io.stdout.write(`${safeJson(value, 2)}\n`);
  }

  /** A value from a flag, or asked for at a terminal, or a usage error that names the flag. */
  /** Why no one is asked, when no one is: said in the sentence that names the missing value. */
  get whyNoPrompt(): string {
    if (this.options.input === false) return 'prompting is off (--no-input)';
    if (envFlag(this.io.env.HWAAS_NO_INPUT)) return 'prompting is off because HWAAS_NO_INPUT is set';
    if (envFlag(this.io.env.CI)) return 'prompting is off because CI is set';
    return 'there is no terminal to ask on';
  }

  async need(value: string | undefined, flag: string, question: string, validate?: (text: string) => string | true): Promise<string> {
    if (value !== undefined) return value;
    if (!this.canPrompt) {
      throw new UsageError(`missing ${flag} (${this.whyNoPrompt}): give it on the command line.`, 'USAGE');
    }
    const { input } = await import('@inquirer/prompts');
    return input({ message: question, required: true, validate: validate ?? (() => true) }, { input: this.io.stdin, output: this.io.stderr });
  }

  /**
   * A typed value: from its flag (a bad one is a usage error naming the flag), or asked
   * at a terminal, where a bad answer is said under the question and asked again.
   */
  async ask<T>(value: string | undefined, flag: string, question: string, parse: (text: string, label: string) => T): Promise<T> {
    if (value !== undefined) return parse(value, flag);
    const answer = await this.need(undefined, flag, question, (text) => {
      try {
        parse(text, flag);
        return true;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        return error.message.replace(`${flag}: `, '');
      }
    });
    return parse(answer, flag);
  }

  /** One of a fixed set: from a flag (commander checked it), or picked from a list at a terminal, or a usage error that names the flag. */
  async choose<C extends string>(value: C | undefined, flag: string, question: string, choices: readonly { value: C; name: string; description?: string }[]): Promise<C> {
    if (value !== undefined) return value;
    if (!this.canPrompt) {
      throw new UsageError(`missing ${flag} (${this.whyNoPrompt}): give it on the command line (${choices.map((c) => c.value).join(', ')}).`, 'USAGE');
    }
    const { select } = await import('@inquirer/prompts');
    return select({ message: question, choices: [...choices] }, { input: this.io.stdin, output: this.io.stderr });
  }

  /** Confirms a destructive step; --yes answers for the user; without a terminal, --yes is required. */
  async confirm(yes: boolean | undefined, question: string): Promise<boolean> {
    if (yes) return true;
    if (!this.canPrompt) throw new UsageError(`missing --yes (${this.whyNoPrompt}): ${question} Confirm with --yes when no one can be asked.`, 'USAGE');
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: question, default: false }, { input: this.io.stdin, output: this.io.stderr });
  }

  async close(): Promise<void> {
    await this.openStore?.close();
    this.openStore = null;
  }
}
