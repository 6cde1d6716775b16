import { compareCheckpoints, type Checkpoint, type EventStore, type ReadAllResult, type StoredEvent } from '../event-store.port';
import type { SqlDatabase } from '../sql/database.port';
import { TypeOrmSqlDatabase } from '../sql/typeorm-sql-database';
import { BatchCommitter, StopRequestedError, type BatchOutcome } from './batch-committer';
import { BatchReader } from './batch-reader';
import { PgAdvisoryLease } from './pg-advisory-lease';
import { acquireByHandover, ProcessorHandoverStore, RebuildConflictError } from './processor-handover';
import { InProcessLease, LeaseLostError, type LeaseFactory, type ProcessorLease } from './processor-lease';
import { describeError, errorDetail, SILENT_LOGGER, type ProcessorLogger } from './processor-logger';
import { ProcessorStateStore, StaleCheckpointError, type ParkedEvent } from './processor-state.store';
import type { Processor, ProcessorStatus } from './processor.port';
import { backoffDelay, retryPolicy, type RetryPolicy } from './retry-policy';
import { Sleeper } from './sleeper';

const DEFAULT_BATCH_SIZE = 500;
/**
 * A rebuild reads at least this many events per batch: each batch costs a transaction and a few
 * statements whatever its size, and nobody waits on a rebuild's freshness. Measured on 100k
 * events: the units view rebuilt at 57k events/s in batches of 1,000, 82k in batches of 5,000.
 */
const MIN_REBUILD_BATCH_SIZE = 5000;
/** First wait for an event appended in this process that is not readable yet; it doubles up to the poll interval. */
const CATCH_UP_FIRST_WAIT_MS = 5;

/** Settings shared by every runner of a host. */
export interface ProcessorRuntimeOptions {
  /** Idle wait between reads when the log had nothing new (default 200 ms); `wake()` ends it early. */
  pollIntervalMs?: number;
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

export interface RebuildProgress {
  processor: string;
  /** Events read so far, skipped ones included. */
  done: number;
  /** Events in the log when the rebuild started (grows if more arrive meanwhile). */
  total: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /**
   * How long to wait for the lease when another instance holds it (default 30 000 ms). On
   * PostgreSQL the rebuild asks that instance to hand the processor over meanwhile.
   */
  leaseWaitMs?: number;
  /** Called once when the rebuild had to ask another instance to hand the processor over. */
  onHandoverRequested?: (processor: string) => void;
}

export interface RebuildResult {
  processor: string;
  /** Events read, skipped ones included. */
  events: number;
  /** Events handed to the processor and committed. */
  handled: number;
  parked: number;
  elapsedMs: number;
  checkpoint: Checkpoint | null;
}

export { RebuildConflictError } from './processor-handover';

/**
 * Runs one processor: holds its lease, reads the log from its checkpoint in batches and hands
 * them to a `BatchCommitter`, which handles each and records the new checkpoint (in one
 * transaction with the handler's writes, or after a handler whose effects are outside the
 * database). On PostgreSQL it hands its lease over when a rebuild in another process asks for it.
 * The loop catches everything: a failing processor never stops another.
 */
export class ProcessorRunner {
  readonly name: string;
  private readonly db: SqlDatabase;
  private readonly store: EventStore;
  private readonly states: ProcessorStateStore;
  private readonly lease: ProcessorLease;
  private readonly committer: BatchCommitter;
  /** PostgreSQL only: on SQLite one process owns the file, and rebuilds run with the service stopped. */
  private readonly handovers: ProcessorHandoverStore | null;
  private readonly logger: ProcessorLogger;
  private readonly retry: RetryPolicy;
  private readonly pollIntervalMs: number;
  private readonly leaseRetryMs: number;
  private readonly maxErrorBackoffMs: number;
  private readonly batchSize: number;
  private readonly types: ReadonlySet<string> | null;
  private readonly sleeper = new Sleeper();
  private readonly reader: BatchReader;

  private state: ProcessorStatus['state'] = 'stopped';
  /** True while the lease is held and the checkpoint was loaded under it. */
  private active = false;
  private lastError: string | null = null;
  private retryLeaseAt = 0;
  private nextHandoverCheckAt = 0;
  /** The loop should run: set by start(), cleared by stop(). */
  private wanted = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private rebuilding = false;
  /** The newest position appended in this process that this runner was told of and may not have read yet. */
  private awaited: Checkpoint | null = null;
  private catchUpWaitMs = 0;

  constructor(
    private readonly processor: Processor,
    deps: ProcessorRunnerDeps,
  ) {
    this.name = processor.name;
    this.db = deps.db;
    this.store = deps.store;
    this.reader = new BatchReader(deps.store);
    this.states = new ProcessorStateStore(deps.db.dialect);
    this.handovers = deps.db.dialect === 'postgres' ? new ProcessorHandoverStore() : null;
    this.logger = deps.logger ?? SILENT_LOGGER;
    this.retry = retryPolicy(deps.retry);
    this.pollIntervalMs = deps.pollIntervalMs ?? 200;
    this.leaseRetryMs = deps.leaseRetryMs ?? 1000;
    this.maxErrorBackoffMs = deps.maxErrorBackoffMs ?? 5000;
    this.batchSize = processor.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`Processor ${this.name}: batchSize must be a positive integer`);
    if (processor.delivery !== undefined && processor.delivery !== 'transactional' && processor.delivery !== 'at-least-once') {
      throw new Error(`Processor ${this.name}: delivery must be 'transactional' or 'at-least-once', got ${String(processor.delivery)}`);
    }
    this.types = processor.eventTypes ? new Set(processor.eventTypes) : null;
    this.lease = (deps.leases ?? defaultLeaseFactory(deps.db, deps))(this.name);
    this.lease.onLost((reason) => this.leaseLost(reason));
    this.committer = new BatchCommitter({
      processor,
      db: deps.db,
      states: this.states,
      lease: this.lease,
      retry: this.retry,
      logger: this.logger,
      pause: (ms) => this.pause(ms, false),
      stopping: () => this.stopping,
      reportError: (message) => (this.lastError = message),
    });
  }

  /** Starts the loop in the background: standby until the lease is taken, then active. */
  start(): void {
    this.wanted = true;
    if (this.loop || this.rebuilding) return;
    this.stopping = false;
    this.state = this.active ? 'active' : 'standby';
    this.loop = this.run();
  }

  /** Lets the current batch finish, then releases the lease and closes its connection. */
  async stop(): Promise<void> {
    this.wanted = false;
    await this.stopLoop();
    await this.releaseLease();
    this.state = 'stopped';
  }

  /** New events were appended in this process (up to `appendedUpTo`): read now rather than at the next poll. */
  wake(appendedUpTo?: Checkpoint): void {
    if (appendedUpTo !== undefined && compareCheckpoints(appendedUpTo, this.awaited) > 0) this.awaited = appendedUpTo;
    this.sleeper.wake();
  }

  /** The checkpoint and parked count come from the database, so every instance reports the same lag. */
  async status(): Promise<ProcessorStatus> {
    const row = await this.states.read(this.db, this.name);
    const checkpoint = row?.checkpoint ?? null;
    const [lag, parked] = await Promise.all([this.store.countAfter(checkpoint), this.states.countParked(this.db, this.name)]);
    return {
      name: this.name,
      state: this.state,
      checkpoint,
      lag,
      lastProgressAt: checkpoint === null ? null : (row?.updatedAt ?? null),
      parked,
      lastError: this.lastError,
    };
  }

  parked(): Promise<ParkedEvent[]> {
    return this.states.listParked(this.db, this.name);
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
    if (this.rebuilding) throw new Error(`Processor ${this.name} is already being rebuilt`);
    this.rebuilding = true;
    const startedAt = Date.now();
    try {
      await this.stopLoop();
      this.stopping = false;
      await this.acquireForRebuild(options);
      this.state = 'active';
      await this.resetState();
      const total = await this.store.countAfter(null);
      const result = { processor: this.name, events: 0, handled: 0, parked: 0 };
      options.onProgress?.({ processor: this.name, done: 0, total });
      for (;;) {
        const batch = await this.read();
        if (batch.events.length === 0 || batch.checkpoint === null) break;
        const outcome = await this.process(batch.events, batch.checkpoint);
        result.events += batch.events.length;
        result.handled += outcome.handled;
        result.parked += outcome.parked;
        options.onProgress?.({ processor: this.name, done: result.events, total: Math.max(total, result.events) });
      }
      this.logger.log(`Rebuilt ${this.name}: ${result.events} events read, ${result.handled} handled, ${result.parked} parked`);
      return { ...result, elapsedMs: Date.now() - startedAt, checkpoint: this.committer.checkpoint };
    } catch (error) {
      throw this.rebuildError(error);
    } finally {
      this.rebuilding = false;
      if (this.wanted) this.start();
      else {
        await this.releaseLease();
        this.state = 'stopped';
      }
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!this.active && !(await this.activate())) {
          await this.pause(this.leaseRetryMs, false);
          continue;
        }
        if (await this.handOverIfAsked()) continue;
        const more = await this.step();
        failures = 0;
        if (!more) await this.pause(this.idleWait(), true);
      } catch (error) {
        failures += 1;
        await this.recover(error, failures).catch(() => undefined);
      }
    }
  }

  /**
   * Takes the lease if free and loads the checkpoint under it; false while another instance
   * holds it, or while a hand-over to a rebuild elsewhere is requested.
   */
  private async activate(): Promise<boolean> {
    const wait = this.retryLeaseAt - Date.now();
    if (wait > 0) await this.pause(wait, false);
    if (this.stopping) return false;
    if (this.handovers && (await this.handovers.open(this.db, this.name))) {
      this.state = 'standby';
      return false;
    }
    if (!(await this.lease.tryAcquire())) {
      this.state = 'standby';
      return false;
    }
    await this.loadCheckpoint();
    this.active = true;
    this.state = 'active';
    this.nextHandoverCheckAt = Date.now() + this.leaseRetryMs;
    this.logger.log(`Processor ${this.name} active from checkpoint ${this.committer.checkpoint ?? 'start'}`);
    return true;
  }

  /**
   * Between batches, at most once per lease retry interval: if a rebuild in another process asks
   * for this processor, gives up the lease and stands by (`activate` takes it again once the
   * request is gone and the lease is free).
   */
  private async handOverIfAsked(): Promise<boolean> {
    if (!this.handovers || Date.now() < this.nextHandoverCheckAt) return false;
    this.nextHandoverCheckAt = Date.now() + this.leaseRetryMs;
    const request = await this.handovers.open(this.db, this.name);
    if (!request) return false;
    await this.releaseLease();
    this.reader.drop();
    this.state = 'standby';
    this.logger.log(`Processor ${this.name}: handed over to ${request.requestedBy}; standing by`);
    return true;
  }

  private async loadCheckpoint(): Promise<void> {
    await this.states.ensure(this.db, this.name);
    this.committer.checkpoint = (await this.states.read(this.db, this.name))?.checkpoint ?? null;
  }

  /** One batch; true when the log may hold more right away. */
  private async step(): Promise<boolean> {
    const batch = await this.read();
    if (batch.events.length === 0 || batch.checkpoint === null) return false;
    await this.process(batch.events, batch.checkpoint);
    this.catchUpWaitMs = 0;
    return batch.events.length >= this.batchSize;
  }

  /** The processor's events of a batch to the committer; the checkpoint moves to `end` past skipped ones. */
  private process(events: readonly StoredEvent[], end: Checkpoint): Promise<BatchOutcome> {
    const selected = this.types ? events.filter((event) => this.types?.has(event.type)) : events;
    return this.committer.process(selected, end);
  }

  /** The batch after the checkpoint; larger while rebuilding, when every batch reads the next one ahead. */
  private read(): Promise<ReadAllResult> {
    if (!this.rebuilding) return this.reader.read(this.committer.checkpoint, this.batchSize, 'when-full');
    return this.reader.read(this.committer.checkpoint, Math.max(this.batchSize, MIN_REBUILD_BATCH_SIZE), 'always');
  }

  /**
   * How long to wait when the log had nothing more to read: the poll interval, unless an event
   * appended in this process has not been read yet. On PostgreSQL a committed event stays hidden
   * from readers while an older transaction is still open (ADR 002), and that transaction's own
   * append may wake nobody (another process, a processor's commit), so the runner looks again
   * soon: 5 ms, then twice as long each time, up to the poll interval.
   */
  private idleWait(): number {
    if (this.awaited === null || compareCheckpoints(this.committer.checkpoint, this.awaited) >= 0) {
      this.awaited = null;
      this.catchUpWaitMs = 0;
      return this.pollIntervalMs;
    }
    this.catchUpWaitMs = this.catchUpWaitMs === 0 ? CATCH_UP_FIRST_WAIT_MS : Math.min(this.pollIntervalMs, this.catchUpWaitMs * 2);
    return this.catchUpWaitMs;
  }

  private async recover(error: unknown, failures: number): Promise<void> {
    if (error instanceof StopRequestedError) return;
    if (error instanceof LeaseLostError) {
      this.active = false;
      return;
    }
    if (error instanceof StaleCheckpointError) {
      // Someone else committed: we were not the only active instance for a moment. Re-check the lease and reload.
      this.logger.warn(error.message);
      this.active = false;
      return;
    }
    this.lastError = describeError(error);
    this.logger.error(`Processor ${this.name} failed (${failures} in a row): ${this.lastError}`, errorDetail(error));
    const delay = Math.min(this.maxErrorBackoffMs, backoffDelay({ ...this.retry, maxDelayMs: this.maxErrorBackoffMs }, failures));
    await this.pause(delay, false);
  }

  private leaseLost(reason: Error): void {
    this.active = false;
    this.lastError = `Lease lost: ${describeError(reason)}`;
    this.retryLeaseAt = Date.now() + this.leaseRetryMs;
    if (this.state === 'active') this.state = this.wanted ? 'standby' : 'stopped';
    this.logger.warn(`Processor ${this.name}: ${this.lastError}; standing by`);
    this.sleeper.interrupt();
  }

  /** Waits unless stopping; `wakeable` waits also end on `wake()`. */
  private async pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping) return;
    await this.sleeper.sleep(ms, { wakeable });
  }

  private async stopLoop(): Promise<void> {
    this.stopping = true;
    this.sleeper.interrupt();
    const loop = this.loop;
    this.loop = null;
    if (loop) await loop;
  }

  private async releaseLease(): Promise<void> {
    this.active = false;
    try {
      await this.lease.release();
    } catch (error) {
      this.logger.warn(`Processor ${this.name}: releasing the lease failed: ${describeError(error)}`);
    }
  }

  /** The lease for a rebuild: at once if free, else (PostgreSQL) by asking the instance that holds it to hand over. */
  private async acquireForRebuild(options: RebuildOptions): Promise<void> {
    if (await this.lease.tryAcquire()) return;
    if (!this.handovers) {
      throw new RebuildConflictError(`Processor ${this.name} is running in this process; on SQLite stop the service, then rebuild`);
    }
    await acquireByHandover({
      processor: this.name,
      db: this.db,
      lease: this.lease,
      handovers: this.handovers,
      waitMs: options.leaseWaitMs ?? 30_000,
      retryMs: this.leaseRetryMs,
      logger: this.logger,
      pause: (ms) => this.pause(ms, false),
      stopping: () => this.stopping,
      onRequested: () => options.onHandoverRequested?.(this.name),
    });
  }

  /** Clears the processor's tables, parked events and checkpoint in one transaction, under the lease. */
  private async resetState(): Promise<void> {
    await this.loadCheckpoint();
    await this.committer.record(null, async (tx) => {
      await this.processor.reset?.(tx);
      await this.states.clearParked(tx, this.name);
    });
    this.active = true;
    this.lastError = null;
  }

  /**
   * Says what it means when another process ran the processor during the rebuild (it moved the
   * checkpoint), or held SQLite's file lock longer than the busy timeout.
   */
  private rebuildError(error: unknown): unknown {
    const sqlite = this.db.dialect === 'sqlite';
    const advice = 'on SQLite one process owns the database file: stop the service, then rebuild';
    if (error instanceof StaleCheckpointError) {
      const why = sqlite ? advice : 'it committed without holding the lease';
      return new RebuildConflictError(`Processor ${this.name} was moved by another process during the rebuild (${why}). ${error.message}`);
    }
    if (sqlite && isSqliteBusy(error)) return new RebuildConflictError(`The database is locked by another process (${advice}). ${describeError(error)}`);
    return error;
  }
}

function isSqliteBusy(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return [code, driverError?.code].some((value) => typeof value === 'string' && value.startsWith('SQLITE_BUSY'));
}

/** PostgreSQL: an advisory lock per processor on its own connection; SQLite: in-process (one process owns the file). */
export function defaultLeaseFactory(db: SqlDatabase, options: Pick<ProcessorRuntimeOptions, 'leaseUrl' | 'logger' | 'leaseRetryMs'> = {}): LeaseFactory {
  if (db.dialect === 'sqlite') return (name) => new InProcessLease(db, name);
  const url = options.leaseUrl ?? (db instanceof TypeOrmSqlDatabase ? (db.dataSource.options as { url?: string }).url : undefined);
  if (!url) throw new Error('Processors on PostgreSQL need a leaseUrl for their lease connections');
  return (name) => new PgAdvisoryLease({ url, processorName: name, logger: options.logger, heartbeatMs: options.leaseRetryMs });
}
