import { errorCodesOf, type ErrorCodeOf, INPUT_RULE_CODES, refusalsOf, type ErrorCatalogue } from '../shared';

/**
 * Every code a provider's decider refuses a command with, by kind (the credit code's own checks
 * included). Missing text and values outside their list are named after the field
 * (`reason_required`, `invalid_service_categories`); clients rely on these codes, so they never
 * change. docs/error-codes.md lists the same codes.
 */
export const PROVIDER_ERRORS = {
  invalid: [
    ...INPUT_RULE_CODES.requireCalendarDate,
    ...INPUT_RULE_CODES.commandDate,
    'credit_code_check_mismatch',
    'credit_code_illegal_character',
    'credit_code_invalid_division',
    'credit_code_not_ascii',
    'credit_code_required',
    'credit_code_unknown_category',
    'credit_code_unknown_department',
    'credit_code_wrong_length',
    'duplicate_service_category',
    'invalid_contact',
    'invalid_email',
    'invalid_phone',
    'invalid_service_categories',
    'invalid_suspension_end',
    'name_required',
    'predecessor_unit_id_required',
    'provider_id_required',
    'reason_required',
    'service_categories_required',
  ],
  not_found: ['provider_not_found'],
  conflict: ['provider_already_debarred', 'provider_already_registered', 'provider_debarred', 'provider_not_suspended'],
  forbidden: [],
} as const satisfies ErrorCatalogue;

export type ProviderErrorCode = ErrorCodeOf<typeof PROVIDER_ERRORS>;
export const PROVIDER_ERROR_CODES: readonly ProviderErrorCode[] = errorCodesOf(PROVIDER_ERRORS);

export const { invalid, notFound, conflict, requireText, requireOneOf, requireCalendarDate, commandDate } =
  refusalsOf(PROVIDER_ERRORS);
