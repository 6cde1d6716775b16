import type { Message } from '@spinout/domain';
import type { Checkpoint, StoredEvent } from '@spinout/event-store';

let position = 0;

/** The first `…At` time in an event's data: what runCommand would have stored as occurredAt (the command's time). */
function timeIn(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const entry = Object.entries(data).find(([key, value]) => key.endsWith('At') && typeof value === 'string');
  return entry?.[1] as string | undefined;
}

/** Domain events as they come back from the store: one stream, consecutive versions, increasing positions. */
export function stored(streamId: string, events: readonly Message[], options: { fromVersion?: number; actor?: string } = {}): StoredEvent[] {
  const from = options.fromVersion ?? 1;
  return events.map((event, index) => {
    position += 1;
    const at = timeIn(event.data) ?? '2025-01-01T00:00:00.000Z';
    return {
      eventId: `${streamId}-${from + index}`,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: { actor: options.actor ?? 'user:test', correlationId: `corr-${streamId}`, occurredAt: at },
      streamId,
      streamVersion: from + index,
      globalPosition: position,
      checkpoint: String(position).padStart(20, '0') as Checkpoint,
      recordedAt: '2026-01-01T00:00:00.000Z',
      hash: 'test',
    };
  });
}

/** Folds events one by one through a projector, as a processor does. */
export function foldAll<Row>(project: (row: Row | undefined, event: StoredEvent) => Row | undefined, events: readonly StoredEvent[], start?: Row): Row | undefined {
  return events.reduce<Row | undefined>((row, event) => project(row, event), start);
}
