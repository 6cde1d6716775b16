import {
  errorCodesOf,
  type ErrorCodeOf,
  type ErrorCodeOfKind,
  INPUT_RULE_CODES,
  refusalsOf,
  type ErrorCatalogue,
} from '../shared';

/**
 * Every code a service unit's decider refuses a command with, by kind. Missing text and values
 * outside their list are named after the field (`reason_required`, `invalid_mode`); clients
 * rely on these codes, so they never change. docs/error-codes.md lists the same codes.
 */
export const SERVICE_UNIT_ERRORS = {
  invalid: [
    ...INPUT_RULE_CODES.requireCalendarDate,
    ...INPUT_RULE_CODES.requireCount,
    ...INPUT_RULE_CODES.requireMoney,
    'agency_required',
    'asset_id_required',
    'award_id_required',
    'contract_id_required',
    'currency_mismatch',
    'description_required',
    'disposal_method_not_applicable',
    'disposal_method_required',
    'duplicate_asset_id',
    'duplicate_management_function',
    'invalid_assets',
    'invalid_category',
    'invalid_contract_period',
    'invalid_disposition',
    'invalid_kind',
    'invalid_management_functions',
    'invalid_method',
    'invalid_mode',
    'invalid_outcome',
    'invalid_procurement_id',
    'invalid_route',
    'management_functions_kept_required',
    'milestone_id_required',
    'name_required',
    'provider_id_required',
    'rationale_required',
    'reason_required',
    'staff_exceeds_establishment',
    'title_required',
    'unit_id_required',
    'unknown_asset',
    'unknown_milestone',
  ],
  not_found: ['service_unit_not_found'],
  conflict: [
    'asset_already_handed_over',
    'charge_back_not_approved',
    'contract_mismatch',
    'milestone_already_completed',
    'milestone_already_scheduled',
    'no_contract_to_terminate',
    'not_awarded',
    'plan_already_underway',
    'plan_not_approved',
    'plan_not_proposed',
    'plan_not_rejected',
    'procurement_id_reused',
    'procurement_mismatch',
    'procurement_not_applicable',
    'procurement_not_open',
    'service_unit_already_registered',
    'staff_plan_not_allowed',
    'transition_incomplete',
    'transition_not_applicable',
    'transition_not_started',
  ],
  forbidden: ['segregation_of_duties'],
} as const satisfies ErrorCatalogue;

export type ServiceUnitErrorCode = ErrorCodeOf<typeof SERVICE_UNIT_ERRORS>;
/** The codes a command in the wrong stage is refused with. */
export type ServiceUnitStageCode = ErrorCodeOfKind<typeof SERVICE_UNIT_ERRORS, 'conflict'>;
export const SERVICE_UNIT_ERROR_CODES: readonly ServiceUnitErrorCode[] = errorCodesOf(SERVICE_UNIT_ERRORS);

export const {
  invalid,
  notFound,
  conflict,
  forbidden,
  requireText,
  requireOneOf,
  requireCalendarDate,
  requireCount,
  requireMoney,
} = refusalsOf(SERVICE_UNIT_ERRORS);
