import { assertNever } from '../shared';
import type { ServiceUnitEvent } from './service-unit.events';
import type { RegisteredServiceUnit, ServiceUnitState } from './service-unit.state';
import type { StaffCounts } from './service-unit.values';

const counts = (data: StaffCounts): StaffCounts => ({
  transferred: data.transferred,
  redeployed: data.redeployed,
  retired: data.retired,
  left: data.left,
});

/** Applies one event. Total and deterministic: replaying a stream always yields the same state. */
export function evolveServiceUnit(state: ServiceUnitState, event: ServiceUnitEvent): ServiceUnitState {
  if (event.type === 'ServiceUnitRegistered') {
    const { registeredBy: _by, ...unit } = event.data;
    return {
      status: 'registered',
      ...unit,
      assets: unit.assets.map((asset) => ({ ...asset, handover: null })),
      stage: 'in_house',
      plan: null,
      procurement: null,
      procurementIds: [],
      award: null,
      contractId: null,
      staffPlan: null,
      staffOutcome: null,
      milestones: [],
      lastTermination: null,
    };
  }
  // Events of an unregistered stream cannot occur; ignore rather than corrupt the fold.
  if (state.status !== 'registered') return state;
  return evolveRegistered(state, event);
}

function evolveRegistered(unit: RegisteredServiceUnit, event: ServiceUnitEvent): RegisteredServiceUnit {
  switch (event.type) {
    case 'ServiceUnitRegistered':
      return unit;
    case 'ReformPlanProposed':
    case 'ReformPlanRevised': {
      const { mode, managementFunctionsKept, rationale, targetAnnualCost, targetDate, revision } = event.data;
      const proposed =
        event.type === 'ReformPlanProposed'
          ? { by: event.data.proposedBy, at: event.data.proposedAt }
          : { by: event.data.revisedBy, at: event.data.revisedAt };
      return {
        ...unit,
        stage: 'plan_proposed',
        plan: {
          mode,
          managementFunctionsKept,
          rationale,
          targetAnnualCost,
          targetDate,
          revision,
          status: 'proposed',
          proposedBy: proposed.by,
          proposedAt: proposed.at,
          decidedBy: null,
          decidedAt: null,
          rejectionReason: null,
        },
      };
    }
    case 'ReformPlanApproved':
      return {
        ...unit,
        // See the decide-plan notes: an approved `retain` plan ends in `retained`.
        stage: event.data.mode === 'retain' ? 'retained' : 'plan_approved',
        plan: unit.plan && {
          ...unit.plan,
          status: 'approved',
          decidedBy: event.data.approvedBy,
          decidedAt: event.data.approvedAt,
        },
      };
    case 'ReformPlanRejected':
      return {
        ...unit,
        stage: 'in_house',
        plan: unit.plan && {
          ...unit.plan,
          status: 'rejected',
          decidedBy: event.data.rejectedBy,
          decidedAt: event.data.rejectedAt,
          rejectionReason: event.data.reason,
        },
      };
    case 'ChargeBackCompleted':
      return { ...unit, stage: 'charge_back' };
    case 'ProcurementRequested':
      return {
        ...unit,
        stage: 'procurement',
        procurement: {
          procurementId: event.data.procurementId,
          estimatedValue: event.data.estimatedValue,
          description: event.data.description,
          requestedAt: event.data.requestedAt,
          status: 'open',
          closedReason: null,
        },
        procurementIds: [...unit.procurementIds, event.data.procurementId],
      };
    case 'AwardRecorded':
      return {
        ...unit,
        stage: 'awarded',
        procurement: unit.procurement && { ...unit.procurement, status: 'awarded' },
        award: {
          procurementId: event.data.procurementId,
          awardId: event.data.awardId,
          providerId: event.data.providerId,
          contractValue: event.data.contractValue,
          awardedAt: event.data.recordedAt,
        },
      };
    case 'ProcurementCancelled':
      return {
        ...unit,
        stage: 'plan_approved',
        procurement: unit.procurement && {
          ...unit.procurement,
          status: event.data.outcome,
          closedReason: event.data.reason,
        },
      };
    case 'TransitionStarted':
      return { ...unit, stage: 'transition', contractId: event.data.contractId };
    case 'ServiceUnitReopened': {
      const lastTermination = {
        contractId: event.data.contractId,
        route: event.data.route,
        reason: event.data.reason,
        reopenedAt: event.data.reopenedAt,
      };
      const cleared = { ...unit, procurement: null, award: null, contractId: null, lastTermination };
      if (event.data.route === 'retender') return { ...cleared, stage: 'plan_approved' };
      // Insourced: staff and assets are back with the agency, so a later reform starts afresh.
      return {
        ...cleared,
        stage: 'in_house',
        staffPlan: null,
        staffOutcome: null,
        assets: unit.assets.map((asset) => ({ ...asset, handover: null })),
      };
    }
    case 'StaffDiversionPlanned':
      return { ...unit, staffPlan: counts(event.data) };
    case 'StaffOutcomeRecorded':
      return { ...unit, staffOutcome: counts(event.data) };
    case 'AssetHandedOver': {
      const { assetId, disposition, method, valueRealised, handedOverAt } = event.data;
      return {
        ...unit,
        assets: unit.assets.map((asset) =>
          asset.assetId === assetId
            ? { ...asset, handover: { disposition, method, valueRealised, handedOverAt } }
            : asset,
        ),
      };
    }
    case 'TransitionCompleted':
      return { ...unit, stage: event.data.outcome };
    case 'MilestoneScheduled': {
      const { milestoneId, kind, title, dueDate } = event.data;
      return { ...unit, milestones: [...unit.milestones, { milestoneId, kind, title, dueDate, completedAt: null }] };
    }
    case 'MilestoneCompleted':
      return {
        ...unit,
        milestones: unit.milestones.map((milestone) =>
          milestone.milestoneId === event.data.milestoneId
            ? { ...milestone, completedAt: event.data.completedAt }
            : milestone,
        ),
      };
    default:
      return assertNever(event);
  }
}
