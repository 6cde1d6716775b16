import { contractDecider, notFound, streamIdOf } from '@spinout/domain';
import { type EventStore, loadState, runCommand, type RunCommandResult } from '@spinout/event-store';
import type { CommandContext } from './command-context';
import { providerEligibilityOn } from './provider-eligibility';

export interface SignContractInput extends CommandContext {
  readonly contractId: string;
}

/** Signing needs the provider's standing on the day: the contract decider refuses an ineligible provider. */
export async function signContract(store: EventStore, input: SignContractInput): Promise<RunCommandResult<unknown>> {
  const streamId = streamIdOf('contract', input.contractId);
  const { state: contract } = await loadState(store, contractDecider, streamId);
  if (contract.status === 'none') throw notFound('contract_not_found', `No contract with id ${input.contractId}`);
  const eligibility = await providerEligibilityOn(store, contract.providerId, input.at);
  return runCommand({
    store,
    decider: contractDecider,
    streamId,
    command: {
      type: 'SignContract',
      data: {
        contractId: input.contractId,
        providerEligible: eligibility.eligible,
        ineligibleReason: eligibility.eligible ? undefined : eligibility.reason,
      },
      actor: input.actor,
      at: input.at,
    },
    metadata: input.metadata,
    expectedVersion: input.expectedVersion,
    eventIds: input.eventIds,
  });
}
