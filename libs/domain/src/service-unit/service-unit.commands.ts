import type { Command, Money } from '../shared';
import type {
  AssetDisposition,
  DisposalMethod,
  MilestoneKind,
  ProcurementFailure,
  ReformMode,
  ServiceCategory,
  StaffCounts,
  TerminationRoute,
} from './service-unit.values';

export interface AssetRegistration {
  readonly assetId: string;
  readonly description: string;
  readonly bookValue: Money;
}

/** What a reform plan decides; proposing and revising carry the same terms. */
export interface ReformPlanTerms {
  readonly mode: ReformMode;
  /** Management functions the agency keeps (the service function is what moves out). */
  readonly managementFunctionsKept: readonly string[];
  readonly rationale: string;
  readonly targetAnnualCost: Money;
  /** YYYY-MM-DD */
  readonly targetDate: string;
}

export type RegisterServiceUnit = Command<
  'RegisterServiceUnit',
  {
    readonly unitId: string;
    readonly agency: string;
    readonly name: string;
    readonly category: ServiceCategory;
    readonly establishmentHeadcount: number;
    readonly annualCostBaseline: Money;
    readonly assets: readonly AssetRegistration[];
  }
>;

export type ProposeReformPlan = Command<'ProposeReformPlan', ReformPlanTerms>;
export type ApproveReformPlan = Command<'ApproveReformPlan', Record<string, never>>;
export type RejectReformPlan = Command<'RejectReformPlan', { readonly reason: string }>;
export type ReviseReformPlan = Command<'ReviseReformPlan', ReformPlanTerms>;
export type CompleteChargeBack = Command<'CompleteChargeBack', Record<string, never>>;

export type RequestProcurement = Command<
  'RequestProcurement',
  { readonly procurementId: string; readonly estimatedValue: Money; readonly description: string }
>;
export type RecordAward = Command<
  'RecordAward',
  {
    readonly procurementId: string;
    readonly awardId: string;
    readonly providerId: string;
    readonly contractValue: Money;
    /** The awarded contract's period (YYYY-MM-DD), when the tender outcome states it. */
    readonly contractPeriod?: AwardedContractPeriod;
  }
>;

export interface AwardedContractPeriod {
  readonly start: string;
  readonly end: string;
}
export type CancelProcurement = Command<
  'CancelProcurement',
  { readonly procurementId: string; readonly reason: string; readonly outcome: ProcurementFailure }
>;
export type StartTransition = Command<'StartTransition', { readonly contractId: string }>;
export type ReopenAfterTermination = Command<
  'ReopenAfterTermination',
  { readonly contractId: string; readonly route: TerminationRoute; readonly reason: string }
>;

export type PlanStaffDiversion = Command<'PlanStaffDiversion', StaffCounts>;
export type RecordStaffOutcome = Command<'RecordStaffOutcome', StaffCounts>;
export type RecordAssetHandover = Command<
  'RecordAssetHandover',
  {
    readonly assetId: string;
    readonly disposition: AssetDisposition;
    /** Required when the disposition is `disposed`, absent otherwise. */
    readonly method?: DisposalMethod;
    readonly valueRealised: Money;
  }
>;
export type CompleteTransition = Command<'CompleteTransition', Record<string, never>>;

export type ScheduleMilestone = Command<
  'ScheduleMilestone',
  { readonly milestoneId: string; readonly kind: MilestoneKind; readonly title: string; readonly dueDate: string }
>;
export type CompleteMilestone = Command<'CompleteMilestone', { readonly milestoneId: string }>;

export type ServiceUnitCommand =
  | RegisterServiceUnit
  | ProposeReformPlan
  | ApproveReformPlan
  | RejectReformPlan
  | ReviseReformPlan
  | CompleteChargeBack
  | RequestProcurement
  | RecordAward
  | CancelProcurement
  | StartTransition
  | ReopenAfterTermination
  | PlanStaffDiversion
  | RecordStaffOutcome
  | RecordAssetHandover
  | CompleteTransition
  | ScheduleMilestone
  | CompleteMilestone;
