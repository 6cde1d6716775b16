import type { Money } from '../shared';
import type { AssetRegistration, ReformPlanTerms } from './service-unit.commands';
import type {
  AssetDisposition,
  DisposalMethod,
  MilestoneKind,
  ProcurementFailure,
  ServiceCategory,
  ServiceUnitStage,
  StaffCounts,
  TerminationRoute,
} from './service-unit.values';

export interface ReformPlan extends ReformPlanTerms {
  readonly status: 'proposed' | 'approved' | 'rejected';
  /** 1 for a fresh proposal, +1 per revision after a rejection. */
  readonly revision: number;
  /** Who proposed (or last revised) the plan; approval must come from someone else. */
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly rejectionReason: string | null;
}

export interface AssetHandover {
  readonly disposition: AssetDisposition;
  readonly method: DisposalMethod | null;
  readonly valueRealised: Money;
  readonly handedOverAt: string;
}

export interface UnitAsset extends AssetRegistration {
  readonly handover: AssetHandover | null;
}

export interface UnitProcurement {
  readonly procurementId: string;
  readonly estimatedValue: Money;
  readonly description: string;
  readonly requestedAt: string;
  readonly status: 'open' | 'awarded' | ProcurementFailure;
  /** Why a tender was cancelled or unsuccessful. */
  readonly closedReason: string | null;
}

export interface UnitAward {
  readonly procurementId: string;
  readonly awardId: string;
  readonly providerId: string;
  readonly contractValue: Money;
  readonly awardedAt: string;
}

export interface UnitMilestone {
  readonly milestoneId: string;
  readonly kind: MilestoneKind;
  readonly title: string;
  readonly dueDate: string;
  readonly completedAt: string | null;
}

export interface UnitTermination {
  readonly contractId: string;
  readonly route: TerminationRoute;
  readonly reason: string;
  readonly reopenedAt: string;
}

export interface UnregisteredServiceUnit {
  readonly status: 'not_registered';
}

export interface RegisteredServiceUnit {
  readonly status: 'registered';
  readonly unitId: string;
  readonly agency: string;
  readonly name: string;
  readonly category: ServiceCategory;
  readonly establishmentHeadcount: number;
  readonly annualCostBaseline: Money;
  readonly registeredAt: string;
  readonly stage: ServiceUnitStage;
  readonly assets: readonly UnitAsset[];
  readonly plan: ReformPlan | null;
  /** The current or most recent tender (null before the first and after a re-open). */
  readonly procurement: UnitProcurement | null;
  /** Every procurement id ever requested for the unit; a tender id is never reused. */
  readonly procurementIds: readonly string[];
  readonly award: UnitAward | null;
  readonly contractId: string | null;
  readonly staffPlan: StaffCounts | null;
  readonly staffOutcome: StaffCounts | null;
  readonly milestones: readonly UnitMilestone[];
  readonly lastTermination: UnitTermination | null;
}

export type ServiceUnitState = UnregisteredServiceUnit | RegisteredServiceUnit;

export const initialServiceUnitState: ServiceUnitState = { status: 'not_registered' };
