import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { type CalendarDate, formatDate, fromCivil } from '../terms/dates.js';

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

/** A stored timestamp as people read it: the local calendar date, like "today" (`2026-11-24`). */
export function localDateText(iso: string): string {
  return formatDate(localCalendarDate(new Date(iso)));
}

/** A stored timestamp as a local date and time of day (`2026-11-24 11:00`). */
export function localDateTimeText(iso: string): string {
  const at = new Date(iso);
  return `${formatDate(localCalendarDate(at))} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
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
