import type { Checkpoint, StoredEvent } from '../event-store.port';
import type { SqlExecutor } from '../sql/database.port';

/**
 * A processor follows the whole event log from its own checkpoint: projections, process
 * managers and the Kafka relay are all processors. The runtime reads a batch, calls `handle`
 * inside one transaction, and commits the handler's writes together with the new checkpoint,
 * so a read model is changed exactly once per event even across crashes.
 */
export interface Processor {
  /** Stable name; the checkpoint, lease and parked events are kept under it. */
  readonly name: string;
  /** Event types this processor reads; others are skipped (the checkpoint still advances). Absent = all. */
  readonly eventTypes?: readonly string[];
  /** Events per batch (default 500). */
  readonly batchSize?: number;
  /**
   * Applies a batch. Writes go through `tx`, the transaction that also stores the checkpoint.
   * Throwing rolls the batch back; the runtime retries with backoff, then isolates and parks
   * the event that keeps failing and goes on.
   */
  handle(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void>;
  /** Rebuild: empties the processor's own tables (in `tx`) before a replay from position zero. */
  reset?(tx: SqlExecutor): Promise<void>;
}

/** What health checks and metrics show of each processor. */
export interface ProcessorStatus {
  name: string;
  /** 'active' holds the lease and runs; 'standby' waits for it; 'stopped' is not started. */
  state: 'active' | 'standby' | 'stopped';
  checkpoint: Checkpoint | null;
  /** Events visible in the log after the checkpoint. */
  lag: number;
  lastProgressAt: string | null;
  parked: number;
  lastError: string | null;
}
