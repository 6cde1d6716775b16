import {
  CALENDAR_DATE_PATTERN,
  calendarDateIn,
  DEFAULT_BUSINESS_TIME_ZONE,
  invalid,
  YEAR_MONTH_PATTERN,
} from '@spinout/domain';

/**
 * Checks of query inputs. The HTTP layer validates its DTOs too; these make the query
 * services safe on their own (they build SQL from sort keys and take dates as bounds).
 * A bad input is a DomainError of kind `invalid` naming the field, which the API renders as
 * a 400 problem+json.
 */

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
/** Deepest page an offset may reach: past it a list is read by filters, not by paging. */
export const MAX_OFFSET = 1_000_000;
/** Rows a page without a cursor counts at most, unless `total=exact` asks for every one. */
export const COUNT_LIMIT = 10_000;

/** `exact`: count every matching row; `none`: count nothing. Unset, a page without a cursor counts up to COUNT_LIMIT. */
export type TotalMode = 'exact' | 'none';
export const TOTAL_MODES: readonly TotalMode[] = ['exact', 'none'];

export function limitOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw invalid('invalid_query', `limit must be a whole number from 1 to ${MAX_LIMIT}`, { field: 'limit' });
  }
  return value;
}

export function offsetOf(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_OFFSET) {
    throw invalid('invalid_query', `offset must be a whole number from 0 to ${MAX_OFFSET}`, { field: 'offset' });
  }
  return value;
}

export function totalOf(value: string | undefined): TotalMode | undefined {
  return oneOf(value, TOTAL_MODES, 'total');
}

export function dateOf(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!CALENDAR_DATE_PATTERN.test(value))
    throw invalid('invalid_query', `${field} must be a calendar date YYYY-MM-DD`, { field });
  return value;
}

export function monthOf(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!YEAR_MONTH_PATTERN.test(value)) throw invalid('invalid_query', `${field} must be a month YYYY-MM`, { field });
  return value;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid('invalid_query', `${field} must be one of ${allowed.join(', ')}`, { field });
  }
  return value as T;
}

export function allOf<T extends string>(
  values: readonly string[] | undefined,
  allowed: readonly T[],
  field: string,
): T[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values.map((value) => oneOf(value, allowed, field) as T);
}

export function textOf(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > 200) {
    throw invalid('invalid_query', `${field} must be 1 to 200 characters`, { field });
  }
  return value;
}

/** Today's date in a time zone (the business time zone, BUSINESS_TIMEZONE, in the service). */
export const todayIn = (timeZone: string) => (): string => calendarDateIn(Date.now(), timeZone);

/** Today in the default business time zone. */
export const businessToday = todayIn(DEFAULT_BUSINESS_TIME_ZONE);
