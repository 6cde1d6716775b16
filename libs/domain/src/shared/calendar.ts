/**
 * Calendar dates and months as the whole system writes them, and arithmetic on them without
 * `Date`: days are counted with the proleptic Gregorian day-number algorithm, so results never
 * depend on the machine's time zone.
 */

/**
 * The shape of a calendar date, YYYY-MM-DD with a month 01–12 and a day 01–31. What DTOs and
 * query filters match; `isCalendarDate` also checks the day exists in its month.
 */
export const CALENDAR_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar month, YYYY-MM with a month 01–12: periods of measurement and settlement. */
export const YEAR_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return day <= daysInMonth(year, month);
}

/** True for a calendar month written YYYY-MM. */
export function isYearMonth(value: unknown): value is string {
  return typeof value === 'string' && YEAR_MONTH_PATTERN.test(value);
}

/** Days since 1970-01-01 of a valid YYYY-MM-DD date (Hinnant's days_from_civil). */
function dayNumber(date: string): number {
  const [y0, m, d] = date.split('-').map(Number);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The YYYY-MM-DD date of a day number (Hinnant's civil_from_days). */
function fromDayNumber(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** The YYYY-MM month a YYYY-MM-DD date falls in. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** Months since year 0 of a YYYY-MM month; consecutive months differ by one. */
export function monthIndex(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return year * 12 + (m - 1);
}

/** The YYYY-MM month `count` months after `month` (negative goes back). */
export function addMonths(month: string, count: number): string {
  const index = monthIndex(month) + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

const TIME_OF_DAY = String.raw`([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?`;
const OFFSET = String.raw`([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const INSTANT = new RegExp(String.raw`^(\d{4}-\d{2}-\d{2})T${TIME_OF_DAY}${OFFSET}$`);
const MINUTE_MS = 60_000;

/** Minutes east of UTC of an offset written ±hh:mm. */
function offsetMinutes(offset: string): number {
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Milliseconds since 1970-01-01T00:00Z of an ISO 8601 instant that states its offset (`Z` or
 * ±hh:mm), or undefined for anything else: without an offset a time names no single instant.
 */
export function epochMillis(instant: unknown): number | undefined {
  const match = typeof instant === 'string' ? INSTANT.exec(instant) : null;
  if (match === null || !isCalendarDate(match[1])) return undefined;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  const offset = /^[Zz]$/.test(match[6]) ? 0 : offsetMinutes(match[6]);
  const minutes = dayNumber(match[1]) * 1440 + hour * 60 + minute - offset;
  return minutes * MINUTE_MS + second * 1000 + Math.floor(Number(`0${match[5] ?? ''}`) * 1000);
}
