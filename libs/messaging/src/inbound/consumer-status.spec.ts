import { emptyStats, renderConsumerMetrics, type ConsumerStatus } from './consumer-status';

const status: ConsumerStatus = {
  name: 'kafka-consumer:tender-outcomes', topic: 'procurement.tender-outcomes.v1', groupId: 'spinout', state: 'running', stuck: true, lagError: null,
  partitions: [
    { partition: 0, committedOffset: '7', highWatermark: '9', lag: 2, stuck: true, pending: null },
    { partition: 1, committedOffset: null, highWatermark: null, lag: null, stuck: false, pending: null },
  ],
  stats: { ...emptyStats(), applied: 5, duplicates: 1, deadLettered: 3, deadLetteredByCode: { unsafe_input: 2, clock_skew: 1 }, deadLettersTruncated: 1, retries: 4 },
};

describe('consumer metrics', () => {
  const text = renderConsumerMetrics([status]);
  const labels = 'consumer="kafka-consumer:tender-outcomes",topic="procurement.tender-outcomes.v1",group="spinout"';

  it('give lag and stuck per partition, leaving out a lag nobody knows', () => {
    expect(text).toContain(`spinout_kafka_consumer_lag{${labels},partition="0"} 2`);
    expect(text).not.toContain(`spinout_kafka_consumer_lag{${labels},partition="1"}`);
    expect(text).toContain(`spinout_kafka_consumer_stuck{${labels},partition="0"} 1`);
    expect(text).toContain(`spinout_kafka_consumer_stuck{${labels},partition="1"} 0`);
  });

  it('count outcomes, retries and dead letters by code', () => {
    expect(text).toContain(`spinout_kafka_consumer_messages_total{${labels},outcome="applied"} 5`);
    expect(text).toContain(`spinout_kafka_consumer_messages_total{${labels},outcome="dead_lettered"} 3`);
    expect(text).toContain(`spinout_kafka_consumer_retries_total{${labels}} 4`);
    expect(text).toContain(`spinout_kafka_consumer_dead_letters_total{${labels},code="unsafe_input"} 2`);
    expect(text).toContain(`spinout_kafka_consumer_dead_letters_truncated_total{${labels}} 1`);
    expect(text).toContain('# TYPE spinout_kafka_consumer_retries_total counter');
  });
});
