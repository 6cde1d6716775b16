import { assertMoney, invalid, Money } from '../shared';
import { epochMillis, isCalendarDate } from './calendar';

/**
 * Input checks of the contract decider. Each throws an `invalid` DomainError whose code says
 * what is wrong and whose details name the field, so an API client can point at the input.
 */

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid('text_required', `${field} must be a non-empty text`, { field });
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

/** The calendar date of a command's ISO 8601 instant, as written by the issuer (its first ten characters). */
export function commandDate(at: string): string {
  const date = typeof at === 'string' ? at.slice(0, 10) : '';
  if (!isCalendarDate(date)) {
    throw invalid('invalid_command_time', `Command time must be an ISO 8601 instant; got "${String(at)}"`, {
      field: 'at',
    });
  }
  return date;
}

/** A command's ISO 8601 instant as milliseconds since the epoch; it must state its offset. */
export function commandInstant(at: string): number {
  const millis = epochMillis(at);
  if (millis === undefined) {
    const message = `Command time must be an ISO 8601 instant with an offset; got "${String(at)}"`;
    throw invalid('invalid_command_time', message, { field: 'at' });
  }
  return millis;
}

export function requireFiniteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid('invalid_number', `${field} must be a finite number; got ${String(value)}`, { field });
  }
  return value;
}

/** A percent from 0 to 100 inclusive. */
export function requirePercent(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw invalid('invalid_percent', `${field} must be a percent from 0 to 100; got ${String(value)}`, { field });
  }
  return value;
}

export function requireMoneyIn(value: Money | undefined, currency: string | undefined, field: string): Money {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw invalid('invalid_money', `${field} must be an amount in minor units with a currency`, { field });
  }
  assertMoney(value, field);
  if (currency !== undefined && value.currency !== currency) {
    throw invalid('currency_mismatch', `${field} must be in the contract currency ${currency}; got ${value.currency}`, {
      field,
      expected: currency,
    });
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid('invalid_choice', `${field} must be one of ${allowed.join(', ')}; got "${String(value)}"`, {
      field,
      allowed,
    });
  }
  return value as T;
}
