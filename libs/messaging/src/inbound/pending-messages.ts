import type { DeadLetterCause } from './dead-letter';

/** The message at the head of a partition while it is being tried; kept across tries of it. */
export interface PendingMessage {
  readonly partition: number;
  readonly offset: string;
  /** First time this process took the message in hand: the time its decisions are taken at. */
  readonly receivedAt: Date;
  /** Tries so far (decode and apply). */
  attempts: number;
  /** Failed tries so far, of any kind. */
  failures: number;
  /** Failed tries counted against the retry budget (not those while the database was down). */
  charged: number;
  /** When the first failure happened. */
  failingSince: Date | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** Set once the message is given up on; only writing the dead letter remains. */
  deadLetter: DeadLetterCause | null;
}

/** What the status reports of a message that failed at least once. */
export interface PendingMessageStatus {
  readonly offset: string;
  readonly attempts: number;
  readonly failures: number;
  readonly charged: number;
  readonly failingSince: string | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly deadLetterPending: boolean;
}

/**
 * One pending message per partition: a partition is consumed in offset order, so only its head
 * can be in trouble. A message that failed is "stuck" until it is stored or dead-lettered.
 */
export class PendingMessages {
  private readonly byPartition = new Map<number, PendingMessage>();

  /** The partition's pending message at `offset`, continued if it is the one already tracked. */
  begin(partition: number, offset: string, now: Date): PendingMessage {
    const current = this.byPartition.get(partition);
    if (current?.offset === offset) return current;
    const fresh: PendingMessage = {
      partition,
      offset,
      receivedAt: now,
      attempts: 0,
      failures: 0,
      charged: 0,
      failingSince: null,
      lastError: null,
      nextAttemptAt: null,
      deadLetter: null,
    };
    this.byPartition.set(partition, fresh);
    return fresh;
  }

  /** The message was stored or dead-lettered. */
  done(partition: number, offset: string): void {
    if (this.byPartition.get(partition)?.offset === offset) this.byPartition.delete(partition);
  }

  /** After a rebalance: partitions no longer assigned are another member's concern. */
  retain(partitions: readonly number[]): void {
    for (const partition of [...this.byPartition.keys()])
      if (!partitions.includes(partition)) this.byPartition.delete(partition);
  }

  clear(): void {
    this.byPartition.clear();
  }

  stuck(partition: number): PendingMessageStatus | null {
    const pending = this.byPartition.get(partition);
    if (!pending || pending.failures === 0) return null;
    return {
      offset: pending.offset,
      attempts: pending.attempts,
      failures: pending.failures,
      charged: pending.charged,
      failingSince: pending.failingSince?.toISOString() ?? null,
      lastError: pending.lastError,
      nextAttemptAt: pending.nextAttemptAt?.toISOString() ?? null,
      deadLetterPending: pending.deadLetter !== null,
    };
  }

  stuckPartitions(): number[] {
    return [...this.byPartition.values()].filter((pending) => pending.failures > 0).map((pending) => pending.partition);
  }
}
