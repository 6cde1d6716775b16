import {
  errorCodesOf,
  type ErrorCodeOf,
  type ErrorCodeOfKind,
  INPUT_RULE_CODES,
  refusalsOf,
  type ErrorCatalogue,
} from '../shared';

/**
 * Every code a contract's decider refuses a command with, by kind. Missing text is
 * `text_required` and a value outside its list `invalid_choice`, whatever the field (the details
 * name it); clients rely on these codes, so they never change. docs/error-codes.md lists the
 * same codes. `period_not_ended` is a conflict when the contract period has not ended (expiry)
 * and invalid when the invoiced month has not (the invoice names the wrong period).
 */
export const CONTRACT_ERRORS = {
  invalid: [
    ...INPUT_RULE_CODES.requireCalendarDate,
    ...INPUT_RULE_CODES.commandDate,
    ...INPUT_RULE_CODES.requireMoney,
    'critical_threshold_not_worse',
    'currency_mismatch',
    'due_date_in_past',
    'duplicate_sla_id',
    'empty_amendment',
    'invalid_choice',
    'invalid_number',
    'invalid_ocid',
    'invalid_percent',
    'invalid_period',
    'invalid_sla_id',
    'invalid_sla_list',
    'invalid_termination_rule',
    'invalid_weight',
    'out_of_unit_range',
    'overcharge_reason_required',
    'overcharge_reason_without_overcharge',
    'payment_amount_mismatch',
    'period_end_not_after_start',
    'period_in_future',
    'period_not_ended',
    'period_outside_contract',
    'renewal_not_later',
    'text_required',
    'unknown_sla',
  ],
  not_found: ['contract_not_found', 'rectification_not_found', 'settlement_not_found'],
  conflict: [
    'contract_already_exists',
    'contract_not_active',
    'contract_not_amendable',
    'contract_not_draft',
    'contract_not_in_service',
    'contract_not_settleable',
    'contract_not_signed',
    'contract_not_suspended',
    'duplicate_amendment',
    'duplicate_invoice_id',
    'measured_sla_removed',
    'measurement_already_recorded',
    'measurement_not_found',
    'period_already_invoiced',
    'period_end_before_recorded_period',
    'period_not_ended',
    'provider_ineligible',
    'rectification_already_closed',
    'settlement_already_approved',
    'settlement_already_paid',
    'settlement_not_approved',
    'termination_rule_not_met',
  ],
  forbidden: ['segregation_of_duties'],
} as const satisfies ErrorCatalogue;

export type ContractErrorCode = ErrorCodeOf<typeof CONTRACT_ERRORS>;
/** The codes a command is refused with while the contract is in another status. */
export type ContractStatusCode = ErrorCodeOfKind<typeof CONTRACT_ERRORS, 'conflict'>;
export const CONTRACT_ERROR_CODES: readonly ContractErrorCode[] = errorCodesOf(CONTRACT_ERRORS);

export const {
  invalid,
  notFound,
  conflict,
  forbidden,
  requireText,
  requireOneOf,
  requireCalendarDate,
  commandDate,
  requireMoney,
} = refusalsOf(CONTRACT_ERRORS);
