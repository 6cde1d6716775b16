import { DomainError } from '@spinout/domain';
import {
  ConcurrencyError,
  databaseFailureOf,
  EventIdConflictError,
  lostConnectionByMessage,
} from '@spinout/event-store';
import { isBrokerFault } from '../kafka/kafka-errors';

/**
 * What a failure to apply an inbound message means for that message:
 * - permanent: the same message fails the same way on every try (the domain refuses it, the
 *   database refuses one of its values, its event ids are taken, our code cannot handle its
 *   shape): dead-letter it at once with `code`;
 * - transient: the message may well succeed later (connection lost, timeout, lock or
 *   serialization conflict, broker unavailable, or a failure nobody classified): try again,
 *   within the retry budget.
 */
export type FailureVerdict =
  | { readonly kind: 'permanent'; readonly code: string; readonly reason: string }
  | { readonly kind: 'transient'; readonly cause: TransientCause; readonly reason: string };

export type TransientCause = 'connection' | 'timeout' | 'contention' | 'resources' | 'broker' | 'unclassified';

/** An attempt that did not finish within its time limit. */
export class AttemptTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the attempt did not finish within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** See `FailureVerdict`. Decides from error classes first, then from database and socket codes. */
export function classifyFailure(error: unknown): FailureVerdict {
  const reason = describeError(error);
  if (error instanceof DomainError) return { kind: 'permanent', code: error.code, reason: error.message };
  if (error instanceof EventIdConflictError) {
    return {
      kind: 'permanent',
      code: 'event_id_conflict',
      reason: `${error.message}: another message already produced these event ids`,
    };
  }
  if (error instanceof ConcurrencyError) return { kind: 'transient', cause: 'contention', reason };
  if (error instanceof AttemptTimeoutError) return { kind: 'transient', cause: 'timeout', reason };
  const failure = databaseFailureOf(error);
  if (failure === 'invalid_data') {
    return {
      kind: 'permanent',
      code: 'invalid_data',
      reason: `the database refused a value of the message: ${reason}`,
    };
  }
  if (failure !== undefined)
    return { kind: 'transient', cause: failure === 'unavailable' ? 'connection' : failure, reason };
  if (isBrokerFault(error)) return { kind: 'transient', cause: 'broker', reason };
  const lost = lostConnectionByMessage(error);
  if (lost !== undefined) return { kind: 'transient', cause: lost === 'unavailable' ? 'connection' : lost, reason };
  // A bug of ours that this message's shape triggers fails on every try as well.
  if (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  ) {
    return { kind: 'permanent', code: 'type_error', reason };
  }
  return { kind: 'transient', cause: 'unclassified', reason };
}
