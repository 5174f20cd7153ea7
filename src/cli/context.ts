import { homedir } from 'node:os';
import { join } from 'node:path';
import { localDateText, localDateTimeText } from '../clock.js';
import type { Store } from '../domain/kernel/port.js';
import type { UseCases } from '../app/usecases.js';
import { type Clock, type Session, Who } from '../app/session.js';
import { type StoreLocation, parseLocation, showLocation } from '../store/index.js';
import { type CalendarDate, formatDate, parseDate } from '../terms/dates.js';
import { readHosts } from '../client/hosts.js';
import { RefusedError, UsageError } from '../errors.js';
import { PLAIN_STYLE, type Style, loadStyle, terminalSafe, wrapText } from '../views/text/style.js';
import { type Io, envFlag } from './io.js';
import { Prompts } from './prompts.js';
import { safeJson } from './report.js';

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
  const dataHome = env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'hwaas', 'hwaas.db');
}

/**
 * What every command receives, as gh's factory gives its commands: the io streams, the
 * global options, the clock, and the use cases, made on first use (a command that asks
 * nothing of hwaas never opens the store or loads its driver). Prompts are `prompts`;
 * printing is here; files a command writes are src/cli/output.ts's. It is the
 * composition root: the store's backend is picked here, through src/store/index.ts.
 */
export class Context {
  readonly json: boolean;
  style: Style = PLAIN_STYLE;
  readonly prompts: Prompts;
  readonly storeLocation: StoreLocation;
  /** Where the store's location came from, to name it in errors: `--db`, `HWAAS_DB`, or the default. */
  readonly storeSource: '--db' | 'HWAAS_DB' | null;
  /** Who acts and on which day, as the user said (the use cases decide what it means). */
  readonly session: Session;
  readonly clock: Clock;
  /** The store's time zone (an IANA name), once the store is open: timestamps read in it. */
  private zone: string | null = null;
  private openStore: Store | null = null;
  private cases: UseCases | null = null;
  private who_: Who | null = null;
  private readonly colourWanted: boolean;
  /** The server the commands reach, when no store is named (--db, HWAAS_DB) and one is: HWAAS_SERVER, or the one logged in to. */
  readonly server: { readonly url: string; readonly token: string | null; readonly source: 'HWAAS_SERVER' | 'hosts' } | null;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions,
  ) {
    this.json = options.json === true;
    this.prompts = new Prompts(io, options);
    this.colourWanted = options.color !== false && !io.env.NO_COLOR && io.stdout.isTTY === true;
    this.storeSource = options.db !== undefined ? '--db' : io.env.HWAAS_DB ? 'HWAAS_DB' : null;
    this.storeLocation = parseLocation(options.db ?? (io.env.HWAAS_DB || defaultDbPath(io.env)), io.cwd);
    const named = options.as ?? (io.env.HWAAS_USER || undefined);
    const pinned: { date: CalendarDate | null; label: string } =
      options.date !== undefined
        ? { date: parseDate(options.date, '--date'), label: '--date' }
        : io.env.HWAAS_TODAY
          ? { date: parseDate(io.env.HWAAS_TODAY, 'HWAAS_TODAY'), label: 'HWAAS_TODAY' }
          : { date: null, label: '--date' };
    this.session = { as: named ?? null, asLabel: options.as !== undefined ? '--as' : 'HWAAS_USER', date: pinned.date, dateLabel: pinned.label };
    this.clock = { today: (zone) => io.clockToday(zone), now: () => io.now() };
    this.server = this.storeSource === null ? serverOf(io.env) : null;
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

  get canPrompt(): boolean {
    return this.prompts.canPrompt;
  }

  /** The store's path, or its URL without the password, for messages. */
  get dbPath(): string {
    return showLocation(this.storeLocation, this.io.env);
  }

  /** Whether "today" was moved (--date, HWAAS_TODAY): documents say it is a what-if. */
  get datePinned(): boolean {
    return this.session.date !== null;
  }

  /** Everything a command asks of hwaas, made on first use: through the server logged in to, or here in process on the store at --db. */
  async useCases(): Promise<UseCases> {
    if (!this.cases) {
      if (this.server) {
        const { checkServerUrl, remoteUseCases } = await import('../client/remote.js');
        const { HWAAS_VERSION } = await import('./version.js');
        const url = checkServerUrl(this.server.url, this.server.source);
        if (!this.server.token) {
          throw new RefusedError(
            'NOT_AUTHENTICATED',
            `${this.server.source === 'HWAAS_SERVER' ? 'HWAAS_SERVER is set but HWAAS_TOKEN is not' : `no token for ${url.origin}`}: log in with a token Wildix staff issue.`,
            { hint: { kind: 'login' } },
          );
        }
        this.cases = remoteUseCases({
          server: url,
          token: this.server.token,
          as: this.session.as,
          date: this.session.date === null ? null : formatDate(this.session.date),
          asLabel: this.session.asLabel,
          dateLabel: this.session.dateLabel,
          version: HWAAS_VERSION,
          // Timestamps read in the store's time zone, which every answer of the server says.
          onTimezone: (zone) => {
            this.zone = zone;
          },
        });
      } else {
        const { localUseCases } = await import('../app/local/index.js');
        this.cases = localUseCases({ store: () => this.storeIfAny(), where: this.dbPath, session: this.session, clock: this.clock });
      }
    }
    return this.cases;
  }

  /** Opened on first use, so that commands which never touch the store never load its driver. The administration commands (init, db) use it directly. */
  async store(): Promise<Store> {
    if (!this.openStore) this.requireOwnStore();
    if (!this.openStore) {
      const { openStore } = await import('../store/index.js');
      this.openStore = await openStore(this.storeLocation, this.io.env);
      this.zone = await this.openStore.settings.get('timezone');
    }
    return this.openStore;
  }

  /** Logged in to a server, with no store named: init and db must not quietly make or read a file of their own. */
  requireOwnStore(): void {
    if (!this.server) return;
    throw new UsageError(
      `this command works on a store itself, and you work through the server ${this.server.source === 'HWAAS_SERVER' ? 'HWAAS_SERVER names' : 'you logged in to'} (${this.server.url}): name a store of your own with --db or HWAAS_DB (a shared store's owner uses its PostgreSQL URL).`,
      'USAGE',
    );
  }

  /** The store, or null when there is none yet at its location (ad-hoc quotes work without one). */
  async storeIfAny(): Promise<Store | null> {
    if (this.openStore) return this.openStore;
    const { identifyStore } = await import('../store/index.js');
    return (await identifyStore(this.storeLocation, this.io.env)) === 'none' ? null : this.store();
  }

  /** For `init`, which creates the store it then uses. */
  async adoptStore(store: Store): Promise<void> {
    if (this.openStore !== store) await this.openStore?.close();
    this.openStore = store;
    this.cases = null;
    this.who_ = null;
    this.zone = await store.settings.get('timezone');
  }

  /** Gives the open store away (to a server's pool, which closes it): the context forgets it without closing it. */
  handOverStore(): void {
    this.openStore = null;
    this.cases = null;
    this.who_ = null;
  }

  /** Who acts on the store, for the administration commands (init, db), which work on the store itself. */
  async who(): Promise<Who> {
    this.who_ ??= new Who(await this.store(), this.session, this.clock);
    return this.who_;
  }

  /** A stored timestamp as people read it: its date, in the store's time zone. */
  dateOf(iso: string): string {
    return localDateText(iso, this.zone);
  }

  /** A stored timestamp as its date and time of day, in the store's time zone. */
  timeOf(iso: string): string {
    return localDateTimeText(iso, this.zone);
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

  async close(): Promise<void> {
    await this.openStore?.close();
    this.openStore = null;
  }
}

export { envFlag };

/**
 * The server named by HWAAS_SERVER, else the default of hosts.json, else none; its token
 * HWAAS_TOKEN, else the one hosts.json keeps for that server.
 */
function serverOf(env: Io['env']): Context['server'] {
  const hosts = readHosts(env);
  const kept = (url: string) => hosts.hosts[url]?.token ?? hosts.hosts[url.replace(/\/+$/, '')]?.token ?? null;
  if (env.HWAAS_SERVER) return { url: env.HWAAS_SERVER, token: env.HWAAS_TOKEN || kept(env.HWAAS_SERVER), source: 'HWAAS_SERVER' };
  if (!hosts.default) return null;
  return { url: hosts.default, token: env.HWAAS_TOKEN || kept(hosts.default), source: 'hosts' };
}
