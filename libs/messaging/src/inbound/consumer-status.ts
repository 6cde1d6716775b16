import type { PendingMessageStatus } from './pending-messages';

/** Counters since the consumer was created. */
export interface ConsumerStats {
  applied: number;
  duplicates: number;
  acknowledged: number;
  deadLettered: number;
  /** Dead letters by `dlt_error_code`. */
  deadLetteredByCode: Record<string, number>;
  /** Dead letters written as a truncated copy or headers only, because the full copy was too large. */
  deadLettersTruncated: number;
  /** Failed tries that were (or will be) tried again. */
  retries: number;
}

export interface ConsumerPartitionStatus {
  readonly partition: number;
  /** The group's committed offset (the next message to process), null when unknown. */
  readonly committedOffset: string | null;
  /** The partition's end (high watermark), null when the broker did not answer. */
  readonly highWatermark: string | null;
  /** Messages not processed yet: high watermark − committed offset. */
  readonly lag: number | null;
  /** True while the message at the head failed and waits for another try. */
  readonly stuck: boolean;
  readonly pending: PendingMessageStatus | null;
}

export interface ConsumerStatus {
  readonly name: string;
  readonly topic: string;
  readonly groupId: string;
  /** 'running' once the group gave it partitions; 'starting' while it joins. */
  readonly state: 'running' | 'starting' | 'stopped';
  /** Some partition's head message is stuck: health is degraded. */
  readonly stuck: boolean;
  /** Partitions assigned to this process. */
  readonly partitions: readonly ConsumerPartitionStatus[];
  /** Why lag is unknown, when the broker did not answer. */
  readonly lagError: string | null;
  readonly stats: ConsumerStats;
}

export function emptyStats(): ConsumerStats {
  return { applied: 0, duplicates: 0, acknowledged: 0, deadLettered: 0, deadLetteredByCode: {}, deadLettersTruncated: 0, retries: 0 };
}

/**
 * Consumer statuses in the Prometheus text format (0.0.4), appended to the processors' metrics:
 * lag and stuck per partition, and counters of outcomes, retries and dead letters by code.
 */
export function renderConsumerMetrics(statuses: readonly ConsumerStatus[]): string {
  const lines: string[] = [];
  const family = (name: string, type: 'gauge' | 'counter', help: string, samples: Array<[Record<string, string>, number | null]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      if (value === null || Number.isNaN(value)) continue;
      const text = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
      lines.push(`${name}{${text}} ${value}`);
    }
  };
  const of = (status: ConsumerStatus) => ({ consumer: status.name, topic: status.topic, group: status.groupId });
  const perPartition = (value: (p: ConsumerPartitionStatus) => number | null) =>
    statuses.flatMap((s) => s.partitions.map((p): [Record<string, string>, number | null] => [{ ...of(s), partition: String(p.partition) }, value(p)]));
  family('spinout_kafka_consumer_lag', 'gauge', 'Messages of the partition the consumer group has not processed yet.', perPartition((p) => p.lag));
  family('spinout_kafka_consumer_stuck', 'gauge', '1 while the message at the head of the partition failed and waits for another try.', perPartition((p) => (p.stuck ? 1 : 0)));
  family('spinout_kafka_consumer_messages_total', 'counter', 'Messages processed, by outcome.', statuses.flatMap((s) => [
    [{ ...of(s), outcome: 'applied' }, s.stats.applied],
    [{ ...of(s), outcome: 'duplicate' }, s.stats.duplicates],
    [{ ...of(s), outcome: 'acknowledged' }, s.stats.acknowledged],
    [{ ...of(s), outcome: 'dead_lettered' }, s.stats.deadLettered],
  ] as Array<[Record<string, string>, number]>));
  family('spinout_kafka_consumer_retries_total', 'counter', 'Failed tries that were tried again.', statuses.map((s) => [of(s), s.stats.retries]));
  family('spinout_kafka_consumer_dead_letters_total', 'counter', 'Messages written to the dead-letter topic, by dlt_error_code.',
    statuses.flatMap((s) => Object.entries(s.stats.deadLetteredByCode).map(([code, count]): [Record<string, string>, number] => [{ ...of(s), code }, count])));
  family('spinout_kafka_consumer_dead_letters_truncated_total', 'counter', 'Dead letters written truncated because the full copy was too large.',
    statuses.map((s) => [of(s), s.stats.deadLettersTruncated]));
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
