import { conflict, type RecordAward, serviceUnitDecider, streamIdOf } from '@spinout/domain';
import { type EventStore, runCommand, type RunCommandResult } from '@spinout/event-store';
import type { CommandContext } from './command-context';
import { providerEligibilityOn } from './provider-eligibility';

/** From the Kafka consumer, `eventIds` come from the inbound message, so a redelivery appends nothing. */
export interface RecordAwardInput extends CommandContext {
  readonly unitId: string;
  readonly award: RecordAward['data'];
}

/**
 * Recording an award spans two aggregates: the provider must be eligible (registered, not
 * suspended, not debarred) on the day of the award, and the unit must be in procurement for that
 * tender. The same rule serves the HTTP endpoint and the Kafka consumer. The provider is read
 * first; a suspension recorded in the same instant may race the award, and the contract's
 * signing check catches it again.
 */
export async function recordAward(store: EventStore, input: RecordAwardInput): Promise<RunCommandResult<unknown>> {
  const eligibility = await providerEligibilityOn(store, input.award.providerId, input.at);
  if (!eligibility.eligible) {
    throw conflict(
      'provider_not_eligible',
      `Provider ${input.award.providerId} cannot be awarded: ${eligibility.reason}`,
      { providerId: input.award.providerId },
    );
  }
  return runCommand({
    store,
    decider: serviceUnitDecider,
    streamId: streamIdOf('serviceUnit', input.unitId),
    command: { type: 'RecordAward', data: input.award, actor: input.actor, at: input.at },
    metadata: input.metadata,
    expectedVersion: input.expectedVersion,
    eventIds: input.eventIds,
  });
}
