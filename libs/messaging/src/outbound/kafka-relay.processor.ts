import type { Kafka, Message as KafkaMessage, Producer } from 'kafkajs';
import type { EventStore, Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { toBinaryHeaders } from '../cloudevents/cloud-event';
import { RELAYED_EVENT_TYPES, type RelayedEvent } from '../integration/outbound.v1';
import { SILENT_MESSAGING_LOGGER, type MessagingLogger } from '../kafka/kafka-client';
import { BrokerUnavailableError, isBrokerFault } from '../kafka/kafka-errors';
import { DEFAULT_CE_SOURCE, DEFAULT_TOPICS, type TopicNames } from '../topics';
import { OutboundMapper } from './outbound-mapper';

export const KAFKA_RELAY = 'kafka-relay';
/** Stream reads in flight while a batch is mapped. */
const MAPPING_CONCURRENCY = 8;

export interface KafkaRelayOptions {
  kafka: Kafka;
  store: EventStore;
  topics?: TopicNames;
  /** CloudEvents `source` (default `/spinout`). */
  source?: string;
  /** Processor name: checkpoint and lease (default `kafka-relay`). */
  name?: string;
  /** Log events read per batch, published or not (default 500). */
  batchSize?: number;
  /** How long the first batch waits for the first connection (default 2000 ms); later outages fail a batch at once. */
  firstConnectWaitMs?: number;
  logger?: MessagingLogger;
}

type Connection =
  | { state: 'idle' }
  | { state: 'connecting'; ready: Promise<Producer> }
  | { state: 'ready'; producer: Producer }
  | { state: 'down'; reason: string };

/**
 * The outbox relay: a processor that publishes the integration events of a batch and returns only
 * when the broker has acknowledged every one of them (acks = all), so the runtime records the
 * checkpoint after the broker has them. At-least-once (`delivery`): the runtime calls `handle`
 * with no database transaction open, so a broker that is slow or frozen holds back nothing but
 * this relay (no reader of the log on PostgreSQL, no request on SQLite's one connection), and a
 * crash or a lost lease between the acks and the checkpoint publishes the batch again; consumers
 * deduplicate by `ce_id`, which is the event id.
 *
 * The producer is idempotent (one request in flight, as kafkajs requires for it), which removes
 * duplicates from its own retries. Its retries are bounded, unlike kafkajs' default for
 * idempotent producers, so that a broker that is gone fails the batch and the runtime's retry
 * and health see it. A failed send drops the producer; the next one starts with a fresh producer
 * id, and while the broker is known to be down each batch fails at once while a reconnect runs
 * in the background.
 *
 * Message key and `ce_subject` are the aggregate id, so one aggregate's messages stay in order
 * on one partition.
 */
export class KafkaRelay implements Processor<RelayedEvent> {
  readonly name: string;
  readonly eventTypes = RELAYED_EVENT_TYPES;
  readonly delivery = 'at-least-once' as const;
  readonly batchSize: number;
  private readonly mapper: OutboundMapper;
  private readonly source: string;
  private readonly logger: MessagingLogger;
  private readonly firstConnectWaitMs: number;
  private connection: Connection = { state: 'idle' };
  private everConnected = false;
  /** Until a connection attempt has failed, a batch waits for the connection rather than failing at once. */
  private patient = true;
  /** The last batch failed because of the broker: set by `handle`, read by the runtime through `ping`. */
  private brokerAtFault = false;
  private closed = false;
  /** Messages acknowledged by the broker since start (for benchmarks and health). */
  published = 0;

  constructor(private readonly options: KafkaRelayOptions) {
    this.name = options.name ?? KAFKA_RELAY;
    this.batchSize = options.batchSize ?? 500;
    this.mapper = new OutboundMapper(options.store, options.topics ?? DEFAULT_TOPICS);
    this.source = options.source ?? DEFAULT_CE_SOURCE;
    this.logger = options.logger ?? SILENT_MESSAGING_LOGGER;
    this.firstConnectWaitMs = options.firstConnectWaitMs ?? 2000;
  }

  async handle(events: readonly StoredEvent<RelayedEvent>[], _db: SqlExecutor): Promise<void> {
    const byTopic = new Map<string, KafkaMessage[]>();
    // Lookups (a unit's agency, a contract's parties) run side by side; the messages keep the log's order.
    const mapped = await mapConcurrently(events, MAPPING_CONCURRENCY, (event) => this.mapper.map(event));
    for (const [index, event] of events.entries()) {
      const message = mapped[index];
      if (!message) continue;
      const headers = toBinaryHeaders({
        id: event.eventId,
        type: message.type,
        source: this.source,
        specversion: '1.0',
        time: event.metadata.occurredAt,
        subject: message.key,
        correlationid: event.metadata.correlationId,
      });
      const list = byTopic.get(message.topic) ?? [];
      list.push({ key: message.key, value: JSON.stringify(message.payload), headers });
      byTopic.set(message.topic, list);
    }
    if (byTopic.size === 0) return;
    try {
      const producer = await this.producer();
      try {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
      } catch (error) {
        if (isBrokerFault(error)) this.markDown(producer, error);
        throw error;
      }
    } catch (error) {
      this.brokerAtFault = isBrokerFault(error);
      throw error;
    }
    this.brokerAtFault = false;
    for (const messages of byTopic.values()) this.published += messages.length;
  }

  /**
   * True when the last batch failed because Kafka did not take it: the runtime must retry the
   * batch later rather than park its events, as it does when the database does not answer.
   */
  brokerUnavailable(): boolean {
    return this.brokerAtFault;
  }

  /** Starts connecting in the background, so the first batch finds a producer ready. */
  connect(): void {
    if (this.connection.state === 'idle' || this.connection.state === 'down') void this.startConnecting(); // its failure is handled there
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.connection;
    this.connection = { state: 'idle' };
    if (current.state === 'ready') await current.producer.disconnect().catch(() => undefined);
    if (current.state === 'connecting')
      await current.ready.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  private async producer(): Promise<Producer> {
    const current = this.connection;
    if (current.state === 'ready') return current.producer;
    if (current.state === 'connecting') {
      if (this.patient) return withTimeout(current.ready, this.firstConnectWaitMs);
      throw new BrokerUnavailableError('reconnecting');
    }
    const reason = current.state === 'down' ? current.reason : 'not connected yet';
    const ready = this.startConnecting();
    if (this.patient) return withTimeout(ready, this.firstConnectWaitMs);
    throw new BrokerUnavailableError(reason);
  }

  private startConnecting(): Promise<Producer> {
    if (this.closed) return Promise.reject(new BrokerUnavailableError('the relay is closed'));
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    const ready = producer.connect().then(
      () => {
        if (this.connection.state === 'connecting' && this.connection.ready === ready) {
          this.connection = { state: 'ready', producer };
          if (this.everConnected) this.logger.log(`${this.name}: connected to Kafka again`);
          this.everConnected = true;
        }
        return producer;
      },
      (error: unknown) => {
        this.patient = false;
        if (this.connection.state === 'connecting' && this.connection.ready === ready)
          this.connection = { state: 'down', reason: describe(error) };
        void producer.disconnect().catch(() => undefined);
        throw new BrokerUnavailableError(describe(error));
      },
    );
    ready.catch(() => undefined); // a background attempt nobody awaits must not be an unhandled rejection
    this.connection = { state: 'connecting', ready };
    return ready;
  }

  private markDown(producer: Producer, error: unknown): void {
    this.patient = false;
    if (this.connection.state === 'ready' && this.connection.producer === producer) {
      this.connection = { state: 'down', reason: describe(error) };
      this.logger.warn(
        `${this.name}: publishing failed (${describe(error)}); the batch will be retried once Kafka answers again`,
      );
    }
    void producer.disconnect().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BrokerUnavailableError(`no connection within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
