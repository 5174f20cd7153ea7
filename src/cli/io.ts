import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import type { CalendarDate } from '../terms/dates.js';
import { localCalendarDate } from '../clock.js';

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
  /**
   * The calendar date now, in a time zone (an IANA name: a store's own) or, without one,
   * in the process's local zone. Commands use the context's `today`, which honours --date.
   */
  clockToday(zone?: string | null): CalendarDate;
  /** A timestamp for order events. */
  now(): Date;
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
    clockToday: (zone) => localCalendarDate(new Date(), zone),
    now: () => new Date(),
  };
}

/** An environment flag such as CI or HWAAS_NO_INPUT is on when set to anything but "", "0" or "false". */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
