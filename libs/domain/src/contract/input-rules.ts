import { epochMillis, type Money } from '../shared';
import { invalid, requireMoney } from './contract.errors';

/**
 * Input checks of the contract decider beyond the shared ones (text, dates, choices and money
 * come from `contract.errors.ts`). Each throws an `invalid` DomainError whose code says what is
 * wrong and whose details name the field, so an API client can point at the input.
 */

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

/** An amount in minor units, in `currency` when one is given (the contract's currency). */
export function requireMoneyIn(value: Money | undefined, currency: string | undefined, field: string): Money {
  const amount = requireMoney(value, field);
  if (currency !== undefined && amount.currency !== currency) {
    throw invalid(
      'currency_mismatch',
      `${field} must be in the contract currency ${currency}; got ${amount.currency}`,
      {
        field,
        expected: currency,
      },
    );
  }
  return amount;
}
