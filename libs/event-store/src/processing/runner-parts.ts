import type { EventStore } from '../event-store.port';
import type { SqlDatabase } from '../sql/database.port';
import type { BatchCommitter } from './batch-committer';
import type { BatchReader } from './batch-reader';
import type { ProcessorHandoverStore } from './processor-handover';
import type { ProcessorLease } from './processor-lease';
import type { Lifecycle } from './processor-lifecycle';
import type { ProcessorLogger } from './processor-logger';
import type { Processor } from './processor.port';
import type { RetryPolicy } from './retry-policy';

/** What a runner's live loop and its rebuild share: one processor, its lease, checkpoint and lifecycle. */
export interface RunnerParts {
  readonly name: string;
  readonly processor: Processor;
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly lease: ProcessorLease;
  /** PostgreSQL only: on SQLite one process owns the file, and rebuilds run with the service stopped. */
  readonly handovers: ProcessorHandoverStore | null;
  readonly reader: BatchReader;
  readonly committer: BatchCommitter;
  readonly lifecycle: Lifecycle;
  readonly logger: ProcessorLogger;
  readonly retry: RetryPolicy;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** Shortest time between the starts of two batches when the first read all there was. */
  readonly minBatchIntervalMs: number;
  readonly leaseRetryMs: number;
  readonly maxErrorBackoffMs: number;
  /** Waits, unless a stop is requested; `wakeable` waits also end on `wake()`. */
  pause(ms: number, wakeable: boolean): Promise<void>;
  /** Gives the lease up; a failure is logged, never thrown. */
  releaseLease(): Promise<void>;
  /** The last error `status()` shows; null clears it. */
  reportError(message: string | null): void;
}
