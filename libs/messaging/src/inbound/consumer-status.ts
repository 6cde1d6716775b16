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
  return {
    applied: 0,
    duplicates: 0,
    acknowledged: 0,
    deadLettered: 0,
    deadLetteredByCode: {},
    deadLettersTruncated: 0,
    retries: 0,
  };
}
