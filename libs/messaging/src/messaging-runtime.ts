import type { Kafka } from 'kafkajs';
import type { RatingSchemeId } from '@spinout/domain';
import {
  defaultLeaseFactory,
  ProcessorHost,
  type AppendNotifier,
  type EventStore,
  type ProcessorStatus,
  type SqlDatabase,
} from '@spinout/event-store';
import type { ConsumerStatus } from './inbound/consumer-status';
import { TenderOutcomeConsumer, type TenderOutcomeConsumerTuning } from './inbound/tender-outcomes.consumer';
import { createKafka, SILENT_MESSAGING_LOGGER, type MessagingLogger } from './kafka/kafka-client';
import { BrokerAwareDatabase } from './outbound/broker-aware-database';
import { KafkaRelay } from './outbound/kafka-relay.processor';
import { providerScorecardPublisher } from './performance/provider-scorecard.process-manager';
import { DEFAULT_TOPICS, type TopicNames } from './topics';

export interface MessagingOptions {
  db: SqlDatabase;
  store: EventStore;
  /** Appends in this process wake the relay at once (the app's `AppendNotifier`). */
  notifier?: AppendNotifier;
  /** Bootstrap servers, host:port. */
  brokers: readonly string[];
  clientId: string;
  /** Consumer group of the inbound consumer. */
  groupId: string;
  topics?: Partial<TopicNames>;
  /** CloudEvents `source` of published events (default `/spinout`). */
  source?: string;
  /** Host the relay and the scorecard process manager here (default true). Each is active in one process at a time. */
  runRelay?: boolean;
  /** Run the inbound consumer here (default true). Several consumers share the partitions. */
  runConsumer?: boolean;
  /** KAFKA_MAX_CLOCK_SKEW_SECONDS: how far ahead of its receipt an inbound `ce_time` may be (default 300). */
  maxClockSkewSeconds?: number;
  /** Retry budget, time limits and partition concurrency of the inbound consumer (tests tune them). */
  consumer?: TenderOutcomeConsumerTuning;
  /** Idle poll of the relay when nothing wakes it (default 200 ms). */
  pollIntervalMs?: number;
  relayBatchSize?: number;
  /** How published scorecards grade their scores (`RATING_SCHEME`); default `cn_performance`. */
  ratingScheme?: RatingSchemeId;
  /** The zone inbound messages' time of receipt is written in (`BUSINESS_TIMEZONE`); default Asia/Shanghai. */
  businessTimeZone?: string;
  /** PostgreSQL URL for the lease connections, when `db` is not a `TypeOrmSqlDatabase`. */
  leaseUrl?: string;
  logger?: MessagingLogger;
}

/**
 * Everything Kafka in one process: the relay and the scorecard process manager on their own
 * processor host (leased, so one process publishes), and the tender-outcomes consumer. Plain
 * TypeScript; `MessagingModule` is the Nest wrapper around it.
 */
export class MessagingRuntime {
  readonly kafka: Kafka;
  readonly topics: TopicNames;
  readonly relay: KafkaRelay;
  readonly host: ProcessorHost;
  readonly consumer: TenderOutcomeConsumer;
  private readonly runRelay: boolean;
  private readonly runConsumer: boolean;

  constructor(private readonly options: MessagingOptions) {
    const logger = options.logger ?? SILENT_MESSAGING_LOGGER;
    this.kafka = createKafka({ brokers: options.brokers, clientId: options.clientId }, logger);
    this.topics = { ...DEFAULT_TOPICS, ...options.topics };
    this.runRelay = options.runRelay ?? true;
    this.runConsumer = options.runConsumer ?? true;
    this.relay = new KafkaRelay({
      kafka: this.kafka,
      store: options.store,
      topics: this.topics,
      source: options.source,
      batchSize: options.relayBatchSize,
      logger,
    });
    const runtimeLogger = {
      log: (m: string) => logger.debug?.(m),
      warn: (m: string) => logger.warn(m),
      // A broker outage is reported once by the relay; the runtime's retries of it are not errors with stack traces.
      error: (m: string, d?: string) =>
        m.includes(this.relay.name) && this.relay.brokerUnavailable() ? logger.debug?.(m) : logger.error(m, d),
    };
    this.host = new ProcessorHost({
      db: new BrokerAwareDatabase(options.db, () => this.relay.brokerUnavailable()),
      store: options.store,
      processors: [
        this.relay,
        providerScorecardPublisher(options.store, {
          logger: { log: (m) => logger.log(m) },
          ratingScheme: options.ratingScheme,
        }),
      ],
      notifier: options.notifier,
      pollIntervalMs: options.pollIntervalMs,
      // A broker outage is retried at most this far apart, so publishing resumes soon after it ends.
      maxErrorBackoffMs: 2000,
      leases: defaultLeaseFactory(options.db, { leaseUrl: options.leaseUrl, logger: runtimeLogger }),
      logger: runtimeLogger,
    });
    this.consumer = new TenderOutcomeConsumer({
      maxClockSkewSeconds: options.maxClockSkewSeconds,
      businessTimeZone: options.businessTimeZone,
      ...options.consumer,
      kafka: this.kafka,
      store: options.store,
      groupId: options.groupId,
      topics: this.topics,
      // A message's retry budget is not spent while the database does not answer at all.
      databaseAvailable: () => options.db.ping(),
      logger,
    });
  }

  start(): void {
    if (this.runRelay) {
      this.relay.connect();
      this.host.start();
    }
    if (this.runConsumer) this.consumer.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.host.stop(), this.consumer.stop()]);
    await this.relay.close();
  }

  statuses(): Promise<ProcessorStatus[]> {
    return this.host.statuses();
  }

  /** The inbound consumer's lag, stuck messages and counters; empty when it does not run here. */
  async consumerStatuses(): Promise<ConsumerStatus[]> {
    return this.runConsumer ? [await this.consumer.status()] : [];
  }
}
