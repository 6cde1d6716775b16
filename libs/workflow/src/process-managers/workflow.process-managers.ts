import {
  AwardRecorded, Command, contractDecider, Decider, Message, serviceUnitDecider, ServiceUnitState, staffTotal,
} from '@spinout/domain';
import { loadState, type EventStore, type Processor, type StoredEvent } from '@spinout/event-store';
import { SPINOUT_NAMESPACE, uuidFromName } from '../deterministic-id';
import { SLA_TEMPLATES } from '../sla-templates';
import { idInStream, streamIdOf } from '../streams';
import { defaultContractPeriod, monthsBetween } from './contract-terms';
import { processManager, ProcessManagerLogger, Reaction } from './process-manager';

const unitDecider = serviceUnitDecider as Decider<Command, Message, unknown>;
const anyContractDecider = contractDecider as Decider<Command, Message, unknown>;

/** The contract id drafted for an award: derived, so the draft is created once whoever asks. */
export function contractIdForAward(unitId: string, awardId: string): string {
  return uuidFromName(SPINOUT_NAMESPACE, `contract-for-award:${unitId}:${awardId}`);
}

async function unitState(store: EventStore, unitId: string): Promise<ServiceUnitState> {
  return (await loadState(store, serviceUnitDecider, streamIdOf('serviceUnit', unitId))).state;
}

async function contractState(store: EventStore, contractId: string) {
  return (await loadState(store, contractDecider, streamIdOf('contract', contractId))).state;
}

/** Award recorded → a contract is drafted from the award, with the category's SLA template. */
export function awardToContract(store: EventStore, logger?: ProcessManagerLogger): Processor {
  return processManager({
    name: 'pm-award-to-contract', eventTypes: ['AwardRecorded'], store, logger,
    react: async (event: StoredEvent): Promise<Reaction[]> => {
      const award = (event as unknown as AwardRecorded).data;
      const unit = await unitState(store, award.unitId);
      if (unit.status !== 'registered') return [];
      const period = award.contractPeriod ?? defaultContractPeriod(award.recordedAt);
      const months = monthsBetween(period.start, period.end);
      const contractId = contractIdForAward(award.unitId, award.awardId);
      const data = {
        contractId, unitId: award.unitId, providerId: award.providerId, agency: unit.agency, procurementId: award.procurementId, awardId: award.awardId,
        totalValue: award.contractValue, period,
        monthlyCharge: { amountMinor: Math.round(award.contractValue.amountMinor / months), currency: award.contractValue.currency },
        slas: SLA_TEMPLATES[unit.category],
      };
      return [{ decider: anyContractDecider, streamId: streamIdOf('contract', contractId), command: { type: 'DraftContract', data, actor: 'system:pm-award-to-contract', at: event.metadata.occurredAt } }];
    },
  });
}

/** Contract activated → its service unit enters transition. */
export function activationToTransition(store: EventStore, logger?: ProcessManagerLogger): Processor {
  return processManager({
    name: 'pm-activation-to-transition', eventTypes: ['ContractActivated'], store, logger,
    react: async (event) => {
      const contractId = idInStream('contract', event.streamId);
      if (!contractId) return [];
      const contract = await contractState(store, contractId);
      if (contract.status === 'none') return [];
      return [{ decider: unitDecider, streamId: streamIdOf('serviceUnit', contract.unitId), command: { type: 'StartTransition', data: { contractId }, actor: 'system:pm-activation-to-transition', at: event.metadata.occurredAt } }];
    },
  });
}

/** Staff all accounted for and every asset disposed of, during transition → the unit completes. */
export function transitionCompletion(store: EventStore, logger?: ProcessManagerLogger): Processor {
  return processManager({
    name: 'pm-transition-completion', eventTypes: ['TransitionStarted', 'StaffOutcomeRecorded', 'AssetHandedOver'], store, logger,
    react: async (event) => {
      const unitId = idInStream('serviceUnit', event.streamId);
      if (!unitId) return [];
      const unit = await unitState(store, unitId);
      if (unit.status !== 'registered' || unit.stage !== 'transition') return [];
      const staffDone = unit.staffOutcome !== null && staffTotal(unit.staffOutcome) === unit.establishmentHeadcount;
      const assetsDone = unit.assets.every((asset) => asset.handover !== null);
      if (!staffDone || !assetsDone) return [];
      return [{ decider: unitDecider, streamId: event.streamId, command: { type: 'CompleteTransition', data: {}, actor: 'system:pm-transition-completion', at: event.metadata.occurredAt } }];
    },
  });
}

/** Contract terminated → its unit is reopened: re-tendered, or back in-house, as the termination said. */
export function terminationToReopening(store: EventStore, logger?: ProcessManagerLogger): Processor {
  return processManager({
    name: 'pm-termination-to-reopening', eventTypes: ['ContractTerminated'], store, logger,
    react: async (event) => {
      const contractId = idInStream('contract', event.streamId);
      if (!contractId) return [];
      const contract = await contractState(store, contractId);
      if (contract.status === 'none') return [];
      const data = event.data as { reason: string; detail: string; unitRoute?: 'retender' | 'insource' };
      const reopen = { contractId, route: data.unitRoute ?? 'retender', reason: `Contract terminated (${data.reason}): ${data.detail}` };
      return [{ decider: unitDecider, streamId: streamIdOf('serviceUnit', contract.unitId), command: { type: 'ReopenAfterTermination', data: reopen, actor: 'system:pm-termination-to-reopening', at: event.metadata.occurredAt } }];
    },
  });
}

export function workflowProcessManagers(store: EventStore, logger?: ProcessManagerLogger): Processor[] {
  return [awardToContract(store, logger), activationToTransition(store, logger), transitionCompletion(store, logger), terminationToReopening(store, logger)];
}
