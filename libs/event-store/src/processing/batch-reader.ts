import type { Checkpoint, EventStore, ReadAllResult } from '../event-store.port';

/**
 * Reads a runner's batches of the log: `size` entries of it at a time, answering only the events
 * of `types` when the processor names them (the rest are not fetched). A full batch (or any,
 * while rebuilding) starts the read of the one after it, so the database reads the log while the
 * runner handles and commits the batch: the two overlap instead of taking turns. A read-ahead
 * from another checkpoint than the one asked for (a failed commit, a lost lease, a hand-over) is
 * dropped.
 */
export class BatchReader {
  private ahead: { from: Checkpoint | null; size: number; batch: Promise<ReadAllResult> } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly types?: readonly string[],
  ) {}

  async read(from: Checkpoint | null, size: number, readAhead: 'when-full' | 'always'): Promise<ReadAllResult> {
    const ahead = this.ahead;
    this.ahead = null;
    const batch = await (ahead !== null && ahead.from === from && ahead.size === size
      ? ahead.batch
      : this.store.readAll(from, size, this.types));
    if (batch.checkpoint !== null && batch.scanned > 0 && (readAhead === 'always' || batch.scanned >= size)) {
      const next = this.store.readAll(batch.checkpoint, size, this.types);
      next.catch(() => undefined); // a failed read-ahead is read again, and fails then if it must
      this.ahead = { from: batch.checkpoint, size, batch: next };
    }
    return batch;
  }

  /** Forgets a read-ahead: the runner no longer stands where it was read from. */
  drop(): void {
    this.ahead = null;
  }
}
