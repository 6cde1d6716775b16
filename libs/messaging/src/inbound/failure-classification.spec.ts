import { conflict } from '@spinout/domain';
import { ConcurrencyError, EventIdConflictError } from '@spinout/event-store';
import { AttemptTimeoutError, classifyFailure } from './failure-classification';

const withCode = (message: string, code: string, name = 'Error') => Object.assign(new Error(message), { name, code });
/** TypeORM wraps the driver's error and keeps it as `driverError`. */
const queryFailed = (driverError: Error) =>
  Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

describe('whether a failed message is worth another try', () => {
  it.each([
    [
      'a domain refusal, with its own code',
      conflict('provider_not_eligible', 'Provider is debarred'),
      'provider_not_eligible',
    ],
    ['event ids another message already holds', new EventIdConflictError('e-1'), 'event_id_conflict'],
    [
      'NUL in a text value (PostgreSQL 22P05), through TypeORM',
      queryFailed(withCode('unsupported Unicode escape sequence', '22P05')),
      'invalid_data',
    ],
    ['a number out of range (22003)', withCode('value out of range for type integer', '22003'), 'invalid_data'],
    ['a value over an index limit (54000)', withCode('index row size exceeds maximum', '54000'), 'invalid_data'],
    ['an oversize value on SQLite', withCode('string or blob too big', 'SQLITE_TOOBIG'), 'invalid_data'],
    [
      'a type error of ours the message triggers',
      new TypeError("Cannot read properties of undefined (reading 'amountMinor')"),
      'type_error',
    ],
  ])('gives up at once on %s', (_, error, code) => {
    expect(classifyFailure(error)).toMatchObject({ kind: 'permanent', code });
  });

  it.each([
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET'), 'connection'],
    ['a lost connection without a code', new Error('Connection terminated unexpectedly'), 'connection'],
    [
      'a server shutting down (57P01)',
      queryFailed(withCode('terminating connection due to administrator command', '57P01')),
      'connection',
    ],
    ['a statement timeout (57014)', withCode('canceling statement due to statement timeout', '57014'), 'timeout'],
    ['a try over its time limit', new AttemptTimeoutError(15_000), 'timeout'],
    ['a lock not available (55P03)', withCode('could not obtain lock on row', '55P03'), 'contention'],
    ['a serialization failure (40001)', withCode('could not serialize access', '40001'), 'contention'],
    ['a busy SQLite file', withCode('database is locked', 'SQLITE_BUSY'), 'contention'],
    ['another writer on the stream', new ConcurrencyError('serviceUnit-1', '3', 4), 'contention'],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300'), 'resources'],
    [
      'a broker that does not answer',
      Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' }),
      'broker',
    ],
    ['anything nobody classified', new Error('something odd'), 'unclassified'],
  ])('tries again after %s', (_, error, cause) => {
    expect(classifyFailure(error)).toMatchObject({ kind: 'transient', cause });
  });
});
