import type {
  AwardedContractPeriod,
  CancelProcurement,
  RecordAward,
  ReopenAfterTermination,
  RequestProcurement,
  StartTransition,
} from './service-unit.commands';
import type {
  AwardRecorded,
  ProcurementCancelled,
  ProcurementRequested,
  ServiceUnitReopened,
  TransitionStarted,
} from './service-unit.events';
import { conflict, invalid, requireCalendarDate, requireOneOf, requireText } from './service-unit.errors';
import { requireBaselineCurrency, requireStage } from './service-unit.guards';
import type { RegisteredServiceUnit } from './service-unit.state';
import { PROCUREMENT_FAILURES, TERMINATION_ROUTES } from './service-unit.values';

/*
 * Procurement, award and contract: plan_approved → procurement → awarded → transition, and
 * back again when a tender fails or a contract is terminated.
 *
 * Decisions recorded here:
 * 1. Only outsource and spin_off plans are tendered; charge_back and retain never are.
 * 2. A procurement id is an OCDS ocid and is never reused for the same unit: a failed or
 *    terminated tender is followed by a new tender with a new ocid.
 * 3. Provider eligibility (suspended, debarred) is checked by the application layer with
 *    `providerEligibility` before RecordAward; this stream holds no provider state.
 * 4. ReopenAfterTermination with route `retender` returns the unit to plan_approved, not to
 *    procurement: the `procurement` stage means "a tender with an ocid is open", and the new
 *    tender only exists once RequestProcurement has given it an ocid, an estimate and published
 *    the request. The approved plan still stands, so no new approval is needed. Route
 *    `insource` returns the unit to in_house; its approved plan stays on record as history.
 */

/** OCDS ocid: `ocds-`, the publisher's six-character prefix, `-`, the publisher's own id. */
const OCID = /^ocds-[a-z0-9]{6}-\S+$/i;

export function decideRequestProcurement(
  command: RequestProcurement,
  unit: RegisteredServiceUnit,
): ProcurementRequested[] {
  requireStage(unit, ['plan_approved'], 'plan_not_approved', 'Procurement can be requested');
  const mode = unit.plan?.mode;
  if (mode !== 'outsource' && mode !== 'spin_off') {
    throw conflict(
      'procurement_not_applicable',
      `Only outsource and spin_off plans go to procurement; the approved plan is ${mode ?? 'missing'}`,
      { mode: mode ?? null },
    );
  }
  const { procurementId, estimatedValue, description } = command.data;
  if (typeof procurementId !== 'string' || !OCID.test(procurementId)) {
    throw invalid(
      'invalid_procurement_id',
      `procurementId must be an OCDS ocid ("ocds-", a six-character publisher prefix, "-", an identifier); got "${String(procurementId)}"`,
      { field: 'procurementId' },
    );
  }
  if (unit.procurementIds.includes(procurementId)) {
    throw conflict(
      'procurement_id_reused',
      `Procurement ${procurementId} was already requested for this unit; a new tender needs a new ocid`,
      { procurementId },
    );
  }
  return [
    {
      type: 'ProcurementRequested',
      data: {
        unitId: unit.unitId,
        procurementId,
        estimatedValue: requireBaselineCurrency(unit, estimatedValue, 'estimatedValue'),
        description: requireText(description, 'description', 'description_required'),
        category: unit.category,
        requestedAt: command.at,
        requestedBy: command.actor,
      },
    },
  ];
}

function requireOpenProcurement(unit: RegisteredServiceUnit, procurementId: string, action: string): void {
  requireStage(unit, ['procurement'], 'procurement_not_open', action);
  const open = unit.procurement!.procurementId; // the procurement stage always holds its tender
  if (procurementId !== open) {
    throw conflict(
      'procurement_mismatch',
      `This is about procurement ${String(procurementId)} but the unit's open procurement is ${open}`,
      { procurementId, openProcurementId: open },
    );
  }
}

export function decideRecordAward(command: RecordAward, unit: RegisteredServiceUnit): AwardRecorded[] {
  const { procurementId, awardId, providerId, contractValue, contractPeriod } = command.data;
  requireOpenProcurement(unit, procurementId, 'An award can be recorded');
  const period = contractPeriod ? requirePeriod(contractPeriod) : null;
  return [
    {
      type: 'AwardRecorded',
      data: {
        unitId: unit.unitId,
        procurementId,
        awardId: requireText(awardId, 'awardId', 'award_id_required'),
        providerId: requireText(providerId, 'providerId', 'provider_id_required'),
        contractValue: requireBaselineCurrency(unit, contractValue, 'contractValue'),
        contractPeriod: period,
        recordedAt: command.at,
        recordedBy: command.actor,
      },
    },
  ];
}

function requirePeriod(period: AwardedContractPeriod): AwardedContractPeriod {
  const start = requireCalendarDate(period.start, 'contractPeriod.start');
  const end = requireCalendarDate(period.end, 'contractPeriod.end');
  if (end <= start) {
    throw invalid('invalid_contract_period', `contractPeriod must end after it starts; got ${start} to ${end}`, {
      field: 'contractPeriod.end',
    });
  }
  return { start, end };
}

export function decideCancelProcurement(
  command: CancelProcurement,
  unit: RegisteredServiceUnit,
): ProcurementCancelled[] {
  const { procurementId, reason, outcome } = command.data;
  requireOpenProcurement(unit, procurementId, 'A procurement can be cancelled');
  return [
    {
      type: 'ProcurementCancelled',
      data: {
        unitId: unit.unitId,
        procurementId,
        outcome: requireOneOf(outcome, PROCUREMENT_FAILURES, 'outcome', 'invalid_outcome'),
        reason: requireText(reason, 'reason', 'reason_required'),
        cancelledAt: command.at,
        cancelledBy: command.actor,
      },
    },
  ];
}

export function decideStartTransition(command: StartTransition, unit: RegisteredServiceUnit): TransitionStarted[] {
  requireStage(unit, ['awarded'], 'not_awarded', 'A transition can start');
  return [
    {
      type: 'TransitionStarted',
      data: {
        unitId: unit.unitId,
        contractId: requireText(command.data.contractId, 'contractId', 'contract_id_required'),
        startedAt: command.at,
        startedBy: command.actor,
      },
    },
  ];
}

export function decideReopen(command: ReopenAfterTermination, unit: RegisteredServiceUnit): ServiceUnitReopened[] {
  requireStage(
    unit,
    ['transition', 'outsourced', 'spun_off'],
    'no_contract_to_terminate',
    'A unit can be reopened after a contract termination',
  );
  const { contractId, route, reason } = command.data;
  if (contractId !== unit.contractId) {
    throw conflict(
      'contract_mismatch',
      `Contract ${String(contractId)} is not the unit's contract; the unit is served under ${String(unit.contractId)}`,
      { contractId, unitContractId: unit.contractId },
    );
  }
  return [
    {
      type: 'ServiceUnitReopened',
      data: {
        unitId: unit.unitId,
        contractId,
        route: requireOneOf(route, TERMINATION_ROUTES, 'route', 'invalid_route'),
        reason: requireText(reason, 'reason', 'reason_required'),
        reopenedAt: command.at,
        reopenedBy: command.actor,
      },
    },
  ];
}
