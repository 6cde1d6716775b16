import { invalid } from './domain-error';

/** Money as integer minor units (fen for CNY) and an ISO 4217 code; never floating point. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';

export function money(amountMinor: number, currency: string = DEFAULT_CURRENCY): Money {
  assertMoney({ amountMinor, currency }, 'amount');
  return { amountMinor, currency };
}

/** Rejects fractional, unsafe or negative amounts and malformed currency codes. */
export function assertMoney(value: Money, field: string): void {
  if (!Number.isSafeInteger(value.amountMinor) || value.amountMinor < 0) {
    throw invalid('invalid_money', `${field} must be a non-negative whole number of minor units`, { field });
  }
  if (!/^[A-Z]{3}$/.test(value.currency)) {
    throw invalid('invalid_currency', `${field} currency must be a three-letter ISO 4217 code`, { field });
  }
}

export function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}
