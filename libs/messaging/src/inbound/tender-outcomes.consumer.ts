import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DEFAULT_BUSINESS_TIME_ZONE, zonedInstant } from '@spinout/domain';
import type { EventStore } from '@spinout/event-store';
import { SILENT_MESSAGING_LOGGER, type MessagingLogger } from '../kafka/kafka-client';
import { DEFAULT_TOPICS, type TopicNames } from '../topics';
import { emptyStats, type ConsumerPartitionStatus, type ConsumerStats, type ConsumerStatus } from './consumer-status';
import { deadLetterRecords, DeadLetterWriter, type DeadLetterCause } from './dead-letter';
import { AttemptTimeoutError, classifyFailure, describeError } from './failure-classification';
import { escapingLogger } from './log-text';
import { clockSkewRejection, DEFAULT_MAX_CLOCK_SKEW_SECONDS } from './message-clock';
import { PendingMessages, type PendingMessage } from './pending-messages';
import { TenderOutcomeDecoder } from './tender-outcome.decoder';
import { handleTenderOutcome, type HandleEffect, type MessageOrigin } from './tender-outcome.handler';

export type { ConsumerStats } from './consumer-status';

export const TENDER_OUTCOMES_CONSUMER = 'kafka-consumer:tender-outcomes';

export interface ConsumerRetryOptions {
  /** Wait after the first failed try, in ms (default 200); it doubles with each further failure. */
  initialDelayMs?: number;
  /** Longest wait between tries, in ms (default 10 000). */
  maxDelayMs?: number;
  /** Tries a message gets for transient failures while the database answers, then it is dead-lettered (default 10). */
  maxAttempts?: number;
}

/** How the consumer is tuned; everything has a default. */
export interface TenderOutcomeConsumerTuning {
  retry?: ConsumerRetryOptions;
  /** A try still running after this long counts as a timeout, and its partition waits for the next try (default 15 000 ms). */
  attemptTimeoutMs?: number;
  /** How far ahead of the time of receipt a `ce_time` may be (default 300 s); further ahead is dead-lettered. */
  maxClockSkewSeconds?: number;
  /** The zone a message's time of receipt is written in, which decides its business date (default Asia/Shanghai). */
  businessTimeZone?: string;
  /** Partitions processed at the same time (default 3). */
  partitionsConsumedConcurrently?: number;
}

export interface TenderOutcomeConsumerOptions extends TenderOutcomeConsumerTuning {
  kafka: Kafka;
  store: EventStore;
  groupId: string;
  topics?: TopicNames;
  /** Whether the database answers: a failed try while it does not is not charged to the message's budget. */
  databaseAvailable?: () => Promise<boolean>;
  logger?: MessagingLogger;
}

const HEARTBEAT_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;
const STATUS_TIMEOUT_MS = 3000;
const MAX_ERROR_CHARS = 500;

/**
 * Consumes `procurement.tender-outcomes.v1`. Each message becomes a command on its service unit
 * (see `handleTenderOutcome`), decided at the time it was received. A partition's offset is
 * committed after each message is stored, acknowledged or dead-lettered, never before.
 *
 * - Permanent failures (unreadable, schema or text refused, `ce_time` too far ahead, refused by
 *   the domain, a value the database refuses, event ids taken) → the dead-letter topic with the
 *   reason, at once; see `classifyFailure`.
 * - Transient failures (connection lost, timeouts, conflicts, anything unclassified) → tried
 *   again with backoff, up to `retry.maxAttempts` tries while the database answers (tries while
 *   it is down are not counted: an outage is not the message's fault), then dead-lettered as
 *   `retries_exhausted`.
 * - A partition whose head message waits for its next try is paused and the batch handler
 *   returns, so the fetch loop serves the other partitions meanwhile; when the wait is over the
 *   partition resumes at that message. Up to `partitionsConsumedConcurrently` partitions are
 *   processed at the same time. Each try runs with a time limit and heartbeats.
 */
export class TenderOutcomeConsumer {
  readonly stats: ConsumerStats = emptyStats();
  private readonly topics: TopicNames;
  private readonly log: MessagingLogger;
  private readonly decoder = new TenderOutcomeDecoder();
  private readonly pending = new PendingMessages();
  private readonly deadLetters: DeadLetterWriter;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly attemptTimeoutMs: number;
  private readonly maxClockSkewSeconds: number;
  private readonly businessTimeZone: string;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private admin: Promise<Admin> | null = null;
  private running = false;
  private hasJoined = false;
  private assigned: number[] = [];
  private startLoop: Promise<void> | null = null;
  private readonly sleepers = new Set<() => void>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private joined: Promise<void> = new Promise<void>(() => undefined);

  constructor(private readonly options: TenderOutcomeConsumerOptions) {
    this.topics = options.topics ?? DEFAULT_TOPICS;
    this.log = escapingLogger(options.logger ?? SILENT_MESSAGING_LOGGER);
    this.initialDelayMs = options.retry?.initialDelayMs ?? 200;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
    this.maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 10);
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
    this.maxClockSkewSeconds = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    this.businessTimeZone = options.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE;
    this.deadLetters = new DeadLetterWriter(this.topics.tenderOutcomesDeadLetter, () => this.producer);
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
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.startLoop?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.closeAdmin();
    this.consumer = null;
    this.producer = null;
    this.hasJoined = false;
    this.assigned = [];
    this.pending.clear();
  }

  /** Lag per assigned partition (asked of the broker), stuck messages and counters, for health and metrics. */
  async status(): Promise<ConsumerStatus> {
    const partitions = [...this.assigned].sort((a, b) => a - b);
    let offsets = new Map<number, { committed: string | null; high: string | null }>();
    let lagError: string | null = null;
    if (this.running && partitions.length > 0) {
      try {
        offsets = await withTimeout(this.partitionOffsets(), STATUS_TIMEOUT_MS);
      } catch (error) {
        lagError = describeError(error);
        void this.closeAdmin(); // the next status connects afresh; a health check does not wait for this one
      }
    }
    const rows = partitions.map((partition): ConsumerPartitionStatus => {
      const known = offsets.get(partition);
      const lag =
        known?.committed != null && known.high != null
          ? Math.max(0, Number(BigInt(known.high) - BigInt(known.committed)))
          : null;
      const pending = this.pending.stuck(partition);
      return {
        partition,
        committedOffset: known?.committed ?? null,
        highWatermark: known?.high ?? null,
        lag,
        stuck: pending !== null,
        pending,
      };
    });
    return {
      name: TENDER_OUTCOMES_CONSUMER,
      topic: this.topics.tenderOutcomes,
      groupId: this.options.groupId,
      state: !this.running ? 'stopped' : this.hasJoined ? 'running' : 'starting',
      stuck: rows.some((row) => row.stuck),
      partitions: rows,
      lagError,
      stats: { ...this.stats, deadLetteredByCode: { ...this.stats.deadLetteredByCode } },
    };
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
        const line = `Tender outcomes consumer could not start (attempt ${attempt}): ${describeError(error)}`;
        if (attempt === 1) this.log.debug?.(line);
        else this.log.warn(line);
        await this.sleep(this.delay(attempt));
      }
    }
  }

  private async run(): Promise<void> {
    const { kafka, groupId } = this.options;
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
    await this.producer.connect();
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: true,
      // Short long-polls and a modest session: a stopping or failed member is noticed within seconds.
      // A try heartbeats while it runs, and a waiting partition is paused, not waited on.
      maxWaitTimeInMs: 1000,
      sessionTimeout: 10_000,
      heartbeatInterval: HEARTBEAT_MS,
      rebalanceTimeout: 20_000,
      // After stop(), a crash of an in-flight restart must not schedule another one.
      retry: { restartOnFailure: async () => this.running },
    });
    this.consumer = consumer;
    this.joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.hasJoined = true;
      this.assigned = [...(event.payload.memberAssignment[this.topics.tenderOutcomes] ?? [])];
      this.pending.retain(this.assigned);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs restarts itself after retriable failures; after any other it stops, and so would we.
      if (event.payload.restart || !this.running || this.consumer !== consumer) return;
      this.log.error(`Tender outcomes consumer crashed: ${describeError(event.payload.error)}; restarting`);
      this.consumer = null;
      this.hasJoined = false;
      void consumer.disconnect().catch(() => undefined);
      this.startLoop = this.connectUntilRunning();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.tenderOutcomes], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, this.options.partitionsConsumedConcurrently ?? 3),
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.log.log(`Consuming ${this.topics.tenderOutcomes} as group ${groupId}`);
  }

  private async eachBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
  }: EachBatchPayload): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const keepGoing = () => isRunning() && !isStale() && this.running;
    for (const message of batch.messages) {
      if (!keepGoing()) return;
      const origin: MessageOrigin = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const retryInMs = await this.heartbeating(heartbeat, () => this.attempt(message, origin));
      if (retryInMs !== null) {
        // The rest of this batch is fetched again from this message once the partition resumes.
        if (keepGoing()) this.pauseFor(pause, retryInMs);
        return;
      }
      resolveOffset(message.offset);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
      await heartbeat();
    }
  }

  /** One try of a message: null when it is done with (stored, acknowledged, dead-lettered), else the wait before the next try. */
  private async attempt(message: KafkaMessage, origin: MessageOrigin): Promise<number | null> {
    const pending = this.pending.begin(origin.partition, origin.offset, new Date());
    if (pending.deadLetter === null) {
      pending.attempts += 1;
      try {
        const rejection = await withTimeout(this.apply(message, origin, pending.receivedAt), this.attemptTimeoutMs);
        if (rejection === null) {
          this.pending.done(origin.partition, origin.offset);
          return null;
        }
        pending.deadLetter = rejection;
      } catch (error) {
        const verdict = classifyFailure(error);
        if (verdict.kind === 'transient' && !(await this.outOfBudget(pending)))
          return this.retryLater(pending, origin, verdict.reason);
        pending.deadLetter =
          verdict.kind === 'permanent'
            ? { code: verdict.code, reason: verdict.reason }
            : {
                code: 'retries_exhausted',
                reason: `gave up after ${pending.attempts} tries (${verdict.cause}): ${verdict.reason}`,
              };
      }
    }
    const cause = pending.deadLetter;
    try {
      const form = await this.deadLetters.write(
        deadLetterRecords(message, origin, cause, {
          groupId: this.options.groupId,
          attempts: pending.attempts,
          failedAt: new Date(),
        }),
      );
      this.stats.deadLettered += 1;
      this.stats.deadLetteredByCode[cause.code] = (this.stats.deadLetteredByCode[cause.code] ?? 0) + 1;
      if (form !== 'copy') this.stats.deadLettersTruncated += 1;
      this.log.warn(
        `Tender outcome at ${where(origin)} dead-lettered (${cause.code}${form === 'copy' ? '' : `, written as ${form}: the full copy is too large`}): ${cause.reason}`,
      );
      this.pending.done(origin.partition, origin.offset);
      return null;
    } catch (error) {
      return this.retryLater(pending, origin, `its dead letter could not be written: ${describeError(error)}`);
    }
  }

  /** Decodes, checks the clock and applies; a rejection to dead-letter, or null when done. Throws what the handler throws. */
  private async apply(message: KafkaMessage, origin: MessageOrigin, receivedAt: Date): Promise<DeadLetterCause | null> {
    const decoded = this.decoder.decode(message.value, message.headers);
    if (!decoded.ok) return decoded.rejection;
    const { attributes } = decoded.message;
    const skew = clockSkewRejection(attributes.time, receivedAt, this.maxClockSkewSeconds);
    if (skew) return skew;
    const result = await handleTenderOutcome(this.options.store, decoded.message, {
      origin,
      receivedAt: zonedInstant(receivedAt.getTime(), this.businessTimeZone),
    });
    this.count(result.effect);
    this.log.debug?.(
      `Tender outcome ${attributes.id} from ${attributes.source} (${where(origin)}): ${result.effect}, ${result.summary}`,
    );
    return null;
  }

  /** Charges a failed try to the message unless the database is down; true when the budget is spent. */
  private async outOfBudget(pending: PendingMessage): Promise<boolean> {
    const probe = this.options.databaseAvailable;
    const databaseDown = probe ? !(await withTimeout(probe(), PROBE_TIMEOUT_MS).catch(() => false)) : false;
    if (!databaseDown) pending.charged += 1;
    return pending.charged >= this.maxAttempts;
  }

  private retryLater(pending: PendingMessage, origin: MessageOrigin, reason: string): number {
    const now = new Date();
    pending.failures += 1;
    pending.failingSince ??= now;
    pending.lastError = reason.length > MAX_ERROR_CHARS ? `${reason.slice(0, MAX_ERROR_CHARS)}…` : reason;
    const delay = this.delay(pending.failures);
    pending.nextAttemptAt = new Date(now.getTime() + delay);
    this.stats.retries += 1;
    this.log.warn(
      `Tender outcome at ${where(origin)} failed (${pending.failures} in a row, ${pending.charged} of ${this.maxAttempts} tries charged), next try in ${delay} ms: ${reason}`,
    );
    return delay;
  }

  private count(effect: HandleEffect): void {
    if (effect === 'applied') this.stats.applied += 1;
    else if (effect === 'duplicate') this.stats.duplicates += 1;
    else this.stats.acknowledged += 1;
  }

  /** Pauses the batch's partition (the fetch loop goes on with the others) and resumes it after `ms`. */
  private pauseFor(pause: () => () => void, ms: number): void {
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, ms);
    this.resumeTimers.add(timer);
  }

  /** Keeps the group membership alive while a try runs (kafkajs only heartbeats between batches). */
  private async heartbeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async partitionOffsets(): Promise<Map<number, { committed: string | null; high: string | null }>> {
    const admin = await this.connectedAdmin();
    const topic = this.topics.tenderOutcomes;
    const [ends, groups] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId: this.options.groupId, topics: [topic] }),
    ]);
    const committed = new Map(
      (groups.find((g) => g.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]),
    );
    const result = new Map<number, { committed: string | null; high: string | null }>();
    for (const end of ends) {
      const offset = committed.get(end.partition);
      // Nothing committed yet: the group starts from the beginning, so everything there is counts.
      result.set(end.partition, {
        committed: offset === undefined || offset === '-1' ? end.low : offset,
        high: end.high,
      });
    }
    return result;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.options.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private async closeAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
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

/** `work`, or an `AttemptTimeoutError` after `ms`; the work itself goes on (its late failure is ignored). */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeoutError(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function where(origin: MessageOrigin): string {
  return `${origin.topic}[${origin.partition}]@${origin.offset}`;
}
