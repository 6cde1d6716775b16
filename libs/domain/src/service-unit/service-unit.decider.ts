import { assertNever, type Decider } from '../shared';
import type { ServiceUnitCommand } from './service-unit.commands';
import { notFound, SERVICE_UNIT_ERROR_CODES, type ServiceUnitErrorCode } from './service-unit.errors';
import { SERVICE_UNIT_EVENT_TYPES, type ServiceUnitEvent } from './service-unit.events';
import { evolveServiceUnit } from './service-unit.evolve';
import { decideCompleteMilestone, decideScheduleMilestone } from './service-unit.milestones.decide';
import {
  decideApprove,
  decideCompleteChargeBack,
  decidePropose,
  decideRegister,
  decideReject,
  decideRevise,
} from './service-unit.plan.decide';
import {
  decideCancelProcurement,
  decideRecordAward,
  decideReopen,
  decideRequestProcurement,
  decideStartTransition,
} from './service-unit.procurement.decide';
import { initialServiceUnitState, type RegisteredServiceUnit, type ServiceUnitState } from './service-unit.state';
import {
  decideAssetHandover,
  decideCompleteTransition,
  decidePlanStaff,
  decideStaffOutcome,
} from './service-unit.transition.decide';

/**
 * A service unit's lifecycle:
 *
 *   in_house → plan_proposed → plan_approved → procurement → awarded → transition → outsourced | spun_off
 *   plan rejected → in_house; approved retain plan → retained; approved charge_back plan → charge_back
 *   procurement cancelled/unsuccessful → plan_approved
 *   contract terminated → plan_approved (re-tender) | in_house (insource)
 *
 * The rules of each part live in the `*.decide.ts` files beside this one.
 */
export function decideServiceUnit(command: ServiceUnitCommand, state: ServiceUnitState): ServiceUnitEvent[] {
  if (command.type === 'RegisterServiceUnit') return decideRegister(command, state);
  if (state.status !== 'registered') {
    throw notFound('service_unit_not_found', `Service unit is not registered; register it before ${command.type}`);
  }
  return decideRegistered(command, state);
}

function decideRegistered(command: ServiceUnitCommand, unit: RegisteredServiceUnit): ServiceUnitEvent[] {
  switch (command.type) {
    case 'RegisterServiceUnit':
      return decideRegister(command, unit);
    case 'ProposeReformPlan':
      return decidePropose(command, unit);
    case 'ApproveReformPlan':
      return decideApprove(command, unit);
    case 'RejectReformPlan':
      return decideReject(command, unit);
    case 'ReviseReformPlan':
      return decideRevise(command, unit);
    case 'CompleteChargeBack':
      return decideCompleteChargeBack(command, unit);
    case 'RequestProcurement':
      return decideRequestProcurement(command, unit);
    case 'RecordAward':
      return decideRecordAward(command, unit);
    case 'CancelProcurement':
      return decideCancelProcurement(command, unit);
    case 'StartTransition':
      return decideStartTransition(command, unit);
    case 'ReopenAfterTermination':
      return decideReopen(command, unit);
    case 'PlanStaffDiversion':
      return decidePlanStaff(command, unit);
    case 'RecordStaffOutcome':
      return decideStaffOutcome(command, unit);
    case 'RecordAssetHandover':
      return decideAssetHandover(command, unit);
    case 'CompleteTransition':
      return decideCompleteTransition(command, unit);
    case 'ScheduleMilestone':
      return decideScheduleMilestone(command, unit);
    case 'CompleteMilestone':
      return decideCompleteMilestone(command, unit);
    default:
      return assertNever(command);
  }
}

export const serviceUnitDecider: Decider<ServiceUnitCommand, ServiceUnitEvent, ServiceUnitState, ServiceUnitErrorCode> =
  {
    initialState: initialServiceUnitState,
    eventTypes: SERVICE_UNIT_EVENT_TYPES,
    evolve: evolveServiceUnit,
    decide: decideServiceUnit,
    errorCodes: SERVICE_UNIT_ERROR_CODES,
  };
