import type {
  CompleteTransition,
  PlanStaffDiversion,
  RecordAssetHandover,
  RecordStaffOutcome,
} from './service-unit.commands';
import type {
  AssetHandedOver,
  StaffDiversionPlanned,
  StaffOutcomeRecorded,
  TransitionCompleted,
} from './service-unit.events';
import { conflict, invalid, requireCount, requireMoney, requireOneOf } from './service-unit.errors';
import { requireStage } from './service-unit.guards';
import type { RegisteredServiceUnit } from './service-unit.state';
import {
  ASSET_DISPOSITIONS,
  DISPOSAL_METHODS,
  type ReformMode,
  type StaffCounts,
  staffTotal,
  type TransitionOutcome,
} from './service-unit.values';

/*
 * Transition: staff diversion, asset handover and completion.
 *
 * Decisions recorded here:
 * 1. Staff are counted by disposition, never named: the log is immutable and personal data
 *    does not belong in it.
 * 2. A staff outcome is the running total so far, not an increment: each record replaces the
 *    previous one, so a correction is simply a new record.
 * 3. The staff plan may be made as soon as the plan is approved (consultation starts early);
 *    the outcome is recorded only during the transition.
 * 4. A transition completes only when the outcome accounts for the whole establishment and
 *    every registered asset has a disposition; the refusal lists what is missing.
 */

function validCounts(data: StaffCounts, unit: RegisteredServiceUnit): StaffCounts {
  const counts: StaffCounts = {
    transferred: requireCount(data.transferred, 'transferred'),
    redeployed: requireCount(data.redeployed, 'redeployed'),
    retired: requireCount(data.retired, 'retired'),
    left: requireCount(data.left, 'left'),
  };
  const total = staffTotal(counts);
  if (total > unit.establishmentHeadcount) {
    throw invalid(
      'staff_exceeds_establishment',
      `Staff counts add up to ${total} (transferred ${counts.transferred}, redeployed ${counts.redeployed}, ` +
        `retired ${counts.retired}, left ${counts.left}) but the establishment is ${unit.establishmentHeadcount}`,
      { total, establishmentHeadcount: unit.establishmentHeadcount },
    );
  }
  return counts;
}

export function decidePlanStaff(command: PlanStaffDiversion, unit: RegisteredServiceUnit): StaffDiversionPlanned[] {
  requireStage(
    unit,
    ['plan_approved', 'procurement', 'awarded', 'transition'],
    'staff_plan_not_allowed',
    'A staff diversion can be planned',
  );
  return [
    {
      type: 'StaffDiversionPlanned',
      data: {
        unitId: unit.unitId,
        ...validCounts(command.data, unit),
        plannedAt: command.at,
        plannedBy: command.actor,
      },
    },
  ];
}

export function decideStaffOutcome(command: RecordStaffOutcome, unit: RegisteredServiceUnit): StaffOutcomeRecorded[] {
  requireStage(unit, ['transition'], 'transition_not_started', 'A staff outcome can be recorded');
  return [
    {
      type: 'StaffOutcomeRecorded',
      data: {
        unitId: unit.unitId,
        ...validCounts(command.data, unit),
        recordedAt: command.at,
        recordedBy: command.actor,
      },
    },
  ];
}

export function decideAssetHandover(command: RecordAssetHandover, unit: RegisteredServiceUnit): AssetHandedOver[] {
  requireStage(unit, ['transition'], 'transition_not_started', 'An asset handover can be recorded');
  const { assetId, method, valueRealised } = command.data;
  const asset = unit.assets.find((candidate) => candidate.assetId === assetId);
  if (asset === undefined) {
    throw invalid('unknown_asset', `Asset ${String(assetId)} is not in the unit's asset register`, {
      field: 'assetId',
      assetId,
    });
  }
  if (asset.handover !== null) {
    throw conflict(
      'asset_already_handed_over',
      `Asset ${assetId} was already handed over (${asset.handover.disposition} on ${asset.handover.handedOverAt})`,
      { assetId, disposition: asset.handover.disposition },
    );
  }
  const disposition = requireOneOf(command.data.disposition, ASSET_DISPOSITIONS, 'disposition', 'invalid_disposition');
  if (disposition === 'disposed' && method === undefined) {
    throw invalid('disposal_method_required', `A disposed asset needs a method (${DISPOSAL_METHODS.join(' or ')})`, {
      field: 'method',
    });
  }
  if (disposition !== 'disposed' && method !== undefined) {
    throw invalid(
      'disposal_method_not_applicable',
      `A method applies only to disposed assets; ${assetId} is ${disposition}`,
      {
        field: 'method',
      },
    );
  }
  return [
    {
      type: 'AssetHandedOver',
      data: {
        unitId: unit.unitId,
        assetId,
        disposition,
        method: method === undefined ? null : requireOneOf(method, DISPOSAL_METHODS, 'method', 'invalid_method'),
        valueRealised: requireMoney(valueRealised, 'valueRealised'),
        handedOverAt: command.at,
        recordedBy: command.actor,
      },
    },
  ];
}

const OUTCOME_BY_MODE: Readonly<Record<ReformMode, TransitionOutcome | null>> = {
  outsource: 'outsourced',
  spin_off: 'spun_off',
  charge_back: null,
  retain: null,
};

export function decideCompleteTransition(
  command: CompleteTransition,
  unit: RegisteredServiceUnit,
): TransitionCompleted[] {
  requireStage(unit, ['transition'], 'transition_not_started', 'A transition can be completed');
  const outcome = unit.plan === null ? null : OUTCOME_BY_MODE[unit.plan.mode];
  if (outcome === null) {
    // Unreachable through this decider (only outsource/spin_off plans are tendered), kept for safety.
    throw conflict('transition_not_applicable', `A ${unit.plan?.mode ?? 'missing'} plan has no transition to complete`);
  }
  const accounted = unit.staffOutcome === null ? 0 : staffTotal(unit.staffOutcome);
  const pendingAssets = unit.assets.filter((asset) => asset.handover === null).map((asset) => asset.assetId);
  const missing: string[] = [];
  if (accounted !== unit.establishmentHeadcount) {
    missing.push(`staff outcome accounts for ${accounted} of ${unit.establishmentHeadcount} established posts`);
  }
  if (pendingAssets.length > 0) {
    missing.push(`assets without a disposition: ${pendingAssets.join(', ')}`);
  }
  if (missing.length > 0) {
    throw conflict('transition_incomplete', `Transition cannot complete: ${missing.join('; ')}`, {
      staffAccountedFor: accounted,
      establishmentHeadcount: unit.establishmentHeadcount,
      assetsPending: pendingAssets,
    });
  }
  return [
    {
      type: 'TransitionCompleted',
      data: {
        unitId: unit.unitId,
        contractId: unit.contractId!, // the transition stage always holds the contract that started it
        outcome,
        completedAt: command.at,
        completedBy: command.actor,
      },
    },
  ];
}
