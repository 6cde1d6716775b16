import {
  staffTotal,
  streamIdOf,
  type AssetHandedOver,
  type AwardRecorded,
  type ContractActivated,
  type ContractCommand,
  type ContractState,
  type ContractTerminated,
  type ServiceUnitCommand,
  type ServiceUnitState,
  type StaffOutcomeRecorded,
  type TransitionStarted,
} from '@spinout/domain';
import { SPINOUT_NAMESPACE, uuidFromName } from '../deterministic-id';
import { SLA_TEMPLATES } from '../sla-templates';
import { defaultContractPeriod, monthsBetween } from './contract-terms';
import type { Reaction, Trigger } from './process-manager';

/*
 * The outsourcing workflow's reactions, pure: (trigger, state) → commands. Each runs as a process
 * manager (workflow.process-managers.ts) that loads the state and runs the commands. Commands
 * carry the trigger's time, so a replay decides as the first run did, and `system:<name>` as actor.
 */

export const AWARD_TO_CONTRACT = 'pm-award-to-contract';
export const ACTIVATION_TO_TRANSITION = 'pm-activation-to-transition';
export const TRANSITION_COMPLETION = 'pm-transition-completion';
export const TERMINATION_TO_REOPENING = 'pm-termination-to-reopening';

/** The contract id drafted for an award: derived, so the draft is created once whoever asks. */
export function contractIdForAward(unitId: string, awardId: string): string {
  return uuidFromName(SPINOUT_NAMESPACE, `contract-for-award:${unitId}:${awardId}`);
}

/**
 * Award recorded → a contract is drafted from the award, with the category's SLA template: for
 * the period the award states, else from the month after the award for three years; the
 * monthly charge is the award's value spread over the months of the period.
 */
export function draftContractForAward(
  trigger: Trigger<AwardRecorded>,
  unit: ServiceUnitState,
): Reaction<ContractCommand>[] {
  if (unit.status !== 'registered') return [];
  const award = trigger.data;
  const period = award.contractPeriod ?? defaultContractPeriod(award.recordedAt);
  const months = monthsBetween(period.start, period.end);
  const contractId = contractIdForAward(award.unitId, award.awardId);
  const data = {
    contractId,
    unitId: award.unitId,
    providerId: award.providerId,
    agency: unit.agency,
    procurementId: award.procurementId,
    awardId: award.awardId,
    totalValue: award.contractValue,
    period,
    monthlyCharge: {
      amountMinor: Math.round(award.contractValue.amountMinor / months),
      currency: award.contractValue.currency,
    },
    slas: SLA_TEMPLATES[unit.category],
  };
  return [
    {
      streamId: streamIdOf('contract', contractId),
      command: { type: 'DraftContract', data, actor: `system:${AWARD_TO_CONTRACT}`, at: trigger.occurredAt },
    },
  ];
}

/** Contract activated → its service unit enters transition. */
export function startTransitionOnActivation(
  trigger: Trigger<ContractActivated>,
  contract: ContractState,
): Reaction<ServiceUnitCommand>[] {
  if (contract.status === 'none') return [];
  const command = {
    type: 'StartTransition' as const,
    data: { contractId: contract.contractId },
    actor: `system:${ACTIVATION_TO_TRANSITION}`,
    at: trigger.occurredAt,
  };
  return [{ streamId: streamIdOf('serviceUnit', contract.unitId), command }];
}

/** The events after which a unit in transition may have finished it. */
export type TransitionProgress = TransitionStarted | StaffOutcomeRecorded | AssetHandedOver;

/** Staff all accounted for and every asset disposed of, during transition → the unit completes it. */
export function completeFinishedTransition(
  trigger: Trigger<TransitionProgress>,
  unit: ServiceUnitState,
): Reaction<ServiceUnitCommand>[] {
  if (unit.status !== 'registered' || unit.stage !== 'transition') return [];
  const staffDone = unit.staffOutcome !== null && staffTotal(unit.staffOutcome) === unit.establishmentHeadcount;
  const assetsDone = unit.assets.every((asset) => asset.handover !== null);
  if (!staffDone || !assetsDone) return [];
  return [
    {
      streamId: trigger.streamId,
      command: {
        type: 'CompleteTransition',
        data: {},
        actor: `system:${TRANSITION_COMPLETION}`,
        at: trigger.occurredAt,
      },
    },
  ];
}

/**
 * Contract terminated → its unit is reopened: re-tendered, or back in-house, as the termination
 * said. Terminations stored before they said so carry no route: those units are re-tendered.
 */
export function reopenUnitOnTermination(
  trigger: Trigger<ContractTerminated>,
  contract: ContractState,
): Reaction<ServiceUnitCommand>[] {
  if (contract.status === 'none') return [];
  const { reason, detail, unitRoute } = trigger.data;
  const data = {
    contractId: contract.contractId,
    route: unitRoute ?? 'retender',
    reason: `Contract terminated (${reason}): ${detail}`,
  };
  return [
    {
      streamId: streamIdOf('serviceUnit', contract.unitId),
      command: {
        type: 'ReopenAfterTermination',
        data,
        actor: `system:${TERMINATION_TO_REOPENING}`,
        at: trigger.occurredAt,
      },
    },
  ];
}
