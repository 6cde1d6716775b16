/**
 * Builders for service unit specs: one realistic unit (a headquarters canteen with twelve
 * established posts and two assets) and the events that walk it through its lifecycle.
 * Actors are principals (role accounts), never staff names.
 */
import { type Money, money, type Command, type DataOf } from '../shared';
import type { ReformPlanTerms, ServiceUnitCommand } from './service-unit.commands';
import type { ServiceUnitEvent } from './service-unit.events';
import type { ReformMode, StaffCounts } from './service-unit.values';

export const UNIT_ID = 'unit-hq-canteen';
export const OFFICER = 'user:reform-officer-1';
export const DIRECTOR = 'user:reform-director-1';
export const PROCUREMENT_SYSTEM = 'system:procurement';
export const NOW = '2025-06-02T10:00:00+08:00';
export const OCID = 'ocds-a1b2c3-2025-0001';
export const CONTRACT_ID = 'contract-2025-0001';

export const yuan = (amount: number, currency = 'CNY'): Money => money(amount * 100, currency);

/** A command of type `T` as issued NOW by the officer unless said otherwise: for each `T` it is that member of `ServiceUnitCommand`. */
export function command<T extends ServiceUnitCommand['type']>(
  type: T,
  data: DataOf<ServiceUnitCommand, T>,
  actor: string = OFFICER,
  at: string = NOW,
): Command<T, DataOf<ServiceUnitCommand, T>> {
  return { type, data, actor, at };
}

export const terms = (mode: ReformMode = 'outsource', overrides: Partial<ReformPlanTerms> = {}): ReformPlanTerms => ({
  mode,
  managementFunctionsKept: ['menu and price approval', 'food safety supervision'],
  rationale: 'Separate the service function from management; a caterer can serve at lower cost.',
  targetAnnualCost: yuan(2_000_000),
  targetDate: '2025-12-31',
  ...overrides,
});

export const registered = (headcount = 12, withAssets = true): ServiceUnitEvent => ({
  type: 'ServiceUnitRegistered',
  data: {
    unitId: UNIT_ID,
    agency: 'Provincial Department of Finance',
    name: 'Headquarters canteen',
    category: 'canteen',
    establishmentHeadcount: headcount,
    annualCostBaseline: yuan(2_400_000),
    assets: withAssets
      ? [
          { assetId: 'A-1', description: 'Kitchen equipment', bookValue: yuan(180_000) },
          { assetId: 'A-2', description: 'Refrigerated delivery van', bookValue: yuan(95_000) },
        ]
      : [],
    registeredAt: '2025-01-06T09:00:00+08:00',
    registeredBy: OFFICER,
  },
});

export const proposed = (mode: ReformMode = 'outsource', by = OFFICER): ServiceUnitEvent => ({
  type: 'ReformPlanProposed',
  data: { unitId: UNIT_ID, ...terms(mode), revision: 1, proposedAt: '2025-02-03T09:00:00+08:00', proposedBy: by },
});

export const approved = (mode: ReformMode = 'outsource', revision = 1): ServiceUnitEvent => ({
  type: 'ReformPlanApproved',
  data: { unitId: UNIT_ID, revision, mode, approvedAt: '2025-02-10T09:00:00+08:00', approvedBy: DIRECTOR },
});

export const rejected = (revision = 1): ServiceUnitEvent => ({
  type: 'ReformPlanRejected',
  data: {
    unitId: UNIT_ID,
    revision,
    reason: 'Target cost not justified',
    rejectedAt: '2025-02-10T09:00:00+08:00',
    rejectedBy: DIRECTOR,
  },
});

export const requested = (procurementId = OCID): ServiceUnitEvent => ({
  type: 'ProcurementRequested',
  data: {
    unitId: UNIT_ID,
    procurementId,
    estimatedValue: yuan(6_000_000),
    description: 'Catering services for the headquarters, three years',
    category: 'canteen',
    requestedAt: '2025-03-03T09:00:00+08:00',
    requestedBy: OFFICER,
  },
});

export const awarded = (procurementId = OCID): ServiceUnitEvent => ({
  type: 'AwardRecorded',
  data: {
    unitId: UNIT_ID,
    procurementId,
    awardId: 'award-1',
    providerId: 'provider-1',
    contractValue: yuan(5_700_000),
    contractPeriod: null,
    recordedAt: '2025-04-14T09:00:00+08:00',
    recordedBy: PROCUREMENT_SYSTEM,
  },
});

export const transitionStarted = (contractId = CONTRACT_ID): ServiceUnitEvent => ({
  type: 'TransitionStarted',
  data: { unitId: UNIT_ID, contractId, startedAt: '2025-05-05T09:00:00+08:00', startedBy: OFFICER },
});

export const staffOutcome = (counts: StaffCounts): ServiceUnitEvent => ({
  type: 'StaffOutcomeRecorded',
  data: { unitId: UNIT_ID, ...counts, recordedAt: '2025-05-20T09:00:00+08:00', recordedBy: OFFICER },
});

export const handedOver = (assetId: string): ServiceUnitEvent => ({
  type: 'AssetHandedOver',
  data: {
    unitId: UNIT_ID,
    assetId,
    disposition: 'transferred',
    method: null,
    valueRealised: yuan(0),
    handedOverAt: '2025-05-21T09:00:00+08:00',
    recordedBy: OFFICER,
  },
});

export const transitionCompleted = (outcome: 'outsourced' | 'spun_off' = 'outsourced'): ServiceUnitEvent => ({
  type: 'TransitionCompleted',
  data: {
    unitId: UNIT_ID,
    contractId: CONTRACT_ID,
    outcome,
    completedAt: '2025-05-30T09:00:00+08:00',
    completedBy: OFFICER,
  },
});

export const ALL_STAFF: StaffCounts = { transferred: 8, redeployed: 2, retired: 1, left: 1 };

/** Histories that leave the unit in each stage. */
export const history = {
  inHouse: [registered()],
  proposed: (mode: ReformMode = 'outsource') => [registered(), proposed(mode)],
  approved: (mode: ReformMode = 'outsource') => [registered(), proposed(mode), approved(mode)],
  procurement: (mode: ReformMode = 'outsource') => [...history.approved(mode), requested()],
  awarded: (mode: ReformMode = 'outsource') => [...history.procurement(mode), awarded()],
  transition: (mode: ReformMode = 'outsource') => [...history.awarded(mode), transitionStarted()],
  readyToComplete: (mode: ReformMode = 'outsource') => [
    ...history.transition(mode),
    staffOutcome(ALL_STAFF),
    handedOver('A-1'),
    handedOver('A-2'),
  ],
  outsourced: () => [...history.readyToComplete('outsource'), transitionCompleted('outsourced')],
};
