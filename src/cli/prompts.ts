import { UsageError } from '../errors.js';
import { type Io, envFlag } from './io.js';

/**
 * Asking at a terminal: a value from its flag, or asked (and checked under the question
 * until it is right), or, when no one can be asked, a usage error that names the flag and
 * why no one was asked. @inquirer/prompts is loaded only when a question is put.
 */
export class Prompts {
  readonly noInput: boolean;
  readonly canPrompt: boolean;

  constructor(
    private readonly io: Io,
    private readonly options: { input?: boolean },
  ) {
    this.noInput = options.input === false || envFlag(io.env.HWAAS_NO_INPUT) || envFlag(io.env.CI);
    this.canPrompt = !this.noInput && io.stdinIsTTY && io.stdout.isTTY === true;
  }

  /** The prompts read the keyboard and draw on stderr: stdout keeps only the result. */
  get streams(): { input: Io['stdin']; output: Io['stderr'] } {
    return { input: this.io.stdin, output: this.io.stderr };
  }

  /** Why no one is asked, when no one is: said in the sentence that names the missing value. */
  get whyNot(): string {
    if (this.options.input === false) return 'prompting is off (--no-input)';
    if (envFlag(this.io.env.HWAAS_NO_INPUT)) return 'prompting is off because HWAAS_NO_INPUT is set';
    if (envFlag(this.io.env.CI)) return 'prompting is off because CI is set';
    return 'there is no terminal to ask on';
  }

  /** A value from a flag, or asked for at a terminal, or a usage error that names the flag. */
  async need(value: string | undefined, flag: string, question: string, validate?: (text: string) => string | true): Promise<string> {
    if (value !== undefined) return value;
    if (!this.canPrompt) throw new UsageError(`missing ${flag} (${this.whyNot}): give it on the command line.`, 'USAGE');
    const { input } = await import('@inquirer/prompts');
    return input({ message: question, required: true, validate: validate ?? (() => true) }, this.streams);
  }

  /**
   * A typed value: from its flag (a bad one is a usage error naming the flag), or asked
   * at a terminal, where a bad answer is said under the question and asked again.
   */
  async ask<T>(value: string | undefined, flag: string, question: string, parse: (text: string, label: string) => T): Promise<T> {
    if (value !== undefined) return parse(value, flag);
    const answer = await this.need(undefined, flag, question, checkWith(parse, flag));
    return parse(answer, flag);
  }

  /** One of a fixed set: from a flag (commander checked it), or picked from a list at a terminal, or a usage error that names the flag. */
  async choose<C extends string>(value: C | undefined, flag: string, question: string, choices: readonly { value: C; name: string; description?: string }[]): Promise<C> {
    if (value !== undefined) return value;
    if (!this.canPrompt) throw new UsageError(`missing ${flag} (${this.whyNot}): give it on the command line (${choices.map((c) => c.value).join(', ')}).`, 'USAGE');
    const { select } = await import('@inquirer/prompts');
    return select({ message: question, choices: [...choices] }, this.streams);
  }

  /** Confirms a step that charges or cannot be undone; --yes answers for the user; without a terminal, --yes is required. */
  async confirm(yes: boolean | undefined, question: string): Promise<boolean> {
    if (yes) return true;
    if (!this.canPrompt) throw new UsageError(`missing --yes (${this.whyNot}): ${question} Confirm with --yes when no one can be asked.`, 'USAGE');
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: question, default: false }, this.streams);
  }
}

/** A check for a prompt: true, or the check's own sentence without the flag it names. */
export function checkWith(check: (text: string, label: string) => unknown, label: string): (text: string) => string | true {
  return (text) => {
    try {
      check(text, label);
      return true;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return error.message.replace(`${label}: `, '');
    }
  };
}
