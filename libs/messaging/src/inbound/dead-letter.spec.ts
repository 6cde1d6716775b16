import type { KafkaMessage, Message, Producer } from 'kafkajs';
import { deadLetterRecords, DeadLetterWriter, TRUNCATED_COPY } from './dead-letter';

const origin = { topic: 'procurement.tender-outcomes.v1', partition: 2, offset: '41' };
const cause = { code: 'schema_violation', reason: 'the body does not match AwardDecidedV1' };
const context = { groupId: 'spinout', attempts: 1, failedAt: new Date('2026-03-01T08:00:00.000Z') };
const message = (value: Buffer, headers: KafkaMessage['headers'] = {}): KafkaMessage =>
  ({
    key: Buffer.from('ocds-spnout-1'),
    value,
    headers: { ce_id: Buffer.from('m-1'), ce_source: '/procurement', 'x-trace': Buffer.from('t'), ...headers },
    offset: '41',
    timestamp: '0',
    attributes: 0,
  }) as KafkaMessage;

const tooLarge = Object.assign(
  new Error('The request included a message larger than the max message size the server will accept'),
  {
    name: 'KafkaJSProtocolError',
    type: 'MESSAGE_TOO_LARGE',
    retriable: false,
  },
);

function producerRefusing(refuse: (record: Message) => Error | null): {
  producer: Pick<Producer, 'send'>;
  sent: Message[];
} {
  const sent: Message[] = [];
  const producer = {
    send: async ({ messages }: { messages: Message[] }) => {
      const error = refuse(messages[0]);
      if (error) throw error;
      sent.push(messages[0]);
      return [];
    },
  };
  return { producer, sent };
}

describe('dead letters', () => {
  it('copy the original key, value and headers and add where it came from and why', () => {
    const [[form, record]] = deadLetterRecords(message(Buffer.from('{"unitId":')), origin, cause, context);
    expect(form).toBe('copy');
    expect(record.key).toEqual(Buffer.from('ocds-spnout-1'));
    expect(record.value).toEqual(Buffer.from('{"unitId":'));
    expect(record.headers).toMatchObject({
      ce_id: Buffer.from('m-1'),
      'x-trace': Buffer.from('t'),
      dlt_original_topic: origin.topic,
      dlt_original_partition: '2',
      dlt_original_offset: '41',
      dlt_error_code: 'schema_violation',
      dlt_reason: cause.reason,
      dlt_consumer_group: 'spinout',
      dlt_failed_at: '2026-03-01T08:00:00.000Z',
      dlt_attempts: '1',
    });
  });

  it('never carry over dlt_* headers the sender set', () => {
    const [[, record]] = deadLetterRecords(
      message(Buffer.from('x'), { dlt_error_code: 'all_fine', dlt_truncated: 'true' }),
      origin,
      cause,
      context,
    );
    expect(record.headers).toMatchObject({ dlt_error_code: 'schema_violation' });
    expect(record.headers).not.toHaveProperty('dlt_truncated');
  });

  it('fall back to a truncated copy with the reason when the broker finds the full copy too large', async () => {
    const big = Buffer.alloc(1_000_000, 'a');
    const { producer, sent } = producerRefusing((record) =>
      ((record.value as Buffer | null)?.length ?? 0) > TRUNCATED_COPY.valueBytes ? tooLarge : null,
    );
    const writer = new DeadLetterWriter('procurement.tender-outcomes.v1.dlt', () => producer);
    expect(
      await writer.write(deadLetterRecords(message(big, { ce_type: Buffer.alloc(5000, 't') }), origin, cause, context)),
    ).toBe('truncated');
    expect(sent).toHaveLength(1);
    expect((sent[0].value as Buffer).length).toBe(TRUNCATED_COPY.valueBytes);
    expect((sent[0].headers?.ce_type as Buffer).length).toBe(TRUNCATED_COPY.headerBytes);
    expect(sent[0].headers).not.toHaveProperty('x-trace');
    expect(sent[0].headers).toMatchObject({
      dlt_truncated: 'true',
      dlt_original_value_bytes: '1000000',
      dlt_reason: cause.reason,
      dlt_error_code: 'schema_violation',
    });
  });

  it('write the headers alone when even the truncated copy is refused, and leave broker failures to a later try', async () => {
    const { producer, sent } = producerRefusing((record) => (record.value === null ? null : tooLarge));
    const writer = new DeadLetterWriter('dlt', () => producer);
    expect(await writer.write(deadLetterRecords(message(Buffer.from('x')), origin, cause, context))).toBe(
      'headers_only',
    );
    expect(sent[0]).toMatchObject({
      key: null,
      value: null,
      headers: { dlt_truncated: 'true', dlt_error_code: 'schema_violation' },
    });

    const down = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    const unreachable = new DeadLetterWriter('dlt', () => producerRefusing(() => down).producer);
    await expect(unreachable.write(deadLetterRecords(message(Buffer.from('x')), origin, cause, context))).rejects.toBe(
      down,
    );
  });

  it('keep a very long reason to a readable length', () => {
    const [[, record]] = deadLetterRecords(
      message(Buffer.from('x')),
      origin,
      { code: 'unparseable', reason: 'r'.repeat(5000) },
      context,
    );
    expect((record.headers?.dlt_reason as string).length).toBeLessThanOrEqual(1001);
  });
});
