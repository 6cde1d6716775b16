import { assertNever, type Decider, streamIdOf } from '../shared';
import { type ContractCommand } from './contract.commands';
import { CONTRACT_ERROR_CODES, type ContractErrorCode } from './contract.errors';
import { CONTRACT_EVENT_TYPES, type ContractEvent } from './contract.events';
import { evolveContract } from './contract.evolve';
import { type ContractState, initialContractState } from './contract.state';
import {
  decideActivate,
  decideAmend,
  decideDraft,
  decideExpire,
  decideRenew,
  decideResume,
  decideSign,
  decideSuspend,
  decideTerminate,
} from './lifecycle.decide';
import { decideCloseRectification, decideCorrectMeasurement, decideRecordMeasurement } from './performance.decide';
import { decideApprove, decideInvoice, decidePayment } from './settlement.decide';

/** One stream per contract. */
export const contractStreamId = (contractId: string): string => streamIdOf('contract', contractId);
export const streamId = contractStreamId;

export function decideContract(command: ContractCommand, state: ContractState): ContractEvent[] {
  switch (command.type) {
    case 'DraftContract':
      return decideDraft(command, state);
    case 'SignContract':
      return decideSign(command, state);
    case 'ActivateContract':
      return decideActivate(command, state);
    case 'SuspendContract':
      return decideSuspend(command, state);
    case 'ResumeContract':
      return decideResume(command, state);
    case 'AmendContract':
      return decideAmend(command, state);
    case 'RenewContract':
      return decideRenew(command, state);
    case 'ExpireContract':
      return decideExpire(command, state);
    case 'TerminateContract':
      return decideTerminate(command, state);
    case 'RecordMeasurement':
      return decideRecordMeasurement(command, state);
    case 'CorrectMeasurement':
      return decideCorrectMeasurement(command, state);
    case 'CloseRectificationPlan':
      return decideCloseRectification(command, state);
    case 'RecordInvoice':
      return decideInvoice(command, state);
    case 'ApproveSettlement':
      return decideApprove(command, state);
    case 'RecordPayment':
      return decidePayment(command, state);
    default:
      return assertNever(command);
  }
}

export const contractDecider: Decider<ContractCommand, ContractEvent, ContractState, ContractErrorCode> = {
  initialState: initialContractState,
  eventTypes: CONTRACT_EVENT_TYPES,
  evolve: evolveContract,
  decide: decideContract,
  errorCodes: CONTRACT_ERROR_CODES,
};
