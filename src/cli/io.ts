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
  /**
   * The calendar date now, in a time zone (an IANA name: a store's own) or, without one,
   * in the process's local zone. Commands use the context's `today`, which honours --date.
   */
  clockToday(zone?: string | null): CalendarDate;
  /** A timestamp for order events. */
  now(): Date;
}

type WallClock = { date: CalendarDate; hour: number; minute: number };

/**
 * The calendar date and time of day of a moment in a time zone (an IANA name), or in the local zone.
 *
 * Why two ways: the first Intl.DateTimeFormat a process builds costs ~20 ms (ICU loads its
 * zone and locale data), a quarter of a command's start-up, to read one date. Pointing
 * process.env.TZ at the zone for a moment costs ~20 µs and Node re-reads the zone rules on
 * every assignment, so it answers the few dates a command needs; a listing that renders
 * hundreds of timestamps switches to one formatter, whose per-date cost is lower.
 */
function wallClock(at: Date, zone: string | null | undefined): WallClock {
  if (!zone) return fromLocalFields(at);
  const formatter = formatters.get(zone);
  if (formatter) return fromFormatter(formatter, at);
  const used = (swaps.get(zone) ?? 0) + 1;
  swaps.set(zone, used);
  if (used > SWAPS_BEFORE_FORMATTER) {
    const made = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(zone, made);
    return fromFormatter(made, at);
  }
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fromLocalFields(at);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

const SWAPS_BEFORE_FORMATTER = 200;
const swaps = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function fromLocalFields(at: Date): WallClock {
  return { date: fromCivil(at.getFullYear(), at.getMonth() + 1, at.getDate()), hour: at.getHours(), minute: at.getMinutes() };
}

function fromFormatter(formatter: Intl.DateTimeFormat, at: Date): WallClock {
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: fromCivil(Number(parts.year), Number(parts.month), Number(parts.day)), hour: Number(parts.hour), minute: Number(parts.minute) };
}

export function localCalendarDate(now: Date, zone?: string | null): CalendarDate {
  return wallClock(now, zone).date;
}

/** A stored timestamp as people read it: the calendar date, like "today" (`2026-11-24`), in the store's zone. */
export function localDateText(iso: string, zone?: string | null): string {
  return formatDate(localCalendarDate(new Date(iso), zone));
}

/** A stored timestamp as a date and time of day (`2026-11-24 11:00`), in the store's zone. */
export function localDateTimeText(iso: string, zone?: string | null): string {
  const { date, hour, minute } = wallClock(new Date(iso), zone);
  return `${formatDate(date)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The process's time zone as an IANA name, when it is one (a TZ like "XXX+24" is not): what a new store records. */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone && zone.includes('/') ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
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
