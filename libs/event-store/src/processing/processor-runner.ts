import type { Checkpoint, EventStore } from '../event-store.port';
import type { SqlDatabase } from '../sql/database.port';
import { TypeOrmSqlDatabase } from '../sql/typeorm-sql-database';
import { BatchCommitter } from './batch-committer';
import { BatchReader } from './batch-reader';
import { LiveLoop } from './live-loop';
import { PgAdvisoryLease } from './pg-advisory-lease';
import { ProcessorHandoverStore } from './processor-handover';
import { InProcessLease, type LeaseFactory } from './processor-lease';
import { Lifecycle } from './processor-lifecycle';
import { describeError, SILENT_LOGGER, type ProcessorLogger } from './processor-logger';
import { replayFromStart, type RebuildOptions, type RebuildResult } from './processor-rebuild';
import { ProcessorStateStore, type ParkedEvent } from './processor-state.store';
import type { Processor, ProcessorStatus } from './processor.port';
import { retryPolicy, type RetryPolicy } from './retry-policy';
import type { RunnerParts } from './runner-parts';
import { Sleeper } from './sleeper';

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_MIN_BATCH_INTERVAL_MS = 100;
/**
 * Lag is counted event by event up to this many; beyond, it is estimated from log positions. A
 * count of everything behind a processor that is far behind (after a rebuild, an outage) reads
 * that many index entries on every health or metrics request, for every processor.
 */
const LAG_COUNTED_UP_TO = 10_000;

/** Settings shared by every runner of a host. */
export interface ProcessorRuntimeOptions {
  /** Idle wait between reads when the log had nothing new (default 200 ms); `wake()` ends it early. */
  pollIntervalMs?: number;
  /**
   * Shortest time from the start of one batch to the start of the next, once a batch has read
   * all there was (default 100 ms, `PROCESSOR_BATCH_INTERVAL_MS`). An event that arrives sooner waits for it, so under a stream
   * of commands each processor reads them in batches at most this often, instead of one read and
   * one transaction per command competing with the requests; an event after a quiet spell is
   * read at once. A full batch is followed at once, whatever this says.
   */
  minBatchIntervalMs?: number;
  /** How often a standby tries to take the lease, and an active runner looks for a hand-over request (default 1000 ms). */
  leaseRetryMs?: number;
  /** Retries of a failing batch, then of each event of it (default 3 tries, 50 ms × 4ⁿ up to 1 s). */
  retry?: Partial<RetryPolicy>;
  /** Longest wait after a failure outside a handler, e.g. reading the log (default 5000 ms). */
  maxErrorBackoffMs?: number;
  /** Makes each processor's lease. Default: PostgreSQL advisory lock on `leaseUrl`, or in-process on SQLite. */
  leases?: LeaseFactory;
  /** PostgreSQL URL for the lease connections; default: the URL the `TypeOrmSqlDatabase` was opened with. */
  leaseUrl?: string;
  logger?: ProcessorLogger;
}

export interface ProcessorRunnerDeps extends ProcessorRuntimeOptions {
  db: SqlDatabase;
  store: EventStore;
}

export type { RebuildOptions, RebuildProgress, RebuildResult } from './processor-rebuild';
export { RebuildConflictError } from './processor-handover';

/**
 * Runs one processor. Its live loop (`LiveLoop`) holds the lease and reads the log from the
 * checkpoint in batches; the `BatchCommitter` handles each batch and records the new checkpoint
 * (in one transaction with the handler's writes, or after a handler whose effects are outside
 * the database), retrying and parking what keeps failing; a rebuild (`replayFromStart`) takes the
 * loop's place while it runs. What the runner is doing is one `Lifecycle` value, moved by
 * `start()`, `stop()`, `rebuild()`, the loop and the lease.
 */
export class ProcessorRunner {
  readonly name: string;
  private readonly parts: RunnerParts;
  private readonly states: ProcessorStateStore;
  private readonly lifecycle = new Lifecycle();
  private readonly sleeper = new Sleeper();
  private readonly loop: LiveLoop;
  /** Settles when the loop last started returns; it never rejects. */
  private loopEnded: Promise<void> = Promise.resolve();
  private lastError: string | null = null;

  constructor(
    private readonly processor: Processor,
    deps: ProcessorRunnerDeps,
  ) {
    this.name = processor.name;
    const batchSize = processor.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`Processor ${this.name}: batchSize must be a positive integer`);
    if (
      processor.delivery !== undefined &&
      processor.delivery !== 'transactional' &&
      processor.delivery !== 'at-least-once'
    ) {
      throw new Error(
        `Processor ${this.name}: delivery must be 'transactional' or 'at-least-once', got ${String(processor.delivery)}`,
      );
    }
    this.states = new ProcessorStateStore(deps.db.dialect);
    const logger = deps.logger ?? SILENT_LOGGER;
    const retry = retryPolicy(deps.retry);
    const lease = (deps.leases ?? defaultLeaseFactory(deps.db, deps))(this.name);
    const pause = (ms: number, wakeable: boolean): Promise<void> =>
      this.lifecycle.stopRequested ? Promise.resolve() : this.sleeper.sleep(ms, { wakeable });
    const reportError = (message: string | null): void => {
      this.lastError = message;
    };
    const committer = new BatchCommitter({
      processor,
      db: deps.db,
      states: this.states,
      lease,
      retry,
      logger,
      pause: (ms) => pause(ms, false),
      stopping: () => this.lifecycle.stopRequested,
      reportError,
    });
    this.parts = {
      name: this.name,
      processor,
      db: deps.db,
      store: deps.store,
      lease,
      handovers: deps.db.dialect === 'postgres' ? new ProcessorHandoverStore() : null,
      reader: new BatchReader(deps.store, processor.eventTypes),
      committer,
      lifecycle: this.lifecycle,
      logger,
      retry,
      batchSize,
      pollIntervalMs: deps.pollIntervalMs ?? 200,
      minBatchIntervalMs: deps.minBatchIntervalMs ?? DEFAULT_MIN_BATCH_INTERVAL_MS,
      leaseRetryMs: deps.leaseRetryMs ?? 1000,
      maxErrorBackoffMs: deps.maxErrorBackoffMs ?? 5000,
      pause,
      releaseLease: () => this.releaseLease(),
      reportError,
    };
    this.loop = new LiveLoop(this.parts);
    lease.onLost((reason) => this.leaseLost(reason));
  }

  /** Starts the loop in the background: standby until the lease is taken, then active. */
  start(): void {
    const wasStopped = this.lifecycle.is('stopped');
    this.lifecycle.apply({ type: 'StartRequested' });
    if (wasStopped) this.launchLoop();
  }

  /**
   * Lets the current batch finish, then releases the lease and closes its connection. During a
   * rebuild it releases the lease at once: the rebuild fails at its next wait or commit, and the
   * loop does not resume after it.
   */
  async stop(): Promise<void> {
    const lifecycle = this.lifecycle.apply({ type: 'StopRequested' });
    this.sleeper.interrupt();
    if (lifecycle.status === 'rebuilding') {
      await this.releaseLease();
      return;
    }
    await this.loopEnded;
    if (this.lifecycle.is('rebuilding')) return; // a rebuild took the loop's place meanwhile; it ends without resuming it
    await this.releaseLease();
    this.lifecycle.apply({ type: 'StopCompleted' });
    if (this.lifecycle.loopRuns) this.launchLoop(); // start() was called meanwhile
  }

  /** New events were appended in this process (up to `appendedUpTo`): read now rather than at the next poll. */
  wake(appendedUpTo?: Checkpoint): void {
    if (appendedUpTo !== undefined) this.loop.appended(appendedUpTo);
    this.sleeper.wake();
  }

  /** The checkpoint and parked count come from the database, so every instance reports the same lag. */
  async status(): Promise<ProcessorStatus> {
    const { db, store } = this.parts;
    const row = await this.states.read(db, this.name);
    const checkpoint = row?.checkpoint ?? null;
    const [lag, parked] = await Promise.all([
      store.countAfter(checkpoint, LAG_COUNTED_UP_TO + 1),
      this.states.countParked(db, this.name),
    ]);
    return {
      name: this.name,
      state: this.lifecycle.reported,
      checkpoint,
      lag,
      lastProgressAt: checkpoint === null ? null : (row?.updatedAt ?? null),
      parked,
      lastError: this.lastError,
    };
  }

  parked(): Promise<ParkedEvent[]> {
    return this.states.listParked(this.parts.db, this.name);
  }

  /**
   * Empties the processor's tables (`reset`), its checkpoint and parked events in one
   * transaction, then replays the whole log under the same rules as the live loop. Holds the
   * lease throughout: if this runner was running, its loop pauses and resumes afterwards; if
   * another process holds the lease (PostgreSQL), it is asked to hand the processor over and
   * takes it back when this rebuild releases the lease. Readers see the read model fill up again
   * while it runs.
   */
  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    if (!this.processor.reset) throw new Error(`Processor ${this.name} has no reset(), so it cannot be rebuilt`);
    if (this.lifecycle.is('rebuilding')) throw new Error(`Processor ${this.name} is already being rebuilt`);
    const startedAt = Date.now();
    this.lifecycle.apply({ type: 'RebuildRequested' });
    this.sleeper.interrupt();
    let replayed = false;
    try {
      await this.loopEnded;
      this.lifecycle.apply({ type: 'LoopEnded' });
      const result = await replayFromStart(this.parts, options, startedAt, () =>
        this.lifecycle.apply({ type: 'RebuildLeaseTaken' }),
      );
      replayed = true;
      return result;
    } finally {
      const { current } = this.lifecycle;
      if (current.status === 'rebuilding' && !current.resume) await this.releaseLease();
      this.lifecycle.apply({ type: 'RebuildEnded', checkpointLoaded: replayed && this.parts.lease.held });
      if (this.lifecycle.loopRuns) this.launchLoop();
    }
  }

  private launchLoop(): void {
    this.loopEnded = this.loop.run();
  }

  private leaseLost(reason: Error): void {
    this.lastError = `Lease lost: ${describeError(reason)}`;
    this.loop.leaseLost();
    this.lifecycle.apply({ type: 'LeaseLost' });
    this.parts.logger.warn(`Processor ${this.name}: ${this.lastError}; standing by`);
    this.sleeper.interrupt();
  }

  private async releaseLease(): Promise<void> {
    try {
      await this.parts.lease.release();
    } catch (error) {
      this.parts.logger.warn(`Processor ${this.name}: releasing the lease failed: ${describeError(error)}`);
    }
  }
}

/** PostgreSQL: an advisory lock per processor on its own connection; SQLite: in-process (one process owns the file). */
export function defaultLeaseFactory(
  db: SqlDatabase,
  options: Pick<ProcessorRuntimeOptions, 'leaseUrl' | 'logger' | 'leaseRetryMs'> = {},
): LeaseFactory {
  if (db.dialect === 'sqlite') return (name) => new InProcessLease(db, name);
  const url =
    options.leaseUrl ??
    (db instanceof TypeOrmSqlDatabase ? (db.dataSource.options as { url?: string }).url : undefined);
  if (!url) throw new Error('Processors on PostgreSQL need a leaseUrl for their lease connections');
  return (name) =>
    new PgAdvisoryLease({ url, processorName: name, logger: options.logger, heartbeatMs: options.leaseRetryMs });
}
