import type { Checkpoint, StoredEvent } from '../event-store.port';
import type { SqlDatabase, SqlExecutor } from '../sql/database.port';
import { LeaseLostError, type ProcessorLease } from './processor-lease';
import { describeError, errorDetail, type ProcessorLogger } from './processor-logger';
import { StaleCheckpointError, type ProcessorStateStore } from './processor-state.store';
import type { Processor } from './processor.port';
import { backoffDelay, type RetryPolicy } from './retry-policy';

export interface BatchOutcome {
  handled: number;
  parked: number;
}

/** `stop()` was called while a failing batch waited for its next try; nothing is committed or parked. */
export class StopRequestedError extends Error {
  constructor(processor: string) {
    super(`Processor ${processor} is stopping`);
    this.name = 'StopRequestedError';
  }
}

export interface BatchCommitterDeps {
  processor: Processor;
  db: SqlDatabase;
  states: ProcessorStateStore;
  lease: ProcessorLease;
  retry: RetryPolicy;
  logger: ProcessorLogger;
  /** Waits before the next try; resolves early when the runner stops. */
  pause(ms: number): Promise<void>;
  /** The loop or the rebuild is to give way: a failing batch is not tried again. */
  stopping(): boolean;
  /** The runner's last error, for status. */
  reportError(message: string): void;
}

/** Longest a stretch of skipped events stays read past but not recorded, under a steady stream of them. */
const RECORD_SKIPPED_WITHIN_MS = 1000;

type Attempt = { ok: true } | { ok: false; error: unknown; attempts: number };

/**
 * Moves one processor's checkpoint over batches of the log: handles a batch and records the new
 * checkpoint, in the processor's delivery mode. A batch that keeps failing is split into single
 * events, and an event that keeps failing is parked, so the events behind it go on.
 *
 * Every checkpoint write is a compare-and-set: the transaction first moves the checkpoint row
 * from the checkpoint this runner read, failing with `StaleCheckpointError` if the row holds
 * another (the update keeps the row locked until commit), and checks the lease before it commits. That fences an instance that lost its lease and has
 * not noticed yet.
 */
export class BatchCommitter {
  /** Where the processor has read up to. */
  private current: Checkpoint | null = null;
  /** The checkpoint as stored: behind `current` while batches with nothing selected are not recorded yet. */
  private stored: Checkpoint | null = null;
  /** When the first batch not recorded yet was skipped. */
  private skippedSince: number | null = null;
  private readonly name: string;
  private readonly atLeastOnce: boolean;
  private readonly types: ReadonlySet<string> | null;

  constructor(private readonly deps: BatchCommitterDeps) {
    this.name = deps.processor.name;
    this.atLeastOnce = deps.processor.delivery === 'at-least-once';
    this.types = deps.processor.eventTypes ? new Set(deps.processor.eventTypes) : null;
  }

  /** Where the processor stands: set by `load()` under the lease, moved by each commit. */
  get checkpoint(): Checkpoint | null {
    return this.current;
  }

  /** Reads the stored checkpoint (creating its row the first time); call it once the lease is held. */
  async load(): Promise<void> {
    await this.deps.states.ensure(this.deps.db, this.name);
    this.current = (await this.deps.states.read(this.deps.db, this.name))?.checkpoint ?? null;
    this.stored = this.current;
    this.skippedSince = null;
  }

  /** Records a skipped stretch read past (`process` on batches the processor selects nothing of), if there is one. */
  async flush(): Promise<void> {
    if (this.current !== this.stored) await this.record(this.current);
  }

  /**
   * Handles the events of a batch the processor selects (`eventTypes`) and moves the checkpoint
   * to `end`, past any skipped events. If the batch keeps failing, handles its events one at a
   * time, parking each that keeps failing; the last one carries the checkpoint to `end`.
   */
  async process(events: readonly StoredEvent[], end: Checkpoint): Promise<BatchOutcome> {
    const selected = this.types ? events.filter((event) => this.types?.has(event.type)) : events;
    if (selected.length === 0) {
      // Nothing to handle: move on without a transaction, and record the stretch with the next
      // batch that has something, once the log has been quiet for a while (the live loop calls
      // `flush`), or after a second of this. Until then a restart reads it again and skips it again.
      this.current = end;
      this.skippedSince ??= Date.now();
      if (Date.now() - this.skippedSince >= RECORD_SKIPPED_WITHIN_MS) await this.flush();
      return { handled: 0, parked: 0 };
    }
    const whole = await this.attempt(() => this.commit(selected, end));
    if (whole.ok) return { handled: selected.length, parked: 0 };
    if (selected.length === 1) {
      await this.park(selected[0], end, whole.error, whole.attempts);
      return { handled: 0, parked: 1 };
    }
    this.deps.logger.warn(
      `Processor ${this.name}: a batch of ${selected.length} events keeps failing (${describeError(whole.error)}); trying them one by one`,
    );
    const outcome: BatchOutcome = { handled: 0, parked: 0 };
    for (const [index, event] of selected.entries()) {
      const upTo = index === selected.length - 1 ? end : event.checkpoint;
      const single = await this.attempt(() => this.commit([event], upTo));
      if (single.ok) outcome.handled += 1;
      else {
        await this.park(event, upTo, single.error, single.attempts);
        outcome.parked += 1;
      }
    }
    return outcome;
  }

  /** Moves the checkpoint to `upTo` with `work` in the same short transaction. */
  async record(upTo: Checkpoint | null, work?: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    this.assertLease();
    const from = this.stored;
    await this.deps.db.transaction(async (tx) => {
      await this.deps.states.advance(tx, this.name, from, upTo);
      await work?.(tx);
      this.assertLease();
    });
    this.current = upTo;
    this.stored = upTo;
    this.skippedSince = null;
  }

  /**
   * A rebuild's start, in one transaction: `reset` empties the processor's tables, its parked
   * events go, and the checkpoint moves back to the start of the log.
   */
  resetToStart(reset: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    return this.record(null, async (tx) => {
      await reset(tx);
      await this.deps.states.clearParked(tx, this.name);
    });
  }

  private commit(events: readonly StoredEvent[], upTo: Checkpoint): Promise<void> {
    return this.atLeastOnce
      ? this.handleThenRecord(events, upTo)
      : this.record(upTo, events.length > 0 ? (tx) => this.deps.processor.handle(events, tx) : undefined);
  }

  /**
   * At-least-once: the handler runs with no transaction open (it may wait on a broker as long as
   * it likes without holding back any reader of the log, or SQLite's one connection), then a
   * short transaction records the checkpoint if it is still the one this batch was read from
   * and the lease is still held. Otherwise nothing is recorded: the batch will be handled again
   * by whoever holds the lease, which at-least-once delivery allows.
   */
  private async handleThenRecord(events: readonly StoredEvent[], upTo: Checkpoint): Promise<void> {
    this.assertLease();
    if (events.length > 0) await this.deps.processor.handle(events, this.deps.db);
    await this.record(upTo);
  }

  /** Tries `work` with backoff; lease loss, a moved checkpoint and stop are not retried. */
  private async attempt(work: () => Promise<void>): Promise<Attempt> {
    for (let tries = 1; ; tries += 1) {
      try {
        await work();
        return { ok: true };
      } catch (error) {
        if (error instanceof LeaseLostError || error instanceof StaleCheckpointError) throw error;
        if (tries >= this.deps.retry.attempts) return { ok: false, error, attempts: tries };
        this.deps.reportError(describeError(error));
        await this.deps.pause(backoffDelay(this.deps.retry, tries));
        if (this.deps.stopping()) throw new StopRequestedError(this.name);
      }
    }
  }

  /** Records the event as parked and moves the checkpoint past it, in one transaction. */
  private async park(event: StoredEvent, upTo: Checkpoint, error: unknown, attempts: number): Promise<void> {
    // A database that does not answer fails every event alike: retry later rather than park them all.
    if (!(await this.deps.db.ping())) throw error;
    await this.record(upTo, (tx) => this.deps.states.park(tx, this.name, event, errorDetail(error), attempts));
    const message = `Parked ${event.type} ${event.eventId} (position ${event.globalPosition}) after ${attempts} attempts: ${describeError(error)}`;
    this.deps.reportError(message);
    this.deps.logger.error(`Processor ${this.name}: ${message}`, errorDetail(error));
  }

  private assertLease(): void {
    if (!this.deps.lease.held) throw new LeaseLostError(this.name);
  }
}
