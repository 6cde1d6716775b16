import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DomainError } from '@spinout/domain';
import type { EventStore } from '@spinout/event-store';
import { headersAsText } from '../cloudevents/cloud-event';
import { SILENT_MESSAGING_LOGGER, type MessagingLogger } from '../kafka/kafka-client';
import { DEFAULT_TOPICS, type TopicNames } from '../topics';
import { TenderOutcomeDecoder } from './tender-outcome.decoder';
import { handleTenderOutcome, type MessageOrigin } from './tender-outcome.handler';

export interface TenderOutcomeConsumerOptions {
  kafka: Kafka;
  store: EventStore;
  groupId: string;
  topics?: TopicNames;
  /** Backoff for transient failures: first wait and ceiling in ms (default 200 and 5000). */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  logger?: MessagingLogger;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  acknowledged: number;
  deadLettered: number;
  /** Transient failures retried (database down, broker hiccups). */
  retries: number;
}

/** `stop()` was called while a message waited for its next try; its offset stays uncommitted. */
class Stopping extends Error {}

/**
 * Consumes `procurement.tender-outcomes.v1`. Each message becomes a command on its service unit
 * (see `handleTenderOutcome`); the offset is committed only after the command's events are stored,
 * or after the message was written to the dead-letter topic:
 * - cannot be parsed, breaks the schema, names an unknown unit, or is refused by the domain
 *   (e.g. an award to a suspended or debarred provider) → `….dlt` with the reason, and on;
 * - anything else (database down, broker errors) is transient: retried with backoff, heartbeating
 *   so the group keeps the partition, offset not committed until it succeeds.
 * One partition is processed at a time, message by message, in offset order.
 */
export class TenderOutcomeConsumer {
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, acknowledged: 0, deadLettered: 0, retries: 0 };
  private readonly topics: TopicNames;
  private readonly logger: MessagingLogger;
  private readonly decoder = new TenderOutcomeDecoder();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private running = false;
  private startLoop: Promise<void> | null = null;
  private readonly sleepers = new Set<() => void>();
  private joined: Promise<void> = new Promise<void>(() => undefined);

  constructor(private readonly options: TenderOutcomeConsumerOptions) {
    this.topics = options.topics ?? DEFAULT_TOPICS;
    this.logger = options.logger ?? SILENT_MESSAGING_LOGGER;
    this.initialDelayMs = options.retry?.initialDelayMs ?? 200;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 5000;
  }

  /** Joins the group in the background, retrying until the broker answers; returns at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startLoop = this.connectUntilRunning();
  }

  /** Resolves once the consumer has joined its group and been given partitions (for tests and benchmarks). */
  async ready(): Promise<void> {
    await this.startLoop;
    await this.joined;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await this.startLoop?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  private async connectUntilRunning(): Promise<void> {
    for (let attempt = 1; this.running; attempt += 1) {
      try {
        await this.run();
        return;
      } catch (error) {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.producer?.disconnect().catch(() => undefined);
        // The first attempt often meets a topic being auto-created; only a repeated failure is news.
        const line = `Tender outcomes consumer could not start (attempt ${attempt}): ${describe(error)}`;
        if (attempt === 1) this.logger.debug?.(line);
        else this.logger.warn(line);
        await this.sleep(this.delay(attempt));
      }
    }
  }

  private async run(): Promise<void> {
    const { kafka, groupId } = this.options;
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
    await this.producer.connect();
    // After stop(), a crash of an in-flight restart must not schedule another one.
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: true,
      // Short long-polls and a modest session: a stopping or failed member is noticed within seconds.
      // Processing takes milliseconds, and the retry loop heartbeats while it waits.
      maxWaitTimeInMs: 1000,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20_000,
      retry: { restartOnFailure: async () => this.running },
    });
    this.consumer = consumer;
    this.joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs restarts itself after retriable failures; after any other it stops, and so would we.
      if (event.payload.restart || !this.running || this.consumer !== consumer) return;
      this.logger.error(`Tender outcomes consumer crashed: ${describe(event.payload.error)}; restarting`);
      this.consumer = null;
      void consumer.disconnect().catch(() => undefined);
      this.startLoop = this.connectUntilRunning();
    });
    await consumer.connect();
    await this.consumer.subscribe({ topics: [this.topics.tenderOutcomes], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.logger.log(`Consuming ${this.topics.tenderOutcomes} as group ${groupId}`);
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || !this.running) return;
      const origin: MessageOrigin = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      try {
        await this.processWithRetry(message, origin, heartbeat, () => isRunning() && !isStale() && this.running);
      } catch (error) {
        if (error instanceof Stopping) return;
        throw error;
      }
      resolveOffset(message.offset);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      await heartbeat();
    }
  }

  /** Returns once the message is stored or dead-lettered; throws `Stopping` if asked to stop first. */
  private async processWithRetry(message: KafkaMessage, origin: MessageOrigin, heartbeat: () => Promise<void>, keepGoing: () => boolean): Promise<void> {
    for (let failures = 0; ; ) {
      try {
        await this.process(message, origin);
        return;
      } catch (error) {
        failures += 1;
        this.stats.retries += 1;
        const delay = this.delay(failures);
        this.logger.warn(`Tender outcome at ${where(origin)} failed (${failures} in a row), retrying in ${delay} ms: ${describe(error)}`);
        const deadline = Date.now() + delay;
        while (Date.now() < deadline) {
          if (!keepGoing()) throw new Stopping();
          await this.sleep(Math.min(1000, deadline - Date.now()));
          await heartbeat();
        }
        if (!keepGoing()) throw new Stopping();
      }
    }
  }

  private async process(message: KafkaMessage, origin: MessageOrigin): Promise<void> {
    const decoded = this.decoder.decode(message.value, message.headers);
    if (!decoded.ok) return this.deadLetter(message, origin, decoded.rejection.code, decoded.rejection.reason);
    try {
      const result = await handleTenderOutcome(this.options.store, decoded.message, origin);
      this.stats[result.effect === 'applied' ? 'applied' : result.effect === 'duplicate' ? 'duplicates' : 'acknowledged'] += 1;
      this.logger.debug?.(`Tender outcome ${decoded.message.attributes.id} (${where(origin)}): ${result.effect}, ${result.summary}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.deadLetter(message, origin, error.code, error.message);
    }
  }

  private async deadLetter(message: KafkaMessage, origin: MessageOrigin, code: string, reason: string): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error('The dead-letter producer is not connected');
    const headers = {
      ...headersAsText(message.headers),
      dlt_original_topic: origin.topic,
      dlt_original_partition: String(origin.partition),
      dlt_original_offset: origin.offset,
      dlt_reason: reason,
      dlt_error_code: code,
      dlt_consumer_group: this.options.groupId,
      dlt_failed_at: new Date().toISOString(),
    };
    await producer.send({ topic: this.topics.tenderOutcomesDeadLetter, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    this.stats.deadLettered += 1;
    this.logger.warn(`Tender outcome at ${where(origin)} dead-lettered (${code}): ${reason}`);
  }

  private delay(failures: number): number {
    return Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.max(0, failures - 1));
  }

  /** A wait that `stop()` ends early. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

function where(origin: MessageOrigin): string {
  return `${origin.topic}[${origin.partition}]@${origin.offset}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
