import { invalid } from './domain-error';

/** Money as integer minor units (fen for CNY) and an ISO 4217 code; never floating point. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';

/** The codes `assertMoney` refuses an amount with. */
export const MONEY_ERROR_CODES = ['invalid_money', 'money_out_of_range', 'invalid_currency'] as const;

/**
 * The largest amount of money the domain accepts: 10^12 minor units, 10 billion yuan, far above
 * any one charge, cost baseline or contract value of a service unit. The bound is what keeps
 * arithmetic on JavaScript numbers exact: the views add amounts up (a contract's payments over
 * its months, an agency's cost baselines over its units), and it takes over 9,000 amounts at this
 * bound before a sum leaves the integers a double holds exactly (2^53 ≈ 9.007 × 10^15).
 */
export const MAX_MONEY_MINOR = 1_000_000_000_000;

export function money(amountMinor: number, currency: string = DEFAULT_CURRENCY): Money {
  assertMoney({ amountMinor, currency }, 'amount');
  return { amountMinor, currency };
}

/** Rejects fractional, negative or out-of-range amounts and malformed currency codes. */
export function assertMoney(value: Money, field: string): void {
  if (!Number.isInteger(value.amountMinor) || value.amountMinor < 0) {
    throw invalid('invalid_money', `${field} must be a non-negative whole number of minor units`, { field });
  }
  if (value.amountMinor > MAX_MONEY_MINOR) {
    throw invalid(
      'money_out_of_range',
      `${field} must be at most ${MAX_MONEY_MINOR} minor units (10 billion in major units); got ${value.amountMinor}`,
      { field, max: MAX_MONEY_MINOR },
    );
  }
  if (!/^[A-Z]{3}$/.test(value.currency)) {
    throw invalid('invalid_currency', `${field} currency must be a three-letter ISO 4217 code`, { field });
  }
}

export function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}
