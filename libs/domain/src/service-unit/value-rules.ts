import { assertMoney, invalid, Money } from '../shared';

/**
 * Input rules shared by the deciders of this library. Each throws an `invalid` DomainError
 * whose code names the field, so an API client can point at the offending input.
 * Nothing here reads a clock: dates are checked as calendar strings.
 */

/** `assets[2].assetId` → `asset_id`: codes name the field, not its position. */
const snake = (field: string): string =>
  (field.split('.').pop() ?? field).replace(/\[\d+\]/g, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

/**
 * The calendar date of a command's ISO 8601 instant, as written by the issuer
 * (its first ten characters, so `2025-03-01T20:00:00+08:00` is 1 March).
 */
export function commandDate(at: string): string {
  const date = at.slice(0, 10);
  if (!isCalendarDate(date)) {
    throw invalid('invalid_command_time', `Command time must be an ISO 8601 instant; got "${at}"`, { field: 'at' });
  }
  return date;
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${snake(field)}_required`, `${field} must be a non-empty text`, { field });
  }
  return value;
}

export function requireCalendarDate(value: unknown, field: string): string {
  if (!isCalendarDate(value)) {
    throw invalid('invalid_date', `${field} must be a calendar date written YYYY-MM-DD; got "${String(value)}"`, {
      field,
    });
  }
  return value;
}

export function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid('invalid_count', `${field} must be a whole number of at least 0; got ${String(value)}`, { field });
  }
  return value;
}

export function requireMoney(value: Money | undefined, field: string): Money {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw invalid('invalid_money', `${field} must be an amount in minor units with a currency`, { field });
  }
  assertMoney(value, field);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`invalid_${snake(field)}`, `${field} must be one of ${allowed.join(', ')}; got "${String(value)}"`, {
      field,
      allowed,
    });
  }
  return value as T;
}

/** The first value that occurs more than once, or undefined. */
export function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}
