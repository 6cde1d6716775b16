import type { IHeaders, KafkaMessage, Message, Producer } from 'kafkajs';
import { isMessageFault } from '../kafka/kafka-errors';
import type { MessageOrigin } from './tender-outcome.handler';

/** Why a message is given up on: a machine-readable code and a sentence. */
export interface DeadLetterCause {
  readonly code: string;
  readonly reason: string;
}

/** What the dead letter holds: the whole message, a truncated copy, or only the dlt_* headers. */
export type DeadLetterForm = 'copy' | 'truncated' | 'headers_only';

/** How much of the original a truncated copy keeps. */
export const TRUNCATED_COPY = { valueBytes: 64 * 1024, keyBytes: 1024, headerBytes: 1024 } as const;
const MAX_REASON_CHARS = 1000;
/** Headers of the original a truncated copy keeps: what identifies the message. */
const IDENTIFYING_HEADER = /^(ce_|content-type$)/;

export interface DeadLetterContext {
  readonly groupId: string;
  /** Tries the message was given (decode, apply), including the last. */
  readonly attempts: number;
  readonly failedAt: Date;
}

/** The dlt_* headers: where the message came from, why it was given up on, by whom, when. */
export function deadLetterHeaders(
  origin: MessageOrigin,
  cause: DeadLetterCause,
  context: DeadLetterContext,
): Record<string, string> {
  const reason = cause.reason.length > MAX_REASON_CHARS ? `${cause.reason.slice(0, MAX_REASON_CHARS)}…` : cause.reason;
  return {
    dlt_original_topic: origin.topic,
    dlt_original_partition: String(origin.partition),
    dlt_original_offset: origin.offset,
    dlt_reason: reason || cause.code,
    dlt_error_code: cause.code,
    dlt_consumer_group: context.groupId,
    dlt_failed_at: context.failedAt.toISOString(),
    dlt_attempts: String(context.attempts),
  };
}

/**
 * The records to try, in order: the original key, value and headers plus the dlt_* headers; if
 * the broker refuses that as too large (the added headers can push a message that was just under
 * the limit over it), the first 64 KiB of the value with the identifying headers cut to 1 KiB
 * each; if even that is refused, the dlt_* headers alone. The original's own dlt_* headers are
 * never carried over, so a sender cannot pose as the consumer.
 */
export function deadLetterRecords(
  message: KafkaMessage,
  origin: MessageOrigin,
  cause: DeadLetterCause,
  context: DeadLetterContext,
): Array<[DeadLetterForm, Message]> {
  const dlt = deadLetterHeaders(origin, cause, context);
  const original = Object.entries(message.headers ?? {}).filter(
    ([name, value]) => value !== undefined && !name.startsWith('dlt_'),
  );
  const valueBytes = message.value?.length ?? 0;
  const truncatedHeaders: IHeaders = Object.fromEntries(
    original
      .filter(([name]) => IDENTIFYING_HEADER.test(name))
      .map(([name, value]) => [name, cut(lastValue(value), TRUNCATED_COPY.headerBytes)]),
  );
  const marks = { dlt_truncated: 'true', dlt_original_value_bytes: String(valueBytes) };
  return [
    ['copy', { key: message.key, value: message.value, headers: { ...Object.fromEntries(original), ...dlt } }],
    [
      'truncated',
      {
        key: message.key ? cut(message.key, TRUNCATED_COPY.keyBytes) : message.key,
        value: message.value ? cut(message.value, TRUNCATED_COPY.valueBytes) : message.value,
        headers: { ...truncatedHeaders, ...dlt, ...marks },
      },
    ],
    ['headers_only', { key: null, value: null, headers: { ...dlt, ...marks } }],
  ];
}

/** Writes dead letters to one topic, falling back to smaller forms while the broker says "too large". */
export class DeadLetterWriter {
  constructor(
    private readonly topic: string,
    /** The producer to send with (only `send` is used), or null while it is not connected. */
    private readonly producer: () => Pick<Producer, 'send'> | null,
  ) {}

  /** Resolves with the form written; rejects when the broker is unavailable (try again later). */
  async write(records: Array<[DeadLetterForm, Message]>): Promise<DeadLetterForm> {
    const producer = this.producer();
    if (!producer) throw new Error('The dead-letter producer is not connected');
    let refusal: unknown;
    for (const [form, record] of records) {
      try {
        await producer.send({ topic: this.topic, acks: -1, messages: [record] });
        return form;
      } catch (error) {
        if (!isMessageFault(error)) throw error;
        refusal = error;
      }
    }
    throw refusal;
  }
}

function lastValue(value: IHeaders[string]): Buffer | string {
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last ?? '';
}

function cut(value: Buffer | string, bytes: number): Buffer {
  const buffer = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return buffer.length > bytes ? buffer.subarray(0, bytes) : buffer;
}
