import type { Context } from './context.js';

/**
 * How a command declares itself, beside its handler (as gh's NewCmdX or wrangler's
 * createCommand do): its words, flags, arguments, examples, and whether it writes.
 * The options object a handler receives is typed from these declarations, so the
 * two cannot drift apart.
 */

interface OptionBase {
  /** Commander's flag syntax: `--partner <id>`, `--yes`. */
  readonly flags: string;
  readonly description: string;
}
export interface StringOption extends OptionBase {
  readonly kind: 'string';
}
export interface FlagOption extends OptionBase {
  readonly kind: 'flag';
}
export interface ListOption extends OptionBase {
  readonly kind: 'list';
}
export interface ChoiceOption<C extends string = string> extends OptionBase {
  readonly kind: 'choice';
  readonly choices: readonly C[];
}
export type OptionSpec = StringOption | FlagOption | ListOption | ChoiceOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The value a handler receives for each kind of option. */
export type OptionValue<S> = S extends ChoiceOption<infer C> ? C | undefined : S extends ListOption ? string[] : S extends FlagOption ? boolean | undefined : string | undefined;

export type Options<O extends OptionSpecs> = { -readonly [K in keyof O]: OptionValue<O[K]> };

export const option = {
  string: (flags: string, description: string): StringOption => ({ kind: 'string', flags, description }),
  flag: (flags: string, description: string): FlagOption => ({ kind: 'flag', flags, description }),
  /** A flag that may be repeated: `--item A=1 --item B=2`. */
  list: (flags: string, description: string): ListOption => ({ kind: 'list', flags, description }),
  choice: <C extends string>(flags: string, description: string, choices: readonly C[]): ChoiceOption<C> => ({ kind: 'choice', flags, description, choices }),
};

/** `--format table|csv|json` of every listing. */
export const formatOption = () => option.choice('--format <format>', 'output format (default table; json is the same as --json)', ['table', 'csv', 'json'] as const);

export interface ArgumentSpec {
  readonly description: string;
}
export type ArgumentSpecs = Readonly<Record<string, ArgumentSpec>>;
export type Arguments<A extends ArgumentSpecs> = { -readonly [K in keyof A]: string };

export interface CommandDefinition<O extends OptionSpecs = OptionSpecs, A extends ArgumentSpecs = ArgumentSpecs> {
  readonly description: string;
  /** Positional arguments, all required, in order. */
  readonly args?: A;
  readonly options: O;
  readonly examples: readonly string[];
  /** More to say in its help, after the options (what an import's columns are called). */
  readonly help?: string;
  /**
   * It changes the store: a live store then refuses a moved "today" before anything
   * happens. A function decides from the options (`order` writes unless it only asks).
   */
  readonly writes?: boolean | ((options: Options<O>) => boolean);
  /** Its exit code when it is not 0 (1: the user said no at a question); most commands return nothing. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing exits 0
  run(ctx: Context, options: Options<O>, args: Arguments<A>): Promise<number | void>;
}

export function defineCommand<O extends OptionSpecs, A extends ArgumentSpecs = Record<never, ArgumentSpec>>(definition: CommandDefinition<O, A>): CommandDefinition<O, A> {
  return definition;
}

/** A command module: what src/commands/index.ts loads when its words are run. */
export interface CommandModule {
  // biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every shape
  readonly command: CommandDefinition<any, any>;
}
