import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConsumerPartitionStatus, ConsumerStatus } from '@spinout/messaging';

const CONSUMER = ['consumer', 'topic', 'group'] as const;
type ConsumerLabels = Record<(typeof CONSUMER)[number], string>;

/**
 * The Kafka consumers' series, set from their statuses at each scrape: lag and stuck per
 * partition (no lag sample while the broker does not say), and counters of outcomes, retries and
 * dead letters by code. The counters are the consumer's own running totals, so each scrape
 * writes them anew.
 */
export class ConsumerMetrics {
  private readonly lag: Gauge<string>;
  private readonly stuck: Gauge<string>;
  private readonly messages: Counter<string>;
  private readonly retries: Counter<string>;
  private readonly deadLetters: Counter<string>;
  private readonly truncated: Counter<string>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.lag = new Gauge({
      name: 'spinout_kafka_consumer_lag',
      help: 'Messages of the partition the consumer group has not processed yet.',
      labelNames: [...CONSUMER, 'partition'],
      registers,
    });
    this.stuck = new Gauge({
      name: 'spinout_kafka_consumer_stuck',
      help: '1 while the message at the head of the partition failed and waits for another try.',
      labelNames: [...CONSUMER, 'partition'],
      registers,
    });
    this.messages = new Counter({
      name: 'spinout_kafka_consumer_messages_total',
      help: 'Messages processed, by outcome.',
      labelNames: [...CONSUMER, 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'spinout_kafka_consumer_retries_total',
      help: 'Failed tries that were tried again.',
      labelNames: [...CONSUMER],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'spinout_kafka_consumer_dead_letters_total',
      help: 'Messages written to the dead-letter topic, by dlt_error_code.',
      labelNames: [...CONSUMER, 'code'],
      registers,
    });
    this.truncated = new Counter({
      name: 'spinout_kafka_consumer_dead_letters_truncated_total',
      help: 'Dead letters written truncated because the full copy was too large.',
      labelNames: [...CONSUMER],
      registers,
    });
  }

  update(statuses: readonly ConsumerStatus[]): void {
    for (const metric of [this.lag, this.stuck, this.messages, this.retries, this.deadLetters, this.truncated])
      metric.reset();
    for (const status of statuses) {
      const labels: ConsumerLabels = { consumer: status.name, topic: status.topic, group: status.groupId };
      for (const partition of status.partitions) this.partition(labels, partition);
      const { stats } = status;
      const outcomes: Array<[string, number]> = [
        ['applied', stats.applied],
        ['duplicate', stats.duplicates],
        ['acknowledged', stats.acknowledged],
        ['dead_lettered', stats.deadLettered],
      ];
      for (const [outcome, count] of outcomes) this.messages.inc({ ...labels, outcome }, count);
      this.retries.inc(labels, stats.retries);
      for (const [code, count] of Object.entries(stats.deadLetteredByCode))
        this.deadLetters.inc({ ...labels, code }, count);
      this.truncated.inc(labels, stats.deadLettersTruncated);
    }
  }

  private partition(labels: ConsumerLabels, partition: ConsumerPartitionStatus): void {
    const of = { ...labels, partition: String(partition.partition) };
    if (partition.lag !== null && !Number.isNaN(partition.lag)) this.lag.set(of, partition.lag);
    this.stuck.set(of, partition.stuck ? 1 : 0);
  }
}
