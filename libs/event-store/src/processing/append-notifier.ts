import type {
  AppendResult,
  Checkpoint,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllResult,
  StoredEvent,
  VerificationReport,
} from '../event-store.port';

/** Called after an append in this process, with the checkpoint of its last event. */
export type AppendListener = (appendedUpTo: Checkpoint) => void;

/**
 * Tells the processors of this process that events were appended, and up to where, so they read
 * at once instead of at their next poll, and keep looking until they have read that far.
 * Appends in other processes are still seen at the next poll.
 */
export class AppendNotifier {
  private readonly listeners = new Set<AppendListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(appendedUpTo: Checkpoint): void {
    for (const listener of this.listeners) {
      try {
        listener(appendedUpTo);
      } catch {
        // A listener's failure is its own; the append already succeeded.
      }
    }
  }
}

/** An `EventStore` that notifies after every append that stored something. */
export class NotifyingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly notifier: AppendNotifier,
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expected);
    if (result.appended) this.notifier.notify(result.lastCheckpoint);
    return result;
  }

  readStream(streamId: string, fromVersion?: number): Promise<StoredEvent[]> {
    return this.inner.readStream(streamId, fromVersion);
  }

  readAll(after: Checkpoint | null, limit: number, types?: readonly string[]): Promise<ReadAllResult> {
    return this.inner.readAll(after, limit, types);
  }

  headCheckpoint(): Promise<Checkpoint | null> {
    return this.inner.headCheckpoint();
  }

  countAfter(after: Checkpoint | null, exactUpTo?: number): Promise<number> {
    return this.inner.countAfter(after, exactUpTo);
  }

  verify(streamId?: string): Promise<VerificationReport> {
    return this.inner.verify(streamId);
  }

  currentSchemaVersion(type: string): number {
    return this.inner.currentSchemaVersion?.(type) ?? 1;
  }
}
