/**
 * Telling a broker's fault from a message's. A message the broker refuses for what it is (too
 * large, malformed) will be refused again: the relay may park it. Anything else kafkajs raises
 * (connection refused or closed, timeouts, leader moves, retries exhausted, authorisation) is the
 * broker's or the deployment's fault: the relay must wait and try again, never park.
 */
const MESSAGE_FAULTS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

export function isKafkaError(error: unknown): boolean {
  return error instanceof Error && error.name.startsWith('KafkaJS');
}

export function isMessageFault(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const type = (current as { type?: unknown }).type;
    if (current.name === 'KafkaJSProtocolError' && typeof type === 'string' && MESSAGE_FAULTS.has(type)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function isBrokerFault(error: unknown): boolean {
  return (isKafkaError(error) || error instanceof BrokerUnavailableError) && !isMessageFault(error);
}

/** The relay knows the broker is down and does not hold a database transaction open to find out again. */
export class BrokerUnavailableError extends Error {
  constructor(detail: string) {
    super(`Kafka is not reachable: ${detail}`);
    this.name = 'BrokerUnavailableError';
  }
}
