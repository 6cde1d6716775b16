import type { Message } from '@spinout/decider';
import type { Checkpoint, StoredEvent } from '../event-store.port';
import type { SqlExecutor } from '../sql/database.port';

/**
 * How a processor's effects relate to its checkpoint.
 *
 * - `transactional` (the default): `handle` writes only to the database, through the transaction
 *   that also stores the checkpoint, so each event's effect happens exactly once. That
 *   transaction stays open while `handle` runs, so `handle` must not wait on anything else.
 * - `at-least-once`: `handle` has effects outside the database's transaction (it publishes to a
 *   broker, or appends through the event store). The runtime calls it with no transaction open,
 *   then records the checkpoint in a short transaction that re-checks the lease and that the
 *   checkpoint is still the one the batch was read from. A crash, a lost lease or another
 *   instance's commit in between means the batch is handled again: its effects must tolerate a
 *   repeat (derived event ids, consumers deduplicating by event id).
 */
export type ProcessorDelivery = 'transactional' | 'at-least-once';

/**
 * A processor follows the whole event log from its own checkpoint: projections, process
 * managers and the Kafka relay are all processors. The runtime reads a batch, calls `handle`,
 * and stores the new checkpoint: in the same transaction as the handler's writes (projections,
 * exactly once) or after the handler returned (`delivery: 'at-least-once'`).
 *
 * `E` is the union of events the processor reads, and `eventTypes` lists its types: the runtime
 * hands `handle` only events whose type is listed, which is what lets a host keep processors of
 * different unions side by side as `Processor`. Only a processor of every event (`E` = `Message`)
 * leaves `eventTypes` out.
 */
export interface Processor<E extends Message = Message> {
  /** Stable name; the checkpoint, lease and parked events are kept under it. */
  readonly name: string;
  /** Event types this processor reads; others are skipped (the checkpoint still advances). Absent = all. */
  readonly eventTypes?: readonly E['type'][];
  /** Events per batch (default 500). */
  readonly batchSize?: number;
  /** Default `transactional`; see `ProcessorDelivery`. */
  readonly delivery?: ProcessorDelivery;
  /**
   * Applies a batch. `transactional`: `db` is the transaction that also stores the checkpoint.
   * `at-least-once`: `db` is the database itself, outside any transaction, each statement
   * committing on its own. Throwing fails the batch (a transaction is rolled back); the runtime
   * retries with backoff, then isolates and parks the event that keeps failing and goes on.
   */
  handle(events: readonly StoredEvent<E>[], db: SqlExecutor): Promise<void>;
  /** Rebuild: empties the processor's own tables (in `tx`) before a replay from position zero. */
  reset?(tx: SqlExecutor): Promise<void>;
}

/** What health checks and metrics show of each processor. */
export interface ProcessorStatus {
  name: string;
  /** 'active' holds the lease and runs; 'standby' waits for it; 'stopped' is not started. */
  state: 'active' | 'standby' | 'stopped';
  checkpoint: Checkpoint | null;
  /**
   * Events in the log after the checkpoint, counting those committed but not readable yet
   * because an older transaction is still open (ADR 002): a stall shows as lag. Counted up to
   * 10,000 (`LAG_COUNTED_UP_TO`); beyond that, estimated from log positions.
   */
  lag: number;
  lastProgressAt: string | null;
  parked: number;
  lastError: string | null;
}
