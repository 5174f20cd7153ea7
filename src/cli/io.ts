import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { type CalendarDate, fromCivil } from '../terms/dates.js';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };
export type InStream = Readable & { isTTY?: boolean };

/** Everything a command may touch of the outside world, injected so tests can fake it. */
export interface Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** Read only by prompts and `--file -`; creating process.stdin costs milliseconds, so it is a getter. */
  readonly stdin: InStream;
  readonly stdinIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The local calendar date from the clock (commands use the context's `today`, which honours --date). */
  clockToday(): CalendarDate;
  /** A timestamp for order events. */
  now(): Date;
}

export function localCalendarDate(now: Date): CalendarDate {
  return fromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    stdinIsTTY: isatty(0),
    env: process.env,
    cwd: process.cwd(),
    clockToday: () => localCalendarDate(new Date()),
    now: () => new Date(),
  };
}

/** An environment flag such as CI or HWAAS_NO_INPUT is on when set to anything but "", "0" or "false". */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
