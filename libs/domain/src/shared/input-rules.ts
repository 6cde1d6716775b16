import { isCalendarDate } from './calendar';
import { invalid } from './domain-error';
import { assertMoney, MONEY_ERROR_CODES, type Money } from './money';

/**
 * The input rules every aggregate uses, once. Each throws an `invalid` DomainError whose details
 * name the field, so an API client can point at the input. Nothing here reads a clock: dates are
 * checked as calendar strings.
 *
 * Text and choice rules take the code from the caller, because the aggregates name those
 * refusals differently and clients already see both (a contract says `text_required` and
 * `invalid_choice`, a service unit or provider names the field: `reason_required`,
 * `invalid_mode`). The other rules always raise the codes in INPUT_RULE_CODES; an aggregate
 * lists those it can raise in its catalogue (`*.errors.ts`).
 */

/** The codes the rules below raise of their own accord, per rule. */
export const INPUT_RULE_CODES = {
  requireCalendarDate: ['invalid_date'],
  commandDate: ['invalid_command_time'],
  requireCount: ['invalid_count'],
  requireMoney: MONEY_ERROR_CODES,
} as const;

export function requireText(value: unknown, field: string, code: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(code, `${field} must be a non-empty text`, { field });
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, code: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(code, `${field} must be one of ${allowed.join(', ')}; got "${String(value)}"`, {
      field,
      allowed,
    });
  }
  return value as T;
}

export function requireCalendarDate(value: unknown, field: string): string {
  if (!isCalendarDate(value)) {
    throw invalid('invalid_date', `${field} must be a calendar date written YYYY-MM-DD; got "${String(value)}"`, {
      field,
    });
  }
  return value;
}

/**
 * The calendar date of a command's ISO 8601 instant, as written by the issuer
 * (its first ten characters, so `2025-03-01T20:00:00+08:00` is 1 March).
 */
export function commandDate(at: string): string {
  const date = typeof at === 'string' ? at.slice(0, 10) : '';
  if (!isCalendarDate(date)) {
    throw invalid('invalid_command_time', `Command time must be an ISO 8601 instant; got "${String(at)}"`, {
      field: 'at',
    });
  }
  return date;
}

export function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid('invalid_count', `${field} must be a whole number of at least 0; got ${String(value)}`, { field });
  }
  return value;
}

/** An amount in minor units with a currency (see `assertMoney`). */
export function requireMoney(value: Money | undefined, field: string): Money {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw invalid('invalid_money', `${field} must be an amount in minor units with a currency`, { field });
  }
  assertMoney(value, field);
  return value;
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
