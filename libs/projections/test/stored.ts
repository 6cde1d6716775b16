import type { Message } from '@spinout/domain';
import { isEventOf, type Checkpoint, type StoredEvent } from '@spinout/event-store';

let position = 0;

/** The first `…At` time in an event's data: what runCommand would have stored as occurredAt (the command's time). */
function timeIn(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const entry = Object.entries(data).find(([key, value]) => key.endsWith('At') && typeof value === 'string');
  return entry?.[1] as string | undefined;
}

/** Domain events as they come back from the store: one stream, consecutive versions, increasing positions. */
export function stored<E extends Message>(
  streamId: string,
  events: readonly E[],
  options: { fromVersion?: number; actor?: string } = {},
): StoredEvent<E>[] {
  const from = options.fromVersion ?? 1;
  return events.map((event, index) => {
    position += 1;
    const at = timeIn(event.data) ?? '2025-01-01T00:00:00.000Z';
    return {
      ...event,
      eventId: `${streamId}-${from + index}`,
      schemaVersion: 1,
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

/** As `stored`, keeping only the events of `types`: what a processor that declares them is handed. */
export function storedOf<E extends Message>(
  types: readonly E['type'][],
  streamId: string,
  events: readonly Message[],
): StoredEvent<E>[] {
  return stored(streamId, events).filter((event) => isEventOf<E>(event, types));
}

/** Folds events one by one through a projector, as a processor does. */
export function foldAll<Row, E extends Message>(
  project: (row: Row | undefined, event: StoredEvent<E>) => Row | undefined,
  events: readonly StoredEvent<E>[],
  start?: Row,
): Row | undefined {
  return events.reduce<Row | undefined>((row, event) => project(row, event), start);
}
