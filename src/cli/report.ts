import { CommanderError } from 'commander';
import { HwaasError, RefusedError } from '../errors.js';
import { environmentFailure } from '../failures.js';
import { escapeUnsafe } from '../domain/kernel/text.js';
import { errorText } from './hints.js';
import { wrapText } from '../views/text/style.js';
import type { Io } from './io.js';

export const EXIT = { ok: 0, refused: 1, usage: 2, internal: 70, cancelled: 130 } as const;

const REPORT_TO = 'the hwaas maintainers (open an issue in the hwaas repository)';

/** JSON whose text holds no character that could drive a terminal (C1 controls, bidi overrides); the same values. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The one place where an error becomes text on stderr and an exit code. */
export function reportError(error: unknown, io: Io, options: { json: boolean; colour: boolean; storeSource?: string | null }): number {
  const json = options.json;
  const colour = options.colour && !json && io.stderr.isTTY === true && !io.env.NO_COLOR;
  const prefix = colour ? '\u001b[31mhwaas:\u001b[39m' : 'hwaas:'; // one red word is not worth loading chalk for
  const write = (code: string, message: string, details?: unknown): void => {
    if (json) io.stderr.write(`${safeJson({ error: details === undefined ? { code, message } : { code, message, details } })}\n`);
    else {
      // At a terminal the sentence is wrapped at its width, by words (commands in it stay whole).
      const width = io.stderr.isTTY === true ? ((io.stderr as { columns?: number }).columns ?? 80) : null;
      const text = wrapText(`hwaas: ${escapeUnsafe(message)}`, width);
      io.stderr.write(`${prefix}${text.slice('hwaas:'.length)}\n`);
    }
  };

  // Ctrl-C at a prompt: quietly, saying only that nothing was written (a prompt runs before any write).
  if (error instanceof Error && error.name === 'ExitPromptError') {
    if (!json) io.stderr.write('Nothing saved.\n');
    return EXIT.cancelled;
  }
  if (error instanceof HwaasError) {
    write(error.code, errorText(error, options.storeSource ?? null), error.data);
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.usage; // a command group called without its subcommand
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    write('USAGE', `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}${/\.$/.test(message) ? '' : '.'} See \`hwaas help\`.`);
    return EXIT.usage;
  }
  // A full disk, a read-only file system: the environment, not a bug.
  const failure = environmentFailure(error);
  if (failure) {
    write(failure.code, errorText(failure));
    return failure.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  write('INTERNAL', `internal error: ${detail}. This is a bug: please report it to ${REPORT_TO}, with the command you ran (HWAAS_DEBUG=1 shows the stack).`);
  if (io.env.HWAAS_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/** Standard output that cannot be written (a full device, a closed file): one sentence, exit 1. */
export function outputFailure(error: NodeJS.ErrnoException): RefusedError {
  const code = error.code ?? 'error';
  return code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT'
    ? new RefusedError('DISK_FULL', `cannot write to standard output: the device or disk is full (${code}); the output is incomplete.`)
    : new RefusedError('IO_ERROR', `cannot write to standard output (${code}); the output is incomplete.`);
}
