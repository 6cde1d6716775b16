/**
 * The business time zone decides what a day and a month are: the date of a command, "today",
 * the end of an as-of date, whether a month has ended. A command's time is written with the
 * zone's offset (`2025-07-01T00:30:00.000+08:00`), so its first ten characters are its business
 * date (`commandDate`) wherever it is read. Zones are IANA names, resolved by the runtime's
 * time-zone data (Intl); offsets are whole minutes.
 */
export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows `name` as an IANA time zone (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.trim() !== name || name === '') return false;
  try {
    formatOf(name);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatOf(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Minutes the zone is ahead of UTC at that instant (+480 in Beijing). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The instant as ISO 8601 in the zone's wall-clock time, with its offset: `2025-07-01T00:30:00.000+08:00`. */
export function zonedInstant(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.toISOString().slice(0, 23)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The YYYY-MM-DD date the instant falls on in the zone. */
export function calendarDateIn(epochMs: number, timeZone: string): string {
  const wall = wallClock(epochMs, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The first instant (epoch ms) of a YYYY-MM-DD date in the zone: its midnight, or the first minute after a gap. */
export function startOfDayIn(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const midnightUtc = Date.UTC(year, month - 1, day);
  // The offset at the guess can differ from the offset at the answer across a change; two rounds settle it.
  let guess = midnightUtc - zoneOffsetMinutes(midnightUtc, timeZone) * 60_000;
  guess = midnightUtc - zoneOffsetMinutes(guess, timeZone) * 60_000;
  // In a zone that skips midnight, the day starts at the first instant whose date is `date`.
  while (calendarDateIn(guess, timeZone) < date) guess += 60_000;
  while (calendarDateIn(guess - 60_000, timeZone) === date) guess -= 60_000;
  return guess;
}

/** The last millisecond (epoch ms) of a YYYY-MM-DD date in the zone. */
export function endOfDayIn(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return startOfDayIn(next, timeZone) - 1;
}
