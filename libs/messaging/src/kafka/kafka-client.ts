import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** Where the messaging code reports; Nest's `Logger` fits this shape. */
export interface MessagingLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, detail?: string): void;
  debug?(message: string): void;
}

export const SILENT_MESSAGING_LOGGER: MessagingLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface KafkaConnection {
  /** Bootstrap servers, host:port. */
  brokers: readonly string[];
  clientId: string;
  /** Milliseconds to wait for a TCP connection (default 3000). */
  connectionTimeoutMs?: number;
  /** Milliseconds to wait for a broker's answer (default 10 000). */
  requestTimeoutMs?: number;
}

/**
 * Warnings kafkajs repeats for every producer that are expected here: retries of the idempotent
 * producer are bounded on purpose (see KafkaRelay), and the default partitioner (murmur2, as the
 * Java client's) is the one wanted.
 */
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/, /switched default partitioner/];

/** A kafkajs client whose log lines go to `logger`: errors and warnings as such, the chatter at debug. */
export function createKafka(connection: KafkaConnection, logger: MessagingLogger): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    connectionTimeout: connection.connectionTimeoutMs ?? 3000,
    requestTimeout: connection.requestTimeoutMs ?? 10_000,
    // Bounded, so a dead broker fails a send within seconds rather than holding a transaction open.
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    logLevel: logLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      const { message, error } = entry.log as { message: string; error?: string };
      const line = `[${entry.namespace}] ${message}${error ? `: ${error}` : ''}`;
      if (entry.level === logLevel.ERROR)
        logger.warn(line); // kafkajs logs retried, recoverable faults as errors
      else if (entry.level === logLevel.WARN && !EXPECTED_WARNINGS.some((expected) => expected.test(message)))
        logger.warn(line);
      else logger.debug?.(line);
    },
  });
}
