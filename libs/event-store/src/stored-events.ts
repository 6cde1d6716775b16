import { fold, type Decider, type Message } from '@spinout/decider';
import { UnexpectedEventError } from './errors';
import type { StoredEvent } from './event-store.port';

/**
 * The one place a stored event's type is asserted: an event whose stored type is one of `types`
 * is that member of `E`. Sound because the store gives data back in the current schema of its
 * type (upcasting) and an aggregate appends only events of its own union, so the stored type tag
 * selects the variant. Give `E` explicitly: `isEventOf<ContractEvent>(event, CONTRACT_EVENT_TYPES)`.
 */
export function isEventOf<E extends Message>(event: StoredEvent, types: readonly E['type'][]): event is StoredEvent<E> {
  return types.some((type) => type === event.type);
}

/** `event` as a member of `E`, or `UnexpectedEventError` when its type is not among `types`. */
export function narrowEvent<E extends Message>(event: StoredEvent, types: readonly E['type'][]): StoredEvent<E> {
  if (isEventOf<E>(event, types)) return event;
  throw new UnexpectedEventError(event.streamId, event.eventId, event.type);
}

/** A decider's state after its stream's stored events, each checked against the decider's `eventTypes`. */
export function foldStream<C, E extends Message, S>(decider: Decider<C, E, S>, events: readonly StoredEvent[]): S {
  return fold(
    decider,
    events.map((event) => narrowEvent<E>(event, decider.eventTypes)),
  );
}
