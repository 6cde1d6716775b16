import { addDays, monthOf } from '../shared';
import {
  type CloseRectificationPlan,
  type CorrectMeasurement,
  type MeasurementData,
  type RecordMeasurement,
} from './contract.commands';
import { commandDate, conflict, invalid, notFound, requireCalendarDate, requireText } from './contract.errors';
import { type ContractEvent, type RectificationPlanClosed, type RectificationPlanOpened } from './contract.events';
import { requirePeriodWithin, requireStatus } from './contract.guards';
import { type ContractState, type ExistingContract, measurementKey } from './contract.state';
import { type SlaDefinition } from './contract.values';
import { requireInUnitRange } from './measurement-range';
import { recalculation } from './settlement.decide';
import { evaluateSla } from './sla-evaluation';

/**
 * Decisions over SLA performance: a measurement per SLA and period, corrections that supersede
 * it, and the rectification plan a critical breach opens.
 */

const IN_SERVICE = ['active', 'suspended'] as const;
export const DEFAULT_RECTIFICATION_DAYS = 30;

interface Checked {
  readonly s: ExistingContract;
  readonly sla: SlaDefinition;
  readonly period: string;
  readonly value: number;
  readonly dueDate: string;
}

/** Checks shared by a first measurement and a correction. */
function checkMeasurement(data: MeasurementData, state: ContractState, at: string, action: string): Checked {
  const s = requireStatus(state, data.contractId, IN_SERVICE, 'contract_not_in_service', action);
  const sla = s.slas.find((x) => x.slaId === data.slaId);
  if (sla === undefined) {
    throw invalid('unknown_sla', `Contract ${s.contractId} has no SLA ${String(data.slaId)}`, { field: 'slaId' });
  }
  const period = requirePeriodWithin(s, data.period);
  const today = commandDate(at);
  if (period > monthOf(today)) {
    throw invalid('period_in_future', `Period ${period} has not begun on ${today}; it cannot be measured yet`, {
      field: 'period',
    });
  }
  const value = requireInUnitRange(data.value, sla.unit, 'value');
  const settlement = s.settlements[period];
  if (settlement !== undefined && settlement.status !== 'invoiced') {
    throw conflict(
      'settlement_already_approved',
      `The settlement of period ${period} is already ${settlement.status}; its measurements can no longer change`,
      { period },
    );
  }
  let dueDate = addDays(today, DEFAULT_RECTIFICATION_DAYS);
  if (data.rectificationDueDate !== undefined) {
    dueDate = requireCalendarDate(data.rectificationDueDate, 'rectificationDueDate');
    if (dueDate < today) {
      throw invalid('due_date_in_past', `The rectification due date ${dueDate} lies before ${today}`, {
        field: 'rectificationDueDate',
      });
    }
  }
  return { s, sla, period, value, dueDate };
}

/** Events that follow a new outcome: a rectification plan for a first critical breach, a recalculated settlement. */
function consequences(c: Checked, figures: ReturnType<typeof evaluateSla>, actor: string, at: string): ContractEvent[] {
  const { s, sla, period } = c;
  const events: ContractEvent[] = [];
  const rectificationId = measurementKey(sla.slaId, period);
  if (figures.outcome === 'critically_breached' && s.rectifications[rectificationId] === undefined) {
    const opened: RectificationPlanOpened = {
      type: 'RectificationPlanOpened',
      data: {
        contractId: s.contractId,
        rectificationId,
        slaId: sla.slaId,
        period,
        dueDate: c.dueDate,
        openedBy: actor,
        openedAt: at,
      },
    };
    events.push(opened);
  }
  events.push(...recalculation(s, { slaId: sla.slaId, period, credit: figures.credit }, actor, at));
  return events;
}

function terms(c: Checked) {
  const { direction, target, criticalThreshold } = c.sla;
  return { contractId: c.s.contractId, slaId: c.sla.slaId, period: c.period, direction, target, criticalThreshold };
}

export function decideRecordMeasurement(command: RecordMeasurement, state: ContractState): ContractEvent[] {
  const c = checkMeasurement(command.data, state, command.at, 'recording a measurement');
  if (c.s.measurements[measurementKey(c.sla.slaId, c.period)] !== undefined) {
    throw conflict(
      'measurement_already_recorded',
      `SLA ${c.sla.slaId} already has a measurement for ${c.period}; send a correction with a reason to change it`,
      { slaId: c.sla.slaId, period: c.period },
    );
  }
  const figures = evaluateSla(c.sla, c.value, c.s.monthlyCharge);
  return [
    {
      type: 'SlaMeasurementRecorded',
      data: { ...terms(c), value: c.value, ...figures, recordedBy: command.actor, recordedAt: command.at },
    },
    ...consequences(c, figures, command.actor, command.at),
  ];
}

/** A correction is evaluated against the SLA terms in force when it is made. */
export function decideCorrectMeasurement(command: CorrectMeasurement, state: ContractState): ContractEvent[] {
  const c = checkMeasurement(command.data, state, command.at, 'correcting a measurement');
  const current = c.s.measurements[measurementKey(c.sla.slaId, c.period)];
  if (current === undefined) {
    throw conflict(
      'measurement_not_found',
      `SLA ${c.sla.slaId} has no measurement for ${c.period} to correct; record one first`,
      {
        slaId: c.sla.slaId,
        period: c.period,
      },
    );
  }
  const reason = requireText(command.data.reason, 'reason', 'text_required');
  const figures = evaluateSla(c.sla, c.value, c.s.monthlyCharge);
  const previous = { value: current.value, outcome: current.outcome, credit: current.credit };
  return [
    {
      type: 'SlaMeasurementCorrected',
      data: {
        ...terms(c),
        value: c.value,
        ...figures,
        reason,
        previous,
        correctedBy: command.actor,
        correctedAt: command.at,
      },
    },
    ...consequences(c, figures, command.actor, command.at),
  ];
}

export function decideCloseRectification(
  command: CloseRectificationPlan,
  state: ContractState,
): RectificationPlanClosed[] {
  const s = requireStatus(
    state,
    command.data.contractId,
    IN_SERVICE,
    'contract_not_in_service',
    'closing a rectification plan',
  );
  const { rectificationId } = command.data;
  const plan = s.rectifications[rectificationId];
  if (plan === undefined) {
    throw notFound(
      'rectification_not_found',
      `Contract ${s.contractId} has no rectification plan ${String(rectificationId)}`,
      {
        rectificationId,
      },
    );
  }
  if (plan.status === 'closed') {
    throw conflict(
      'rectification_already_closed',
      `Rectification plan ${rectificationId} was closed on ${plan.closedAt}`,
      {
        rectificationId,
      },
    );
  }
  const evidence = requireText(command.data.evidence, 'evidence', 'text_required');
  const data = { contractId: s.contractId, rectificationId, evidence, closedBy: command.actor, closedAt: command.at };
  return [{ type: 'RectificationPlanClosed', data }];
}
