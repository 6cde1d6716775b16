import { assertNever, staffTotal, type ServiceUnitEvent, type StaffCounts } from '@spinout/domain';
import type { ContractEvent } from '@spinout/domain/contract';
import { isEventOf, type StoredEvent } from '@spinout/event-store';
import { occurredAt } from '../shared/events';
import type { OpenMilestone, UnitRow } from './unit.row';

/** Contract events that change a unit's row: which contract it has, its status and charge. */
export const UNIT_CONTRACT_EVENT_TYPES = [
  'ContractDrafted',
  'ContractSigned',
  'ContractActivated',
  'ContractSuspended',
  'ContractResumed',
  'ContractAmended',
  'ContractExpired',
  'ContractTerminated',
] as const;
export type UnitContractEvent = Extract<ContractEvent, { type: (typeof UNIT_CONTRACT_EVENT_TYPES)[number] }>;

const MONTHS_PER_YEAR = 12;

/** What the unit rows follow: every event of a unit, and the contract events that change its row. */
export type UnitRowEvent = ServiceUnitEvent | UnitContractEvent;

/**
 * The unit row after one event: a unit event of its stream, or an event of its current
 * contract. Pure and total: an event for an unknown unit or another contract changes nothing.
 */
export function projectUnit(row: UnitRow | undefined, event: StoredEvent<UnitRowEvent>): UnitRow | undefined {
  if (event.type === 'ServiceUnitRegistered') return registered(event.data, event);
  if (row === undefined) return undefined;
  if (isEventOf<UnitContractEvent>(event, UNIT_CONTRACT_EVENT_TYPES)) {
    const next = applyContract(row, event);
    return next === row ? row : { ...next, updatedAt: occurredAt(event) };
  }
  return { ...applyUnit(row, event), version: event.streamVersion, updatedAt: occurredAt(event) };
}

function registered(
  data: Extract<ServiceUnitEvent, { type: 'ServiceUnitRegistered' }>['data'],
  event: StoredEvent,
): UnitRow {
  return {
    unitId: data.unitId,
    agency: data.agency,
    name: data.name,
    category: data.category,
    currency: data.annualCostBaseline.currency,
    stage: 'in_house',
    establishment: data.establishmentHeadcount,
    baselineCostMinor: data.annualCostBaseline.amountMinor,
    registeredAt: data.registeredAt,
    planMode: null,
    planStatus: null,
    planRevision: null,
    targetAnnualCostMinor: null,
    targetDate: null,
    procurementId: null,
    providerId: null,
    ...NO_CONTRACT,
    ...staff(data.establishmentHeadcount, null),
    assetsCount: data.assets.length,
    assetsHandedOver: 0,
    milestonesTotal: 0,
    milestonesCompleted: 0,
    ...withOpenMilestones([]),
    version: event.streamVersion,
    updatedAt: occurredAt(event),
  };
}

const NO_CONTRACT = {
  contractId: null,
  contractStatus: null,
  contractMonthlyChargeMinor: null,
  contractedAnnualCostMinor: null,
};

function staff(establishment: number, outcome: StaffCounts | null) {
  const counts = outcome ?? { transferred: 0, redeployed: 0, retired: 0, left: 0 };
  return {
    staffTransferred: counts.transferred,
    staffRedeployed: counts.redeployed,
    staffRetired: counts.retired,
    staffLeft: counts.left,
    staffInHouse: establishment - staffTotal(counts),
  };
}

function withOpenMilestones(open: OpenMilestone[]) {
  const sorted = [...open].sort((a, b) =>
    a.dueDate === b.dueDate ? cmp(a.milestoneId, b.milestoneId) : cmp(a.dueDate, b.dueDate),
  );
  const next = sorted[0];
  return {
    openMilestones: sorted,
    nextMilestoneId: next?.milestoneId ?? null,
    nextMilestoneTitle: next?.title ?? null,
    nextMilestoneDue: next?.dueDate ?? null,
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function applyUnit(row: UnitRow, e: ServiceUnitEvent): UnitRow {
  switch (e.type) {
    case 'ServiceUnitRegistered':
      return row;
    case 'ReformPlanProposed':
    case 'ReformPlanRevised': {
      const { mode, revision, targetAnnualCost, targetDate } = e.data;
      const plan = { planMode: mode, planStatus: 'proposed' as const, planRevision: revision };
      return {
        ...row,
        stage: 'plan_proposed',
        ...plan,
        targetAnnualCostMinor: targetAnnualCost.amountMinor,
        targetDate,
      };
    }
    case 'ReformPlanApproved':
      return {
        ...row,
        stage: e.data.mode === 'retain' ? 'retained' : 'plan_approved',
        planStatus: 'approved',
        planMode: e.data.mode,
      };
    case 'ReformPlanRejected':
      return { ...row, stage: 'in_house', planStatus: 'rejected' };
    case 'ChargeBackCompleted':
      return { ...row, stage: 'charge_back' };
    case 'ProcurementRequested':
      return { ...row, stage: 'procurement', procurementId: e.data.procurementId };
    case 'AwardRecorded':
      return { ...row, stage: 'awarded', providerId: e.data.providerId };
    case 'ProcurementCancelled':
      return { ...row, stage: 'plan_approved' };
    case 'TransitionStarted': {
      const contract = row.contractId === e.data.contractId ? {} : { ...NO_CONTRACT, contractId: e.data.contractId };
      return { ...row, ...contract, stage: 'transition' };
    }
    case 'ServiceUnitReopened': {
      const cleared = { ...row, ...NO_CONTRACT, procurementId: null, providerId: null };
      if (e.data.route === 'retender') return { ...cleared, stage: 'plan_approved' };
      // Insourced: staff and assets are back with the agency (as the decider's evolve has it).
      return { ...cleared, stage: 'in_house', ...staff(row.establishment, null), assetsHandedOver: 0 };
    }
    case 'StaffDiversionPlanned':
      return row;
    case 'StaffOutcomeRecorded':
      return { ...row, ...staff(row.establishment, e.data) };
    case 'AssetHandedOver':
      return { ...row, assetsHandedOver: row.assetsHandedOver + 1 };
    case 'TransitionCompleted':
      return { ...row, stage: e.data.outcome };
    case 'MilestoneScheduled': {
      const { milestoneId, kind, title, dueDate } = e.data;
      return {
        ...row,
        milestonesTotal: row.milestonesTotal + 1,
        ...withOpenMilestones([...row.openMilestones, { milestoneId, kind, title, dueDate }]),
      };
    }
    case 'MilestoneCompleted': {
      const open = row.openMilestones.filter((m) => m.milestoneId !== e.data.milestoneId);
      if (open.length === row.openMilestones.length) return row;
      return { ...row, milestonesCompleted: row.milestonesCompleted + 1, ...withOpenMilestones(open) };
    }
    default:
      return assertNever(e);
  }
}

/** Only the unit's current contract counts; a draft for the unit makes it the current one. */
function applyContract(row: UnitRow, e: UnitContractEvent): UnitRow {
  if (e.type === 'ContractDrafted') {
    if (e.data.unitId !== row.unitId) return row;
    const monthly = e.data.monthlyCharge.amountMinor;
    return {
      ...row,
      contractId: e.data.contractId,
      contractStatus: 'draft',
      contractMonthlyChargeMinor: monthly,
      contractedAnnualCostMinor: null,
      providerId: e.data.providerId,
    };
  }
  if (e.data.contractId !== row.contractId) return row;
  switch (e.type) {
    case 'ContractSigned':
      return withStatus(row, 'signed');
    case 'ContractActivated':
    case 'ContractResumed':
      return withStatus(row, 'active');
    case 'ContractSuspended':
      return withStatus(row, 'suspended');
    case 'ContractExpired':
      return withStatus(row, 'expired');
    case 'ContractTerminated':
      return withStatus(row, 'terminated');
    case 'ContractAmended': {
      const monthly = e.data.changes.monthlyCharge;
      if (monthly === undefined) return row;
      return withStatus({ ...row, contractMonthlyChargeMinor: monthly.amountMinor }, row.contractStatus);
    }
    default:
      return assertNever(e);
  }
}

function withStatus(row: UnitRow, status: UnitRow['contractStatus']): UnitRow {
  const inService = status === 'active' || status === 'suspended';
  const monthly = row.contractMonthlyChargeMinor;
  return {
    ...row,
    contractStatus: status,
    contractedAnnualCostMinor: inService && monthly !== null ? MONTHS_PER_YEAR * monthly : null,
  };
}
