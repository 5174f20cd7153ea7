import { Command, Option } from 'commander';
import { Context, type GlobalOptions } from './context.js';
import { EXAMPLES_HEADING, HELP_TOPICS } from './topics.js';
import type { Io } from './io.js';

export const HWAAS_VERSION = '0.1.0';

/** A command module: parse → call the domain → render. Loaded only when its command runs. */
export interface CommandModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command declares the shape of its own options
  run(ctx: Context, options: any, ...args: string[]): Promise<number | void>;
}

export interface ProgramState {
  ctx: Context | null;
  exitCode: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\n${EXAMPLES_HEADING}\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

const GLOBAL_WITH_VALUE = new Set(['--db', '--as', '--date']);
const NEEDS_WHOLE_TREE = new Set(['help', 'completion']);

/** The top-level command an argv runs, or null when the whole tree is needed (help, completion, none). */
export function commandWord(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
    else if (arg === '-h' || arg === '--help') return null;
    else if (!arg.startsWith('-')) return NEEDS_WHOLE_TREE.has(arg) ? null : arg;
  }
  return null;
}

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default(undefined, 'table');

/** The whole command tree. Declaring it loads no command module, no store and no heavy library. */
export function buildProgram(io: Io, state: ProgramState, argv: readonly string[] = []): Command {
  /** `writes`: the command changes the store, so a live store refuses a moved "today" before anything happens. */
  const lazy =
    (load: () => Promise<CommandModule>, writes = false) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals() as Record<string, unknown>;
      const positionals = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : [a])) as string[];
      state.ctx = await Context.create(io, options as GlobalOptions);
      if (writes) await state.ctx.requireRealDateForWrite();
      const mod = await load();
      const code = await mod.run(state.ctx, options, ...positionals);
      if (typeof code === 'number') state.exitCode = code;
    };

  const program = new Command('hwaas')
    .description('Wildix Hardware as a Service from the terminal: customers, PBXs, price lists, exact co-terminated quotes and orders.')
    .version(HWAAS_VERSION, '-V, --version')
    .option('--db <path>', 'the SQLite store (env HWAAS_DB; default $XDG_DATA_HOME/hwaas/hwaas.db)')
    .option('--as <user>', 'act as this user ID or e-mail (env HWAAS_USER; else the store\'s default user)')
    .option('--date <YYYY-MM-DD>', 'what "today" is, for quotes, expirations and overdue checks (env HWAAS_TODAY)')
    .option('--json', 'exactly one JSON document on stdout')
    .option('--no-input', 'never prompt; a missing value is an error (env HWAAS_NO_INPUT=1, CI)')
    .option('--no-color', 'no colour (env NO_COLOR)')
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    // Set before any subcommand is added: commander copies these settings into each one.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {}, // reportError writes the one sentence, in JSON when asked
    });
  program.addHelpText(
    'after',
    `\nHelp topics:\n  hwaas help environment   environment variables\n  hwaas help exit-codes    exit codes and error codes\n\n${EXAMPLES_HEADING}\n  $ hwaas init --demo\n  $ hwaas customers list --search lodz\n  $ hwaas quote --pbx PBX-1001 --item CLASSOUND-FLAT-S=1 --explain\n`,
  );

  // Only the command being run is declared in full: the others get their name and
  // description (for help and suggestions), which saves start-up time on every run.
  const only = commandWord(argv);
  const top = (name: string, description: string, define: (command: Command) => void): void => {
    const command = program.command(name).description(description).helpCommand(false); // `hwaas help …` is the one help command
    if (only === null || only === name) define(command);
  };

  program
    .command('help [topic...]')
    .description('help on a command or a topic (environment, exit-codes)')
    .action((topic: string[] | undefined) => {
      const words = topic ?? [];
      const key = words.join(' ');
      if (key in HELP_TOPICS) {
        io.stdout.write(HELP_TOPICS[key as keyof typeof HELP_TOPICS]);
        return;
      }
      let target: Command = program;
      for (const word of words) {
        const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) {
          program.error(`unknown help topic or command "${key}": try \`hwaas help\`, \`hwaas help environment\` or \`hwaas help exit-codes\``, {
            exitCode: 2,
            code: 'hwaas.unknownTopic',
          });
        }
        target = next!;
      }
      target.outputHelp();
    });

  top('init', 'create or migrate the store (live; --demo: a sandbox with demo data) and load the catalog from data/', (c) => {
    examples(
      c
        .option('--demo', 'also load demo partners, users, customers, PBXs, invoices, agreements and stock')
        .option('--force', 'delete the store and build it anew (only an hwaas store; asks first)')
        .option('--yes', 'with --force: do not ask (required without a terminal)')
        .action(lazy(() => import('../commands/init.js'))),
      ['hwaas init', 'hwaas init --demo --json', 'hwaas --db ./try.db init --demo --force --yes'],
    );
  });

  top('whoami', 'the acting user, role and partner', (c) => {
    examples(c.action(lazy(() => import('../commands/whoami.js'))), [
      'hwaas whoami',
      'hwaas --as giulia.rossi@wildix.example whoami --json',
    ]);
  });

  top('users', 'the people who use hwaas', (users) => {
    examples(
      users.command('list').description('every user (staff only)').addOption(formatOption()).action(lazy(() => import('../commands/users/list.js'))),
      ['hwaas --as USR-101 users list'],
    );
  });

  top('customers', "your customers (a partner sees only its own)", (customers) => {
    examples(
      customers
        .command('list')
        .description('customers, sorted by name')
        .option('--partner <id>', 'only this partner\'s customers (staff)')
        .option('--search <text>', 'names containing this text, ignoring case and accents ("lodz" finds "Łódź")')
        .option('--limit <n>', 'at most this many')
        .addOption(formatOption())
        .action(lazy(() => import('../commands/customers/list.js'))),
      ['hwaas customers list', 'hwaas customers list --search muller', 'hwaas customers list --format csv > customers.csv'],
    );
    examples(
      customers.command('show').description('one customer with its PBXs and agreements').argument('<id>').action(lazy(() => import('../commands/customers/show.js'))),
      ['hwaas customers show CUS-0001'],
    );
    examples(
      customers
        .command('add')
        .description('add a customer (a partner adds its own; staff say --partner)')
        .option('--name <name>', 'company name (asked for at a terminal)')
        .option('--country <cc>', 'two-letter country code')
        .option('--vat <vat>', 'VAT number')
        .option('--email <addr>', 'contact e-mail')
        .option('--partner <id>', 'the partner it belongs to (staff)')
        .action(lazy(() => import('../commands/customers/add.js'), true)),
      ['hwaas customers add --name "Łódź Telekom Sp. z o.o." --country PL', 'hwaas --as USR-101 customers add --name "Acme" --partner PTR-001'],
    );
  });

  top('pbx', 'PBXs, their licence term, current period and expiration', (pbx) => {
    examples(
      pbx
        .command('list')
        .description('PBXs with their current period and expiration on "today"')
        .option('--customer <id>', 'only this customer\'s PBXs')
        .option('--term <term>', 'monthly|yearly|five-year (1m, 1y, 5y) or perpetual')
        .option('--expiring-within <days>', 'only PBXs that expire within this many days: the renewal calendar')
        .addOption(formatOption())
        .action(lazy(() => import('../commands/pbx/list.js'))),
      ['hwaas pbx list', 'hwaas pbx list --expiring-within 30', 'hwaas pbx list --term yearly --json'],
    );
    examples(
      pbx.command('show').description('a PBX, its current period, expiration and the services on it').argument('<id>').action(lazy(() => import('../commands/pbx/show.js'))),
      ['hwaas pbx show PBX-1001', 'hwaas --date 2020-08-01 pbx show PBX-1001 --json'],
    );
    examples(
      pbx
        .command('add')
        .description('register a PBX of a customer')
        .option('--customer <id>', 'the customer')
        .option('--name <name>', 'a name for the PBX')
        .addOption(new Option('--type <type>', 'cloud, virtual or hardware').choices(['cloud', 'virtual', 'hardware']))
        .option('--license <term>', 'monthly|yearly|five-year (1m, 1y, 5y) or perpetual')
        .option('--activated <YYYY-MM-DD>', 'activation date (not after today)')
        .action(lazy(() => import('../commands/pbx/add.js'), true)),
      ['hwaas pbx add --customer CUS-0001 --name "Müller Filiale" --type cloud --license yearly --activated 2026-05-01'],
    );
  });

  top('pricelist', 'the OpEx (HWaaS) or CapEx price list as PDF, Excel, CSV or JSON', (c) => {
    examples(
      c
        .addOption(new Option('--type <type>', 'opex: per term, as a service; capex: purchase').choices(['opex', 'capex']))
        .addOption(new Option('--format <format>', 'file format (default pdf; json with --json)').choices(['pdf', 'xlsx', 'csv', 'json']))
        .option('--currency <code>', 'EUR, GBP or USD (default: your partner\'s currency; EUR for staff)')
        .addOption(new Option('--paper <size>', 'PDF paper size (default a4)').choices(['a4', 'letter']))
        .option('--out <file>', 'where to write; - for stdout (default hwaas-pricelist-<type>-<currency>-<date>.<ext>)')
        .option('--force', 'replace an existing file')
        .option('--bom', 'CSV: start with a UTF-8 byte-order mark, for Excel')
        .action(lazy(() => import('../commands/pricelist.js'))),
      [
        'hwaas pricelist',
        'hwaas pricelist --format xlsx --currency GBP',
        'hwaas pricelist --type capex --format csv --out - | head',
        'hwaas pricelist --json > pricelist.json',
      ],
    );
  });

  top('quote', 'what an order will cost: co-terminated with the PBX, prorated to the cent (TERMS.md)', (c) => {
    examples(
      c
        .option('--pbx <id>', 'quote for this PBX (its term, activation and partner currency)')
        .option('--term <term>', 'monthly|yearly|five-year (1m, 1y, 5y): ad hoc with --activated, or a check against --pbx')
        .option('--activated <YYYY-MM-DD>', 'activation date of an ad-hoc PBX')
        .option('--item <SKU=QTY[@PRICE]>', 'a product and quantity, optionally a negotiated price per term; repeat it', collect, [])
        .option('--start <YYYY-MM-DD>', 'when the services start (default: today)')
        .option('--currency <code>', 'EUR, GBP or USD (default: the PBX partner\'s; EUR ad hoc)')
        .option('--explain', 'show the arithmetic of each line')
        .option('--file <cases.json>', 'many quotes from a file (see CLI.md); - reads stdin')
        .option('--check', 'with --file: compare each case with its "expect"; exit 1 if any fails')
        .addOption(new Option('--format <format>', 'output format: table, json, or pdf to send to the customer').choices(['table', 'json', 'pdf']))
        .option('--out <file>', 'with --format pdf: the file (- for stdout; default hwaas-quote-<pbx>-<date>.pdf)')
        .addOption(new Option('--paper <size>', 'PDF paper size (default a4)').choices(['a4', 'letter']))
        .option('--force', 'replace an existing file')
        .action(lazy(() => import('../commands/quote.js'))),
      [
        'hwaas quote --pbx PBX-1001 --item CLASSOUND-FLAT-S=1 --item WP480G=5',
        'hwaas quote --term yearly --activated 2020-05-01 --start 2020-08-01 --item CLASSOUND-FLAT-S=1@120.00 --explain',
        'HWAAS_TODAY=2026-11-24 hwaas quote --pbx PBX-1001 --item WP480G=2 --json',
        'hwaas quote --file quotes.json --check',
        'hwaas quote --pbx PBX-1001 --item WP480G=5 --format pdf --out quote-mueller.pdf',
      ],
    );
  });

  top('order', 'order HWaaS: an interactive session at a terminal, or scripted with flags', (c) => {
    examples(
      c
        .option('--customer <id>', 'the customer')
        .option('--pbx <id>', 'the customer\'s subscription PBX; everything ordered ends with it')
        .option('--term <term>', 'the duration you mean (monthly, yearly, five-year): refused unless it is the PBX\'s term')
        .option('--item <SKU=QTY[@PRICE]>', 'a product and quantity; repeat it', collect, [])
        .option('--save', 'save a draft to check out later')
        .option('--checkout', 'place the order now')
        .option('--yes', 'do not ask for confirmation')
        .action(lazy(() => import('../commands/order.js'), true)),
      [
        'hwaas order',
        'hwaas order --customer CUS-0001 --pbx PBX-1001 --item WP480G=5 --item MONOLED=5 --save',
        'hwaas order --customer CUS-0001 --pbx PBX-1001 --term yearly --item WP480G=5 --checkout --yes --json',
      ],
    );
  });

  top('orders', 'track orders: draft → placed → approved → shipped, or cancelled', (orders) => {
    examples(
      orders
        .command('list')
        .description('orders, oldest first')
        .addOption(new Option('--status <status>', 'only orders in this state').choices(['draft', 'placed', 'approved', 'shipped', 'cancelled']))
        .option('--customer <id>', 'only this customer\'s orders')
        .addOption(formatOption())
        .action(lazy(() => import('../commands/orders/list.js'))),
      ['hwaas orders list --status draft', 'hwaas orders list --json'],
    );
    examples(
      orders
        .command('show')
        .description('an order, its figures, warnings and history')
        .argument('<id>')
        .addOption(new Option('--format <format>', 'table, json, or pdf: an order confirmation').choices(['table', 'json', 'pdf']))
        .option('--out <file>', 'with --format pdf: the file (- for stdout)')
        .addOption(new Option('--paper <size>', 'PDF paper size (default a4)').choices(['a4', 'letter']))
        .option('--force', 'replace an existing file')
        .action(lazy(() => import('../commands/orders/show.js'))),
      ['hwaas orders show ORD-000001', 'hwaas orders show ORD-000001 --format pdf'],
    );
    examples(
      orders.command('checkout').description('place a draft: checks the rules, fixes the amounts, reserves stock').argument('<id>').option('--yes', 'do not ask for confirmation').action(lazy(() => import('../commands/orders/checkout.js'), true)),
      ['hwaas orders checkout ORD-000001 --yes'],
    );
    examples(
      orders.command('cancel').description('cancel a draft, placed or approved order (releases its reservation)').argument('<id>').option('--yes', 'do not ask for confirmation').action(lazy(() => import('../commands/orders/cancel.js'), true)),
      ['hwaas orders cancel ORD-000001 --yes'],
    );
    examples(orders.command('approve').description('staff: the area manager has the signed agreement').argument('<id>').action(lazy(() => import('../commands/orders/approve.js'), true)), [
      'hwaas --as giulia.rossi@wildix.example orders approve ORD-000001',
    ]);
    examples(orders.command('ship').description('staff: the devices leave stock; reservations are released').argument('<id>').action(lazy(() => import('../commands/orders/ship.js'), true)), [
      'hwaas --as giulia.rossi@wildix.example orders ship ORD-000001',
    ]);
  });

  top('stock', 'devices on hand, reserved by orders, and available (may be negative: backorder)', (stock) => {
    examples(stock.command('list').description('stock of every device').addOption(formatOption()).action(lazy(() => import('../commands/stock/list.js'))), ['hwaas stock list']);
    examples(stock.command('set').description('staff: set the devices on hand').argument('<sku>').argument('<qty>').action(lazy(() => import('../commands/stock/set.js'), true)), [
      'hwaas --as USR-101 stock set MONOLED 250',
    ]);
  });

  top('agreements', 'signed HWaaS agreements: one per customer is needed to check out', (agreements) => {
    examples(
      agreements.command('list').description('agreements on file').option('--customer <id>', 'only this customer\'s').addOption(formatOption()).action(lazy(() => import('../commands/agreements/list.js'))),
      ['hwaas agreements list --customer CUS-0002'],
    );
    examples(
      agreements
        .command('add')
        .description('register a customer\'s signed HWaaS agreement (send the copy to your area manager)')
        .option('--customer <id>', 'the customer')
        .option('--signed-on <YYYY-MM-DD>', 'when the customer signed')
        .option('--file <path>', 'the signed document')
        .action(lazy(() => import('../commands/agreements/add.js'), true)),
      ['hwaas agreements add --customer CUS-0002 --signed-on 2026-11-20 --file signed.pdf'],
    );
  });

  top('invoices', 'invoices: an overdue one blocks checkout', (invoices) => {
    examples(
      invoices.command('list').description('invoices, by due date').option('--overdue', 'only unpaid invoices past their due date').addOption(formatOption()).action(lazy(() => import('../commands/invoices/list.js'))),
      ['hwaas invoices list --overdue'],
    );
    examples(invoices.command('pay').description('staff: mark an invoice paid today').argument('<number>').action(lazy(() => import('../commands/invoices/pay.js'), true)), [
      'hwaas --as USR-101 invoices pay INV-2026-0201',
    ]);
  });

  top('db', 'the store itself', (db) => {
    examples(db.command('backup').description('an online backup of the store').argument('<file>').option('--force', 'overwrite FILE').action(lazy(() => import('../commands/db/backup.js'))), [
      'hwaas db backup ~/hwaas-$(date +%F).db',
    ]);
    examples(db.command('info').description('where the store is, its backend, mode (live or sandbox) and schema version').action(lazy(() => import('../commands/db/info.js'))), [
      'hwaas db info',
      'hwaas db info --json',
    ]);
    examples(db.command('check').description('integrity, foreign-key and stock-reservation check').action(lazy(() => import('../commands/db/check.js'))), [
      'hwaas db check',
    ]);
  });

  examples(
    program
      .command('completion')
      .description('print a shell completion script')
      .argument('<shell>', 'bash, zsh or fish')
      .action(async (shell: string) => {
        const { completionScript } = await import('./completion.js');
        io.stdout.write(completionScript(program, shell));
      }),
    ['hwaas completion bash > ~/.local/share/bash-completion/completions/hwaas', 'hwaas completion fish > ~/.config/fish/completions/hwaas.fish'],
  );

  return program;
}
