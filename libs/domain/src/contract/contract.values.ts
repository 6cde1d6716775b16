import { type Money } from '../shared';

/** Value vocabularies of a contract; the strings are stored in events and never renamed. */

export const CONTRACT_STATUSES = ['draft', 'signed', 'active', 'suspended', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const SLA_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type SlaDirection = (typeof SLA_DIRECTIONS)[number];

/** At the target is met; at the critical threshold (or worse) is critically breached. */
export const SLA_OUTCOMES = ['met', 'breached', 'critically_breached'] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number];

export const CREDIT_RULE_KINDS = ['fixed_percent', 'linear'] as const;
export type CreditRuleKind = (typeof CREDIT_RULE_KINDS)[number];

export const TERMINATION_REASONS = ['expiry', 'breach', 'convenience', 'provider_debarred'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export const SETTLEMENT_STATUSES = ['invoiced', 'approved', 'paid'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/**
 * How a breach turns into a service credit, as a percent of the monthly charge
 * (percents may carry decimals, e.g. 2.5):
 * - `fixed_percent`: `percentOfCharge` % of the charge for a breached or critically breached period;
 * - `linear`: `perUnitPercent` % of the charge for each unit of shortfall, where the shortfall is
 *   how far the value lies on the wrong side of the target in the metric's unit
 *   (`target − value` when higher is better, `value − target` when lower is better).
 * Either way the result is rounded half-up to whole minor units, then capped by the SLA's `capPercent`.
 */
export type CreditRule =
  | { readonly kind: 'fixed_percent'; readonly percentOfCharge: number }
  | { readonly kind: 'linear'; readonly perUnitPercent: number };

export interface SlaDefinition {
  /** Letters, digits, `_`, `.` and `-`; unique within the contract. */
  readonly slaId: string;
  readonly title: string;
  readonly metric: string;
  /**
   * Free text, e.g. `%`, `h`, `score`. Percentages, durations (`min`, `h`, `d`) and counts bound the
   * values the SLA accepts (measurement-range.ts); any other unit only bounds their magnitude.
   */
  readonly unit: string;
  readonly direction: SlaDirection;
  readonly target: number;
  /** A value worse than the target (per direction) at or beyond which a breach is critical. */
  readonly criticalThreshold: number;
  readonly weight: number;
  readonly creditRule: CreditRule;
  /** The SLA's credits for one period never exceed this percent of the monthly charge. */
  readonly capPercent: number;
}

/** Termination for breach is allowed once this many critical breaches fall within the window. */
export interface TerminationRule {
  readonly criticalBreachesAllowed: number;
  readonly windowMonths: number;
}

export const DEFAULT_TERMINATION_RULE: TerminationRule = { criticalBreachesAllowed: 3, windowMonths: 12 };

/** Without an explicit contract-wide cap, a period's credits never exceed its monthly charge. */
export const DEFAULT_CREDIT_CAP_PERCENT = 100;

/** Calendar dates written YYYY-MM-DD; `end` is after `start`. */
export interface ContractPeriod {
  readonly start: string;
  readonly end: string;
}

/** The commercial terms an amendment may change; every field optional. */
export interface ContractChanges {
  readonly totalValue?: Money;
  readonly periodEnd?: string;
  readonly monthlyCharge?: Money;
  readonly slas?: readonly SlaDefinition[];
}
