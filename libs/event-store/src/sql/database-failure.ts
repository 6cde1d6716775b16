/**
 * What a database error says about the work that met it, read the same way wherever it is
 * handled (an HTTP request, an inbound message):
 * - `invalid_data`: a value was refused as data (PostgreSQL SQLSTATE class 22 or 54; SQLite's
 *   type mismatch or oversize value): the same input fails the same way every time;
 * - `unavailable`: the connection is gone or the server is not accepting work (class 08,
 *   57P01–03, socket errors, a TypeORM runner whose connection was given up);
 * - `timeout` (57014), `contention` (serialization, deadlock, lock not available, SQLite busy or
 *   locked) and `resources` (class 53): the same work may well succeed later.
 */
export type DatabaseFailure = 'invalid_data' | 'unavailable' | 'timeout' | 'contention' | 'resources';

const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);
/** TypeORM's words for a transaction whose connection the driver already gave up on. */
const RELEASED_RUNNER_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'ConnectionIsNotSetError']);
const LOST_CONNECTION =
  /connection (terminated|closed|ended|lost|error|refused|reset|timeout)|connection is not established|not queryable|Client has encountered a connection error|timed? ?out|timeout/i;

type Chained = { code?: unknown; name?: unknown; driverError?: unknown; cause?: unknown };

/** The error and its causes (TypeORM keeps the driver's error as `driverError`), at most five deep. */
function* chainOf(error: unknown): Generator<Chained> {
  let current = error as Chained | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    yield current;
    current = (current.driverError ?? current.cause) as Chained | undefined;
  }
}

/** The failure an error's codes (SQLSTATE, SQLite, socket) or TypeORM class name say, if any. */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  for (const link of chainOf(error)) {
    const code = typeof link.code === 'string' ? link.code : '';
    if (/^(22|54)[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG')
      return 'invalid_data';
    if (SOCKET_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return 'unavailable';
    if (code === '57014') return 'timeout';
    if (
      code === '40001' ||
      code === '40P01' ||
      code === '55P03' ||
      code.startsWith('SQLITE_BUSY') ||
      code.startsWith('SQLITE_LOCKED')
    )
      return 'contention';
    if (/^53[0-9A-Z]{3}$/.test(code)) return 'resources';
    if (typeof link.name === 'string' && RELEASED_RUNNER_NAMES.has(link.name)) return 'unavailable';
  }
  return undefined;
}

/**
 * For errors with no code: whether the message says a connection was lost or timed out (drivers
 * and pools throw plain errors for these). A guess from words, so callers ask it last.
 */
export function lostConnectionByMessage(error: unknown): 'unavailable' | 'timeout' | undefined {
  if (!(error instanceof Error) || !LOST_CONNECTION.test(error.message)) return undefined;
  return /timed? ?out|timeout/i.test(error.message) ? 'timeout' : 'unavailable';
}
