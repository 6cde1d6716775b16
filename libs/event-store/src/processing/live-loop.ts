import { compareCheckpoints, type Checkpoint } from '../event-store.port';
import { StopRequestedError } from './batch-committer';
import { LeaseLostError } from './processor-lease';
import { describeError, errorDetail } from './processor-logger';
import { StaleCheckpointError } from './processor-state.store';
import { backoffDelay } from './retry-policy';
import type { RunnerParts } from './runner-parts';

/** First wait for an event appended in this process that is not readable yet; it doubles up to the poll interval. */
const CATCH_UP_FIRST_WAIT_MS = 5;

/**
 * A runner's live loop: stands by until it takes the lease, then reads the log from the
 * checkpoint in batches and hands them to the committer, until the lifecycle leaves `standby`
 * and `active`. On PostgreSQL it hands the lease over when a rebuild in another process asks for
 * it. It catches everything: a failing processor never stops another.
 */
export class LiveLoop {
  /** No lease try before this time: the lease was just lost, and a standby elsewhere may take it. */
  private retryLeaseAt = 0;
  private nextHandoverCheckAt = 0;
  /** The newest position appended in this process that the loop was told of and may not have read yet. */
  private awaited: Checkpoint | null = null;
  private catchUpWaitMs = 0;
  /** The last read found nothing new. */
  private quiet = false;

  constructor(private readonly parts: RunnerParts) {}

  /** Runs until the lifecycle tells it to give way; never throws. */
  async run(): Promise<void> {
    const { lifecycle } = this.parts;
    let failures = 0;
    while (lifecycle.loopRuns) {
      try {
        if (lifecycle.current.status === 'standby' && !(await this.activate())) {
          await this.parts.pause(this.parts.leaseRetryMs, false);
          continue;
        }
        if (await this.handOverIfAsked()) continue;
        const startedAt = Date.now();
        const read = await this.step();
        failures = 0;
        if (read === 'full') continue;
        // A batch that read all there was: the next one no sooner than the minimum interval, so
        // that events arriving meanwhile are read together (a wake meanwhile is remembered).
        // A stretch skipped but not recorded yet is recorded once the log has been quiet for a whole wait.
        if (read === 'none' && this.quiet) await this.parts.committer.flush();
        this.quiet = read === 'none';
        const spacing = startedAt + this.parts.minBatchIntervalMs - Date.now();
        if (read === 'some' && spacing > 0) await this.parts.pause(spacing, false);
        await this.parts.pause(this.idleWait(), true);
      } catch (error) {
        failures += 1;
        await this.recover(error, failures).catch(() => undefined);
      }
    }
  }

  /** New events were appended in this process, up to `appendedUpTo`. */
  appended(appendedUpTo: Checkpoint): void {
    if (compareCheckpoints(appendedUpTo, this.awaited) > 0) this.awaited = appendedUpTo;
  }

  /** The lease was lost without `release()`: stand by, and leave the next try to a standby elsewhere for a while. */
  leaseLost(): void {
    this.retryLeaseAt = Date.now() + this.parts.leaseRetryMs;
  }

  /**
   * Takes the lease if free and loads the checkpoint under it; false while another instance
   * holds it, or while a hand-over to a rebuild elsewhere is requested. A lease still held here
   * (the checkpoint is to be loaded again) is handed over too, or the rebuild would wait for it
   * in vain.
   */
  private async activate(): Promise<boolean> {
    const { name, db, lease, handovers, lifecycle, committer } = this.parts;
    const wait = this.retryLeaseAt - Date.now();
    if (wait > 0) await this.parts.pause(wait, false);
    if (!lifecycle.loopRuns) return false;
    const request = handovers ? await handovers.open(db, name) : null;
    if (request && lease.held) await this.handOver(request.requestedBy);
    if (request || !(await lease.tryAcquire())) {
      lifecycle.apply({ type: 'LoopStoodBy' });
      return false;
    }
    await committer.load();
    lifecycle.apply({ type: 'LoopActivated' });
    this.nextHandoverCheckAt = Date.now() + this.parts.leaseRetryMs;
    this.parts.logger.log(`Processor ${name} active from checkpoint ${committer.checkpoint ?? 'start'}`);
    return true;
  }

  /**
   * Between batches, at most once per lease retry interval: if a rebuild in another process asks
   * for this processor, gives up the lease and stands by (`activate` takes it again once the
   * request is gone and the lease is free).
   */
  private async handOverIfAsked(): Promise<boolean> {
    const { name, db, handovers } = this.parts;
    if (!handovers || Date.now() < this.nextHandoverCheckAt) return false;
    this.nextHandoverCheckAt = Date.now() + this.parts.leaseRetryMs;
    const request = await handovers.open(db, name);
    if (!request) return false;
    await this.handOver(request.requestedBy);
    return true;
  }

  private async handOver(requestedBy: string): Promise<void> {
    await this.parts.releaseLease();
    this.parts.reader.drop();
    this.parts.lifecycle.apply({ type: 'LoopStoodBy' });
    this.parts.logger.log(`Processor ${this.parts.name}: handed over to ${requestedBy}; standing by`);
  }

  /** One batch: `full` when the log may hold more right away, `some` when it read all there was, `none` when there was nothing. */
  private async step(): Promise<'full' | 'some' | 'none'> {
    const { reader, committer, batchSize } = this.parts;
    const batch = await reader.read(committer.checkpoint, batchSize, 'when-full');
    if (batch.scanned === 0 || batch.checkpoint === null) return 'none';
    await committer.process(batch.events, batch.checkpoint);
    this.catchUpWaitMs = 0;
    return batch.scanned >= batchSize ? 'full' : 'some';
  }

  /**
   * How long to wait when the log had nothing more to read: the poll interval, unless an event
   * appended in this process has not been read yet. On PostgreSQL a committed event stays hidden
   * from readers while an older transaction is still open (ADR 002), and that transaction's own
   * append may wake nobody (another process, a processor's commit), so the loop looks again
   * soon: 5 ms, then twice as long each time, up to the poll interval.
   */
  private idleWait(): number {
    const { pollIntervalMs, committer } = this.parts;
    if (this.awaited === null || compareCheckpoints(committer.checkpoint, this.awaited) >= 0) {
      this.awaited = null;
      this.catchUpWaitMs = 0;
      return pollIntervalMs;
    }
    this.catchUpWaitMs =
      this.catchUpWaitMs === 0 ? CATCH_UP_FIRST_WAIT_MS : Math.min(pollIntervalMs, this.catchUpWaitMs * 2);
    return this.catchUpWaitMs;
  }

  private async recover(error: unknown, failures: number): Promise<void> {
    const { name, lifecycle, logger, retry, maxErrorBackoffMs } = this.parts;
    if (error instanceof StopRequestedError) return;
    if (error instanceof LeaseLostError) {
      lifecycle.apply({ type: 'LeaseLost' });
      return;
    }
    if (error instanceof StaleCheckpointError) {
      // Someone else committed: we were not the only active instance for a moment. Re-check the lease and reload.
      logger.warn(error.message);
      lifecycle.apply({ type: 'LoopStoodBy' });
      return;
    }
    const message = describeError(error);
    this.parts.reportError(message);
    logger.error(`Processor ${name} failed (${failures} in a row): ${message}`, errorDetail(error));
    const delay = Math.min(maxErrorBackoffMs, backoffDelay({ ...retry, maxDelayMs: maxErrorBackoffMs }, failures));
    await this.parts.pause(delay, false);
  }
}
