import { eventIdsFor, SPINOUT_NAMESPACE, uuidFromName } from '@spinout/workflow';

/**
 * Namespace of the ids of events appended for an inbound CloudEvent. It differs from the one the
 * earlier rule used, so no `ce_id` a sender chooses can produce an id of the other rule.
 */
export const INBOUND_EVENT_NAMESPACE = uuidFromName(SPINOUT_NAMESPACE, 'inbound-cloudevent:source+id');

/**
 * Ids of the events appended for the message `(ce_source, ce_id)`. CloudEvents makes only the
 * pair unique: two producers may both send a `ce_id` of "1". The pair is encoded as a JSON array,
 * so no two pairs share a name.
 */
export function inboundEventIds(source: string, id: string): (index: number) => string {
  const name = JSON.stringify([source, id]);
  return (index) => uuidFromName(INBOUND_EVENT_NAMESPACE, `${name}#${index}`);
}

/**
 * The earlier rule, from `ce_id` alone. Events stored under it stay as they are (the log is
 * immutable); the handler recognises a redelivery of such a message by its stored metadata
 * (`source` and `causationId`), so it is still applied once.
 */
export function legacyInboundEventIds(id: string): (index: number) => string {
  return eventIdsFor(id);
}
