import { Command, InvalidArgumentError, Option } from 'commander';
import { COMMANDS, type CommandEntry, GROUPS } from '../commands/index.js';
import type { CommandDefinition } from './command.js';
import { HwaasError, aboutField } from '../errors.js';
import { Context, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import { EXAMPLES_HEADING, HELP_TOPICS } from './topics.js';
import { canonicalId } from '../domain/kernel/ids.js';

import { HWAAS_VERSION } from './version.js';

export { HWAAS_VERSION };

export interface ProgramState {
  ctx: Context | null;
  exitCode: number;
}

/** The global options of the contract, declared once: the tree and the fast path below both read them. */
const GLOBAL_OPTIONS: readonly { flags: string; description: string }[] = [
  { flags: '--db <path|url>', description: 'the store: a SQLite file, or a postgres:// URL of a shared one (env HWAAS_DB; default $XDG_DATA_HOME/hwaas/hwaas.db)' },
  { flags: '--as <user>', description: 'act as this user ID or e-mail (env HWAAS_USER): on a file, anyone; on a shared store, staff only' },
  { flags: '--date <YYYY-MM-DD>', description: 'what "today" is, for quotes, expirations and overdue checks (env HWAAS_TODAY); a live store writes on the real date' },
  { flags: '--json', description: 'exactly one JSON document on stdout' },
  { flags: '--no-input', description: 'never prompt; a missing value is an error (env HWAAS_NO_INPUT=1, CI)' },
  { flags: '--no-color', description: 'no colour (env NO_COLOR)' },
  { flags: '--wide', description: 'tables show every character even where they are wider than the terminal (piped output always does)' },
];
const GLOBAL_WITH_VALUE = new Set(GLOBAL_OPTIONS.filter((o) => o.flags.includes('<')).map((o) => o.flags.split(' ')[0]!));

/** The most words a command has (`users token create`). */
const MAX_WORDS = 3;

/** The words of the command an argv runs (`['customers', 'list']`), or null when the whole tree is needed (help, none). */
export function commandWords(argv: readonly string[]): string[] | null {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < MAX_WORDS; i++) {
    const arg = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
    else if (arg === '--') break;
    else if (!arg.startsWith('-')) words.push(arg);
    else if (words.length === 0 && (arg === '-h' || arg === '--help')) return null;
  }
  return words.length === 0 || words[0] === 'help' ? null : words;
}

/**
 * The entries to declare in full for an argv: the command being run, or every
 * command of a group when the group is named alone or with an unknown word (for its
 * help and suggestions), or all of them for help and completion.
 */
function entriesFor(words: string[] | null): readonly CommandEntry[] {
  if (words === null) return COMMANDS;
  // The entries under the longest prefix of the words that names any.
  for (let n = words.length; n >= 1; n--) {
    const under = COMMANDS.filter((entry) => words.slice(0, n).every((w, i) => entry.path[i] === w));
    if (under.length > 0) return under;
  }
  return [];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Options and arguments that name a record by its ID (or number): read in any case. */
const ID_OPTIONS = new Set(['customer', 'pbx', 'partner']);
const ID_ARGUMENTS = new Set(['id', 'number']);

function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\n${EXAMPLES_HEADING}\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** Declares one command from its definition; its handler runs with typed options and a fresh context. */
function declare(command: Command, definition: CommandDefinition, io: Io, state: ProgramState): void {
  command.description(definition.description);
  const argNames = Object.keys(definition.args ?? {});
  for (const name of argNames) command.argument(`<${name}>`, definition.args![name]!.description);
  const keys: [string, string][] = [];
  for (const [key, spec] of Object.entries(definition.options)) {
    let option = new Option(spec.flags, spec.description);
    if (spec.kind === 'choice') {
      // A fixed set, in any case (`--status Draft`); completion reads the choices.
      const choices = spec.choices;
      option = option.choices(choices).argParser((value: string) => {
        const match = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
        if (match === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
        return match;
      });
    }
    if (spec.kind === 'list') option = option.argParser(collect).default([]);
    command.addOption(option);
    keys.push([key, option.attributeName()]);
  }
  if (definition.help) command.addHelpText('after', `\n${definition.help}`);
  examples(command, definition.examples);
  command.action(async (...values: unknown[]) => {
    const self = values[values.length - 1] as Command;
    const parsed = self.opts();
    // IDs are kept in capitals (hwaas makes them so, imports store them so): `cus-0001` is CUS-0001.
    const upper = (value: unknown) => (typeof value === 'string' ? canonicalId(value) : value);
    const options = Object.fromEntries(keys.map(([key, attribute]) => [key, ID_OPTIONS.has(key) ? upper(parsed[attribute]) : parsed[attribute]]));
    const args = Object.fromEntries(argNames.map((name, index) => [name, (ID_ARGUMENTS.has(name) ? upper(values[index]) : values[index]) as string]));
    state.ctx = await Context.create(io, self.optsWithGlobals() as GlobalOptions);
    const writes = typeof definition.writes === 'function' ? definition.writes(options) : definition.writes === true;
    // A command that writes refuses what its write would refuse before it asks anything (a moved "today" on a live store, a locked account).
    if (writes) await (await state.ctx.useCases()).access({ write: true });
    try {
      const code = await definition.run(state.ctx, options, args);
      if (typeof code === 'number') state.exitCode = code;
    } catch (error) {
      // The domain names the field of its input; the command line says the flag that gave it.
      throw error instanceof HwaasError ? aboutField(error, (field) => flagOf(definition, field)) : error;
    }
  });
}

/** The flag (`--sheet`) or argument (`ID`) of a command that gives a use case's field, by its name (`sheet`, `signedOn`). */
export function flagOf(definition: CommandDefinition, field: string): string | null {
  const kebab = `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const longs = Object.entries(definition.options).map(([key, spec]) => [key, /--[a-z0-9-]+/.exec(spec.flags)?.[0] ?? ''] as const);
  const found = longs.find(([key]) => key === field) ?? longs.find(([, long]) => long === kebab);
  if (found) return found[1];
  if (definition.args && field in definition.args) return field.toUpperCase();
  // A list given by a repeated flag: the field `items` is said by `--item`.
  if (field.endsWith('s') && field.length > 1) return flagOf(definition, field.slice(0, -1));
  return null;
}

/**
 * The command tree: a loop over the registry. Only the command being run is loaded
 * and declared in full; the others get their names (for suggestions), which keeps
 * start-up where it is. Help and completion load everything.
 */
export async function buildProgram(io: Io, state: ProgramState, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('hwaas')
    .description('Wildix Hardware as a Service from the terminal: customers, PBXs, price lists, exact co-terminated quotes and orders.')
    .version(HWAAS_VERSION, '-V, --version');
  for (const global of GLOBAL_OPTIONS) program.option(global.flags, global.description);
  program
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

  declareHelp(program, io);

  const wanted = new Set(entriesFor(commandWords(argv)));
  const loaded = new Map(await Promise.all([...wanted].map(async (entry) => [entry, (await entry.load()).command] as const)));
  const groups = new Map<string, Command>();
  for (const entry of COMMANDS) {
    let parent = program;
    // Each word but the last is a group (`users`, `users token`), made once.
    for (let depth = 1; depth < entry.path.length; depth++) {
      const key = entry.path.slice(0, depth).join(' ');
      let group = groups.get(key);
      if (!group) {
        group = parent
          .command(entry.path[depth - 1]!)
          .description(GROUPS[key] ?? '')
          .helpCommand(false); // `hwaas help …` is the one help command
        groups.set(key, group);
      }
      parent = group;
    }
    const command = parent.command(entry.path[entry.path.length - 1]!).helpCommand(false);
    const definition = loaded.get(entry);
    if (definition) declare(command, definition, io, state);
  }
  // A group's help ends with examples too: the first of each of its commands (when they are loaded, as for help).
  for (const [name, group] of groups) {
    const lines = COMMANDS.filter((e) => e.path.slice(0, name.split(' ').length).join(' ') === name).map((e) => loaded.get(e)?.examples[0]);
    if (lines.every((l) => l !== undefined)) examples(group, lines as string[]);
  }
  return program;
}

function declareHelp(program: Command, io: Io): void {
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
}
