import { DomainError } from '@spinout/domain';
import { ConcurrencyError, EventIdConflictError } from '@spinout/event-store';
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

const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/** Reads SQLSTATE (PostgreSQL) and driver codes (Node, SQLite) along an error's causes. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current = error as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    if (typeof current.code === 'string') codes.push(current.code);
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return codes;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** See `FailureVerdict`. Decides from error classes first, then from database and socket codes. */
export function classifyFailure(error: unknown): FailureVerdict {
  const reason = describeError(error);
  if (error instanceof DomainError) return { kind: 'permanent', code: error.code, reason: error.message };
  if (error instanceof EventIdConflictError) {
    return { kind: 'permanent', code: 'event_id_conflict', reason: `${error.message}: another message already produced these event ids` };
  }
  if (error instanceof ConcurrencyError) return { kind: 'transient', cause: 'contention', reason };
  if (error instanceof AttemptTimeoutError) return { kind: 'transient', cause: 'timeout', reason };
  for (const code of codesOf(error)) {
    // SQLSTATE class 22 (data exception: NUL in text, out of range, bad encoding) and 54 (a value
    // over a limit), and SQLite's type mismatch and oversize value: the message's data is refused.
    if (/^(22|54)[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') {
      return { kind: 'permanent', code: 'invalid_data', reason: `the database refused a value of the message (${code}): ${reason}` };
    }
    if (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return { kind: 'transient', cause: 'connection', reason };
    if (code === '57014') return { kind: 'transient', cause: 'timeout', reason };
    if (code === '40001' || code === '40P01' || code === '55P03' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return { kind: 'transient', cause: 'contention', reason };
    }
    if (/^53[0-9A-Z]{3}$/.test(code)) return { kind: 'transient', cause: 'resources', reason };
  }
  if (isBrokerFault(error)) return { kind: 'transient', cause: 'broker', reason };
  if (error instanceof Error && /connection (terminated|closed|ended|lost|error|refused|reset)|not queryable|timed? ?out|timeout/i.test(error.message)) {
    return { kind: 'transient', cause: /timed? ?out|timeout/i.test(error.message) ? 'timeout' : 'connection', reason };
  }
  // A bug of ours that this message's shape triggers fails on every try as well.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) {
    return { kind: 'permanent', code: 'type_error', reason };
  }
  return { kind: 'transient', cause: 'unclassified', reason };
}
