import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The HTTP header a correlation id travels in, both ways. */
export const CORRELATION_HEADER = 'X-Correlation-Id';

/**
 * What a caller may send as a correlation id: 1 to 100 letters, digits and `.`, `_`, `:`, `-` —
 * enough for a UUID, a ULID or a W3C trace id, and nothing that could break a log line, a
 * header or a query.
 */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's correlation id when it is safe, otherwise a new UUID (a bad one is replaced, not refused). */
export function correlationIdFrom(supplied: string | undefined): string {
  return supplied !== undefined && SAFE_ID.test(supplied) ? supplied : randomUUID();
}

/** What every log line written while handling one request (or message) carries. */
export interface LogContext {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` as the log context of everything it starts, synchronously or later. */
export function runInLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The log context of the running request or message, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
