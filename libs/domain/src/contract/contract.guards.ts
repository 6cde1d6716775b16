import { isYearMonth, monthOf } from '../shared';
import { conflict, invalid, notFound, type ContractStatusCode } from './contract.errors';
import { type ContractState, type ExistingContract } from './contract.state';

type Status = ExistingContract['status'];

/**
 * The contract in one of the `allowed` statuses, or the refusal: not_found when the stream
 * holds no contract, conflict (with `code`) when the contract is in another status.
 */
export function requireStatus<S extends Status>(
  state: ContractState,
  contractId: string,
  allowed: readonly S[],
  code: ContractStatusCode,
  action: string,
): Extract<ExistingContract, { status: S }> {
  if (state.status === 'none') {
    throw notFound('contract_not_found', `Contract ${contractId} does not exist; it must be drafted first`, {
      contractId,
    });
  }
  if (!(allowed as readonly Status[]).includes(state.status)) {
    throw conflict(
      code,
      `Contract ${state.contractId} is ${state.status}; ${action} needs a contract that is ${allowed.join(' or ')}`,
      { currentStatus: state.status, allowedStatuses: allowed },
    );
  }
  return state as Extract<ExistingContract, { status: S }>;
}

/** The currency of every amount in a contract: the currency its total value was drafted in. */
export const contractCurrency = (s: ExistingContract): string => s.totalValue.currency;

/** A YYYY-MM period that overlaps the contract period (the months of its start and end count). */
export function requirePeriodWithin(s: ExistingContract, period: unknown): string {
  if (!isYearMonth(period)) {
    throw invalid('invalid_period', `period must be a calendar month written YYYY-MM; got "${String(period)}"`, {
      field: 'period',
    });
  }
  const [first, last] = [monthOf(s.period.start), monthOf(s.period.end)];
  if (period < first || period > last) {
    throw invalid(
      'period_outside_contract',
      `Period ${period} lies outside the contract period ${s.period.start} to ${s.period.end}`,
      { field: 'period', first, last },
    );
  }
  return period;
}
