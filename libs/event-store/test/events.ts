import { randomUUID } from 'node:crypto';
import { compareCheckpoints, type Checkpoint, type EventMetadata, type EventStore, type NewEvent } from '../src';

export const METADATA: EventMetadata = {
  actor: 'user:alice',
  correlationId: 'corr-1',
  occurredAt: '2024-11-20T10:00:00.000Z',
};

/** A fresh event with a random id; override what the test cares about. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ThingHappened',
    schemaVersion: 1,
    data: { amount: 1, note: 'hello', nested: { b: [1, 2, { z: true, a: null }], a: 'x' } },
    metadata: METADATA,
    ...overrides,
  };
}

export function newEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent({ data: { index }, ...overrides }));
}

export function streamId(prefix = 'thing'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * On PostgreSQL readers see only events below the oldest transaction running anywhere in the
 * cluster, so another test file's open transaction can hide our newest events for a moment.
 * Waits until everything up to `checkpoint` is readable, and returns the head then.
 */
export async function waitUntilReadable(
  store: EventStore,
  checkpoint: Checkpoint,
  timeoutMs = 10_000,
): Promise<Checkpoint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headCheckpoint();
    if (compareCheckpoints(head, checkpoint) >= 0 && head !== null) return head;
    if (Date.now() > deadline)
      throw new Error(`Checkpoint ${checkpoint} not readable after ${timeoutMs} ms (head ${head})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Appends a marker event and waits until it is readable: the head checkpoint then is "now" for readAll tests. */
export async function settledHead(store: EventStore): Promise<Checkpoint> {
  const marker = await store.append(streamId('marker'), [newEvent({ type: 'Marker' })], 'no_stream');
  return waitUntilReadable(store, marker.lastCheckpoint);
}
