import {
  contractDecider,
  idInStream,
  serviceUnitDecider,
  streamIdOf,
  type AggregateName,
  type AwardRecorded,
  type ContractActivated,
  type ContractTerminated,
  type Message,
} from '@spinout/domain';
import type { EventStore, Processor } from '@spinout/event-store';
import { processManager, type ProcessManagerLogger, type Trigger } from './process-manager';
import {
  ACTIVATION_TO_TRANSITION,
  AWARD_TO_CONTRACT,
  completeFinishedTransition,
  draftContractForAward,
  reopenUnitOnTermination,
  startTransitionOnActivation,
  TERMINATION_TO_REOPENING,
  TRANSITION_COMPLETION,
  type TransitionProgress,
} from './workflow.reactions';

export { contractIdForAward } from './workflow.reactions';

/** The trigger's own stream, when it is one of `name`'s. */
const ownStream = (name: AggregateName) => (trigger: Trigger<Message>) =>
  idInStream(name, trigger.streamId) === undefined ? undefined : trigger.streamId;

/** Award recorded → a contract is drafted, from the awarded unit as it stands. */
export function awardToContract(store: EventStore, logger?: ProcessManagerLogger): Processor<AwardRecorded> {
  return processManager({
    name: AWARD_TO_CONTRACT,
    eventTypes: ['AwardRecorded'],
    store,
    logger,
    reads: { decider: serviceUnitDecider, streamId: (trigger) => streamIdOf('serviceUnit', trigger.data.unitId) },
    react: draftContractForAward,
    sendsTo: contractDecider,
  });
}

/** Contract activated → its service unit enters transition (reads the contract for its unit). */
export function activationToTransition(store: EventStore, logger?: ProcessManagerLogger): Processor<ContractActivated> {
  return processManager({
    name: ACTIVATION_TO_TRANSITION,
    eventTypes: ['ContractActivated'],
    store,
    logger,
    reads: { decider: contractDecider, streamId: ownStream('contract') },
    react: startTransitionOnActivation,
    sendsTo: serviceUnitDecider,
  });
}

/** Staff all accounted for and every asset disposed of, during transition → the unit completes (reads the unit). */
export function transitionCompletion(store: EventStore, logger?: ProcessManagerLogger): Processor<TransitionProgress> {
  return processManager({
    name: TRANSITION_COMPLETION,
    eventTypes: ['TransitionStarted', 'StaffOutcomeRecorded', 'AssetHandedOver'],
    store,
    logger,
    reads: { decider: serviceUnitDecider, streamId: ownStream('serviceUnit') },
    react: completeFinishedTransition,
    sendsTo: serviceUnitDecider,
  });
}

/** Contract terminated → its unit is reopened (reads the contract for its unit). */
export function terminationToReopening(
  store: EventStore,
  logger?: ProcessManagerLogger,
): Processor<ContractTerminated> {
  return processManager({
    name: TERMINATION_TO_REOPENING,
    eventTypes: ['ContractTerminated'],
    store,
    logger,
    reads: { decider: contractDecider, streamId: ownStream('contract') },
    react: reopenUnitOnTermination,
    sendsTo: serviceUnitDecider,
  });
}

export function workflowProcessManagers(store: EventStore, logger?: ProcessManagerLogger): Processor[] {
  return [
    awardToContract(store, logger),
    activationToTransition(store, logger),
    transitionCompletion(store, logger),
    terminationToReopening(store, logger),
  ];
}
