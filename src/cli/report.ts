import { CommanderError } from 'commander';
import { HwaasError } from '../errors.js';
import type { Io } from './io.js';

export const EXIT = { ok: 0, refused: 1, usage: 2, internal: 70, cancelled: 130 } as const;

const REPORT_TO = 'the hwaas maintainers (open an issue in the hwaas repository)';

/** The one place where an error becomes text on stderr and an exit code. */
export function reportError(error: unknown, io: Io, options: { json: boolean; colour: boolean }): number {
  const json = options.json;
  const colour = options.colour && !json && io.stderr.isTTY === true && !io.env.NO_COLOR;
  const prefix = colour ? '\u001b[31mhwaas:\u001b[39m' : 'hwaas:'; // one red word is not worth loading chalk for
  const write = (code: string, message: string): void => {
    if (json) io.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else io.stderr.write(`${prefix} ${message}\n`);
  };

  if (error instanceof Error && error.name === 'ExitPromptError') return EXIT.cancelled; // Ctrl-C at a prompt: quietly
  if (error instanceof HwaasError) {
    write(error.code, error.message);
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.usage; // a command group called without its subcommand
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    write('USAGE', `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}${/\.$/.test(message) ? '' : '.'} See \`hwaas help\`.`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? error.message : String(error);
  write('INTERNAL', `internal error: ${detail}. This is a bug: please report it to ${REPORT_TO}, with the command you ran (HWAAS_DEBUG=1 shows the stack).`);
  if (io.env.HWAAS_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}
