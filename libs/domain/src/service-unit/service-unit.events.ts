import { streamIdOf, type Message, type Money } from '../shared';
import type { AssetRegistration, AwardedContractPeriod, ReformPlanTerms } from './service-unit.commands';
import type {
  AssetDisposition,
  DisposalMethod,
  MilestoneKind,
  ProcurementFailure,
  ServiceCategory,
  StaffCounts,
  TerminationRoute,
  TransitionOutcome,
} from './service-unit.values';

/**
 * Events of a service unit stream. The type strings are stored and stable forever.
 * Every event carries the unit id, its `…At` time (from the command) and the `…By`
 * principal who decided or recorded it, so the audit trail reads from the event alone.
 */
export type ServiceUnitRegistered = Message<
  'ServiceUnitRegistered',
  {
    readonly unitId: string;
    readonly agency: string;
    readonly name: string;
    readonly category: ServiceCategory;
    readonly establishmentHeadcount: number;
    readonly annualCostBaseline: Money;
    readonly assets: readonly AssetRegistration[];
    readonly registeredAt: string;
    readonly registeredBy: string;
  }
>;

export type ReformPlanProposed = Message<
  'ReformPlanProposed',
  ReformPlanTerms & {
    readonly unitId: string;
    readonly revision: 1;
    readonly proposedAt: string;
    readonly proposedBy: string;
  }
>;
export type ReformPlanRevised = Message<
  'ReformPlanRevised',
  ReformPlanTerms & {
    readonly unitId: string;
    readonly revision: number;
    readonly revisedAt: string;
    readonly revisedBy: string;
  }
>;
export type ReformPlanApproved = Message<
  'ReformPlanApproved',
  {
    readonly unitId: string;
    readonly revision: number;
    readonly mode: ReformPlanTerms['mode'];
    readonly approvedAt: string;
    readonly approvedBy: string;
  }
>;
export type ReformPlanRejected = Message<
  'ReformPlanRejected',
  {
    readonly unitId: string;
    readonly revision: number;
    readonly reason: string;
    readonly rejectedAt: string;
    readonly rejectedBy: string;
  }
>;
export type ChargeBackCompleted = Message<
  'ChargeBackCompleted',
  { readonly unitId: string; readonly completedAt: string; readonly completedBy: string }
>;

export type ProcurementRequested = Message<
  'ProcurementRequested',
  {
    readonly unitId: string;
    readonly procurementId: string;
    readonly estimatedValue: Money;
    readonly description: string;
    /** Copied from the unit so the outbound procurement request needs no second read. */
    readonly category: ServiceCategory;
    readonly requestedAt: string;
    readonly requestedBy: string;
  }
>;
export type AwardRecorded = Message<
  'AwardRecorded',
  {
    readonly unitId: string;
    readonly procurementId: string;
    readonly awardId: string;
    readonly providerId: string;
    readonly contractValue: Money;
    /** Null when the award did not state a period; a contract draft then proposes one. */
    readonly contractPeriod: AwardedContractPeriod | null;
    readonly recordedAt: string;
    readonly recordedBy: string;
  }
>;
export type ProcurementCancelled = Message<
  'ProcurementCancelled',
  {
    readonly unitId: string;
    readonly procurementId: string;
    readonly outcome: ProcurementFailure;
    readonly reason: string;
    readonly cancelledAt: string;
    readonly cancelledBy: string;
  }
>;
export type TransitionStarted = Message<
  'TransitionStarted',
  { readonly unitId: string; readonly contractId: string; readonly startedAt: string; readonly startedBy: string }
>;
export type ServiceUnitReopened = Message<
  'ServiceUnitReopened',
  {
    readonly unitId: string;
    readonly contractId: string;
    readonly route: TerminationRoute;
    readonly reason: string;
    readonly reopenedAt: string;
    readonly reopenedBy: string;
  }
>;

export type StaffDiversionPlanned = Message<
  'StaffDiversionPlanned',
  StaffCounts & { readonly unitId: string; readonly plannedAt: string; readonly plannedBy: string }
>;
/** Totals so far (a snapshot), not increments: a later record replaces an earlier one. */
export type StaffOutcomeRecorded = Message<
  'StaffOutcomeRecorded',
  StaffCounts & { readonly unitId: string; readonly recordedAt: string; readonly recordedBy: string }
>;
export type AssetHandedOver = Message<
  'AssetHandedOver',
  {
    readonly unitId: string;
    readonly assetId: string;
    readonly disposition: AssetDisposition;
    /** Set only when the disposition is `disposed`. */
    readonly method: DisposalMethod | null;
    readonly valueRealised: Money;
    readonly handedOverAt: string;
    readonly recordedBy: string;
  }
>;
export type TransitionCompleted = Message<
  'TransitionCompleted',
  {
    readonly unitId: string;
    readonly contractId: string;
    readonly outcome: TransitionOutcome;
    readonly completedAt: string;
    readonly completedBy: string;
  }
>;

export type MilestoneScheduled = Message<
  'MilestoneScheduled',
  {
    readonly unitId: string;
    readonly milestoneId: string;
    readonly kind: MilestoneKind;
    readonly title: string;
    readonly dueDate: string;
    readonly scheduledAt: string;
    readonly scheduledBy: string;
  }
>;
export type MilestoneCompleted = Message<
  'MilestoneCompleted',
  { readonly unitId: string; readonly milestoneId: string; readonly completedAt: string; readonly completedBy: string }
>;

export type ServiceUnitEvent =
  | ServiceUnitRegistered
  | ReformPlanProposed
  | ReformPlanRevised
  | ReformPlanApproved
  | ReformPlanRejected
  | ChargeBackCompleted
  | ProcurementRequested
  | AwardRecorded
  | ProcurementCancelled
  | TransitionStarted
  | ServiceUnitReopened
  | StaffDiversionPlanned
  | StaffOutcomeRecorded
  | AssetHandedOver
  | TransitionCompleted
  | MilestoneScheduled
  | MilestoneCompleted;

export type ServiceUnitEventType = ServiceUnitEvent['type'];

/** Keyed by every event type, so the compiler rejects a list that misses one. */
const EVENT_TYPES: { readonly [T in ServiceUnitEventType]: true } = {
  ServiceUnitRegistered: true,
  ReformPlanProposed: true,
  ReformPlanRevised: true,
  ReformPlanApproved: true,
  ReformPlanRejected: true,
  ChargeBackCompleted: true,
  ProcurementRequested: true,
  AwardRecorded: true,
  ProcurementCancelled: true,
  TransitionStarted: true,
  ServiceUnitReopened: true,
  StaffDiversionPlanned: true,
  StaffOutcomeRecorded: true,
  AssetHandedOver: true,
  TransitionCompleted: true,
  MilestoneScheduled: true,
  MilestoneCompleted: true,
};

/** Every event type of a service unit stream (for subscriptions and upcaster registries). */
export const SERVICE_UNIT_EVENT_TYPES = Object.freeze(Object.keys(EVENT_TYPES) as ServiceUnitEventType[]);

/** The event-store stream of one unit. */
export const serviceUnitStreamId = (unitId: string): string => streamIdOf('serviceUnit', unitId);
