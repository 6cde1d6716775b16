import { fold, notFound, providerDecider, providerEligibility, ProviderEligibility, ProviderEvent } from '@spinout/domain';
import type { EventStore } from '@spinout/event-store';
import { streamIdOf } from './streams';

/** Whether a provider may be awarded or sign on the day of `at`, read from its stream. */
export async function providerEligibilityOn(store: EventStore, providerId: string, at: string): Promise<ProviderEligibility> {
  const events = await store.readStream(streamIdOf('provider', providerId));
  if (events.length === 0) {
    throw notFound('provider_not_found', `No provider with id ${providerId}; register it first`, { field: 'providerId' });
  }
  // Stored events are upcast to their current shapes on read, so they fold as domain events.
  return providerEligibility(fold(providerDecider, events as unknown as ProviderEvent[]), at);
}
