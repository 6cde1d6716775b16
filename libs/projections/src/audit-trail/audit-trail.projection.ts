import type { StoredEvent } from '@spinout/event-store';
import { occurredAt } from '../shared/events';
import type { AuditEntryRow } from './audit-entry.row';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The audit entry of one event. Entries are never changed, so there is no previous row to fold. */
export function projectAuditEntry(event: StoredEvent): AuditEntryRow {
  const metadata = event.metadata ?? {};
  const dash = event.streamId.indexOf('-');
  return {
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    streamId: event.streamId,
    category: dash > 0 ? event.streamId.slice(0, dash) : event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: text(metadata.actor) ?? 'unknown',
    reason: text(metadata.reason),
    occurredAt: occurredAt(event),
    recordedAt: event.recordedAt,
    correlationId: text(metadata.correlationId),
    causationId: text(metadata.causationId),
  };
}
