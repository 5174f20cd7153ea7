/**
 * The wall clock read in a time zone: the calendar date and time of day of a moment in
 * a store's zone (an IANA name), and the machine's zone as a name a store can record.
 */
import { type CalendarDate, fromCivil, formatDate } from './terms/dates.js';

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

/** Whether the runtime knows an IANA zone by this name. */
export function isTimeZone(zone: string): boolean {
  if (zone === '' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The machine's time zone as an IANA name, for a new store to record: TZ as a name
 * (`Europe/Rome`, `:Europe/Rome`), as a file of the zone database
 * (`/usr/share/zoneinfo/Europe/Rome`), as a fixed offset of whole hours (`UTC-14` is
 * `Etc/GMT-14`), else the system's. Null when TZ says something else (`<+14>-14`): no
 * name can be recorded for it, and UTC would be wrong for up to 14 hours a day.
 */
export function machineTimeZone(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const tz = env.TZ;
  if (tz !== undefined && tz !== '') {
    const named = tz.startsWith(':') ? tz.slice(1) : tz;
    const candidate = /\/zoneinfo\/(.+)$/.exec(named)?.[1] ?? named;
    if (!candidate.startsWith('/') && isTimeZone(candidate)) return new Intl.DateTimeFormat('en-US', { timeZone: candidate }).resolvedOptions().timeZone;
    // A POSIX rule the runtime read as a fixed offset: it shows in the offset of the moment.
    const east = -new Date().getTimezoneOffset();
    const posixOffset = /^[A-Za-z]{3,}([+-])(\d{1,2})$/.exec(named);
    if (posixOffset && east % 60 === 0 && east !== 0) {
      const hours = east / 60;
      const zone = `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
      if (isTimeZone(zone)) return zone;
    }
    if (/^(UTC|GMT|UCT|Zulu)0?$/i.test(named)) return 'UTC';
    return null;
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}
