import { readFileSync } from 'node:fs';
import { defineCommand, option } from '../cli/command.js';
import { datePinned } from '../app/session.js';
import { type Column, renderTable } from '../views/text/style.js';
import { userJson } from '../views/json/parties.js';
import { RefusedError, UsageError } from '../errors.js';
import { readDemo } from '../domain/setup/demo.js';
import type { StoreMode, User } from '../domain/kernel/model.js';
import { seedStore } from '../domain/setup/seed.js';
import { ADMIN_USER } from '../domain/parties/users.js';
import { parseJsonText } from '../domain/kernel/validate.js';
import { dataFile } from '../paths.js';
import { createStore, identifyStore, refuseNonStore } from '../store/index.js';
import { isTimeZone, machineTimeZone } from '../clock.js';

export const command = defineCommand({
  description: 'create or migrate the store (live; --demo: a sandbox with demo data and the sample price books)',
  options: {
    demo: option.flag('--demo', 'also load the sample price books and demo partners, users, customers, PBXs, invoices, agreements and stock'),
    force: option.flag('--force', 'delete the store and build it anew (only an hwaas store; asks first)'),
    yes: option.flag('--yes', 'with --force: do not ask (required without a terminal)'),
    timezone: option.string('--timezone <zone>', 'a new store\'s time zone, whose date is its "today" (an IANA name such as Europe/Rome; default: the machine\'s)'),
  },
  examples: ['hwaas init', 'hwaas init --demo --json', 'hwaas --db ./try.db init --demo --force --yes'],
  async run(ctx, options) {
    ctx.requireOwnStore();
    // Read and check the files before the store is touched: a bad entry leaves nothing half-done.
    const books = options.demo ? await (await import('../import/samples.js')).readSampleBooks() : [];
    const skus = new Set(books.flatMap((b) => b.lines.map((l) => l.sku)));
    const demo = options.demo ? readDemo(parseJsonText('data/demo.json', readFileSync(dataFile('demo.json'), 'utf8')), skus) : null;

    // The zone of a new store's "today": said, or the machine's when it has a name.
    if (options.timezone !== undefined && !isTimeZone(options.timezone.trim())) {
      throw new UsageError(`--timezone: "${options.timezone}" is not a time zone hwaas knows; give an IANA name such as Europe/Rome, America/New_York or UTC.`);
    }
    const zone = options.timezone?.trim() ?? machineTimeZone(ctx.io.env);
    const location = ctx.storeLocation;
    const found = await identifyStore(location, ctx.io.env);
    if (found === 'other') {
      await refuseNonStore(location); // folders, devices, links to nowhere and non-SQLite files are each named
      throw new UsageError(
        `${ctx.dbPath} is not an hwaas store${options.force ? ': init --force deletes only a store' : ''}; hwaas left it as it was: choose another place for the store.`,
        'NOT_A_STORE',
        {
          aboutStoreLocation: true,
        },
      );
    }
    const fresh = found === 'none' || options.force === true;
    // A new store is a sandbox with --demo (a movable clock) and live without: a live store writes on today's date.
    if (fresh && !demo && ctx.datePinned) throw datePinned(ctx.session.dateLabel, ctx.clock.today(null));
    if (found === 'store' && options.force) {
      if (!(await ctx.prompts.confirm(options.yes, `Delete the store at ${ctx.dbPath} and build it anew? Every order, customer and PBX in it is lost.`))) {
        ctx.err('Nothing deleted.');
        return 1;
      }
    }

    if (zone === null && fresh) {
      throw new UsageError(
        `the machine's time zone (TZ=${ctx.io.env.TZ}) has no name a store can record, and a store's "today" is the date in its zone: give --timezone, e.g. --timezone Europe/Rome.`,
      );
    }
    const { store, from, to, formerLogins = [] } = await createStore(location, ctx.io.env, found === 'store' && options.force === true);
    await ctx.adoptStore(store);
    // A store without a mode yet was being made (another init, interrupted or at the same moment): it is new.
    const recorded = fresh ? null : await store.settings.get('mode');
    const mode: StoreMode = recorded === 'sandbox' || recorded === 'live' ? recorded : demo ? 'sandbox' : 'live';
    if (recorded === 'live' && demo) {
      throw new RefusedError('INVALID_STATE', `the store at ${ctx.dbPath} is live: demo data goes only into a sandbox store; make one elsewhere with \`hwaas --db ./demo.db init --demo\`.`);
    }
    if (mode === 'live' && ctx.datePinned) throw datePinned(ctx.session.dateLabel, ctx.clock.today(await store.settings.get('timezone')));
    const kept = fresh ? null : await store.settings.get('timezone');
    if (kept && options.timezone !== undefined && kept !== options.timezone.trim()) {
      throw new UsageError(`--timezone: the store at ${ctx.dbPath} keeps the time zone it was made with (${kept}); leave --timezone out, or make a new store.`);
    }
    const seeded = await seedStore(store, books, demo, await (await ctx.who()).timestamp(), mode, zone ?? 'UTC');
    await ctx.adoptStore(store); // its time zone is known now
    const users = await store.parties.users();
    const defaultUser = store.info.defaultActor === 'administrator' ? ADMIN_USER.id : seeded.defaultUser;
    // hwaas 0.4's users of a shared store had logins of their own; the migration took them away: they reach it through a server now.
    const needTokens = users.filter((u) => formerLogins.includes(u.id) && u.disabledAt === null);

    if (ctx.json) {
      ctx.printJson({ db: ctx.dbPath, users: users.map(userJson), defaultUser, mode, ...(formerLogins.length > 0 ? { needTokens: needTokens.map((u) => u.id) } : {}) });
      return 0;
    }
    const { chalk } = ctx.style;
    const what = options.force && found === 'store' ? 'Rebuilt' : found === 'none' ? 'Created' : from < to ? 'Migrated' : 'Checked';
    ctx.out(`${what} the ${mode} store at ${ctx.dbPath} (schema version ${to}).`);
    ctx.out(
      mode === 'live'
        ? "It is live: everything that writes runs on today's date; --date stays available for quotes and listings."
        : 'It is a sandbox: demo data and a movable clock (--date works everywhere); its documents say "sandbox".',
    );
    const inStore = await store.pricebooks.list();
    ctx.out(
      inStore.length > 0
        ? `Price books: ${inStore.length} (${[...new Set(inStore.map((b) => b.tier))].join(', ')}; ${[...new Set(inStore.map((b) => b.currency))].join(', ')})${demo ? ', sample prices' : ''}.`
        : 'No price books yet: Wildix staff import them with `hwaas pricebook import FILE --tier T --currency C --valid-from DATE` (samples in data/pricebooks/).',
    );
    if (demo) ctx.out(`Demo data: ${demo.partners.length} partners, ${demo.customers.length} customers, ${demo.pbxs.length} PBXs.`);
    ctx.out('');
    const columns: Column<User>[] = [
      { header: 'ID', value: (u) => (u.id === defaultUser ? { text: `${u.id} (default)`, paint: 'green' } : u.id) },
      { header: 'E-mail', value: (u) => u.email, shrink: true },
      { header: 'Name', value: (u) => u.name, shrink: true, drop: 1 },
      { header: 'Role', value: (u) => u.role },
      { header: 'Partner', value: (u) => u.partner ?? '' },
    ];
    ctx.out(renderTable(ctx.style, columns, users));
    ctx.out(`\nYou act as ${defaultUser}; act as someone else with --as ID-or-e-mail (or HWAAS_USER).`);
    if (formerLogins.length > 0) {
      ctx.out(
        `\nThe users' database logins are gone: users reach this store through \`hwaas serve\` with a token now.${needTokens.length > 0 ? ` Give each of these one (\`hwaas users token create ID\`): ${needTokens.map((u) => u.id).join(', ')}.` : ''}`,
      );
    }
    ctx.out(`Next: ${chalk.bold('hwaas customers list')}, ${chalk.bold('hwaas pbx list --expiring-within 30')}, ${chalk.bold('hwaas help')}.`);
    return 0;
  },
});
