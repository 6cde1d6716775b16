import { notFound, providerDecider, providerEligibility, streamIdOf, type ProviderEligibility } from '@spinout/domain';
import { loadState, type EventStore } from '@spinout/event-store';

/** Whether a provider may be awarded or sign on the day of `at`, read from its stream. */
export async function providerEligibilityOn(
  store: EventStore,
  providerId: string,
  at: string,
): Promise<ProviderEligibility> {
  const { version, state } = await loadState(store, providerDecider, streamIdOf('provider', providerId));
  if (version === 0) {
    throw notFound('provider_not_found', `No provider with id ${providerId}; register it first`, {
      field: 'providerId',
    });
  }
  return providerEligibility(state, at);
}
