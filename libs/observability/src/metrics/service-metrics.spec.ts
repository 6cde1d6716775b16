import type { ProcessorStatus } from '@spinout/event-store';
import type { ConsumerStatus } from '@spinout/messaging';
import { ServiceMetrics } from './service-metrics';

const processor = (overrides: Partial<ProcessorStatus>): ProcessorStatus => ({
  name: 'contracts',
  state: 'active',
  checkpoint: null,
  lag: 0,
  lastProgressAt: null,
  parked: 0,
  lastError: null,
  ...overrides,
});

const consumer: ConsumerStatus = {
  name: 'kafka-consumer:tender-outcomes',
  topic: 'procurement.tender-outcomes.v1',
  groupId: 'spinout',
  state: 'running',
  stuck: true,
  lagError: null,
  partitions: [
    { partition: 0, committedOffset: '7', highWatermark: '9', lag: 2, stuck: true, pending: null },
    { partition: 1, committedOffset: null, highWatermark: null, lag: null, stuck: false, pending: null },
  ],
  stats: {
    applied: 5,
    duplicates: 1,
    acknowledged: 0,
    deadLettered: 3,
    deadLetteredByCode: { unsafe_input: 2, clock_skew: 1 },
    deadLettersTruncated: 1,
    retries: 4,
  },
};

/** The lines of one family: HELP, TYPE and its samples. */
function family(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith(`# HELP ${name} `) ||
        line.startsWith(`# TYPE ${name} `) ||
        line.startsWith(`${name}{`) ||
        line.startsWith(`${name} `),
    );
}

describe('ServiceMetrics', () => {
  it('gives each processor a sample of the gauges /metrics has always had, under the same names', async () => {
    let statuses = [
      processor({ name: 'contracts', lag: 12, parked: 1, lastProgressAt: '2024-11-20T10:00:00.500Z' }),
      processor({ name: 'kafka-relay', state: 'standby' }),
    ];
    const metrics = new ServiceMetrics({ processors: async () => statuses });
    const text = await metrics.render();
    expect(family(text, 'spinout_processor_lag')).toEqual([
      '# HELP spinout_processor_lag Events in the log after the processor checkpoint.',
      '# TYPE spinout_processor_lag gauge',
      'spinout_processor_lag{processor="contracts"} 12',
      'spinout_processor_lag{processor="kafka-relay"} 0',
    ]);
    expect(family(text, 'spinout_processor_parked')).toContain('spinout_processor_parked{processor="contracts"} 1');
    expect(family(text, 'spinout_processor_active')).toEqual([
      '# HELP spinout_processor_active 1 if this instance holds the processor lease and runs it, else 0.',
      '# TYPE spinout_processor_active gauge',
      'spinout_processor_active{processor="contracts"} 1',
      'spinout_processor_active{processor="kafka-relay"} 0',
    ]);
    // A processor that never made progress has no last-progress sample.
    expect(family(text, 'spinout_processor_last_progress_seconds').slice(2)).toEqual([
      'spinout_processor_last_progress_seconds{processor="contracts"} 1732096800.5',
    ]);

    statuses = [processor({ name: 'contracts', lag: 0 })];
    expect(family(await metrics.render(), 'spinout_processor_lag').slice(2)).toEqual([
      'spinout_processor_lag{processor="contracts"} 0',
    ]);
  });

  it('escapes label values', async () => {
    const text = await new ServiceMetrics({ processors: async () => [processor({ name: 'a"b\\c\nd' })] }).render();
    expect(text).toContain('spinout_processor_lag{processor="a\\"b\\\\c\\nd"} 0');
  });

  it('gives the consumers lag and stuck per partition, leaving out a lag nobody knows, and their counters', async () => {
    const text = await new ServiceMetrics({ processors: async () => [], consumers: async () => [consumer] }).render();
    const labels = 'consumer="kafka-consumer:tender-outcomes",topic="procurement.tender-outcomes.v1",group="spinout"';
    expect(text).toContain(`spinout_kafka_consumer_lag{${labels},partition="0"} 2`);
    expect(text).not.toContain(`spinout_kafka_consumer_lag{${labels},partition="1"}`);
    expect(text).toContain(`spinout_kafka_consumer_stuck{${labels},partition="0"} 1`);
    expect(text).toContain(`spinout_kafka_consumer_stuck{${labels},partition="1"} 0`);
    expect(text).toContain(`spinout_kafka_consumer_messages_total{${labels},outcome="applied"} 5`);
    expect(text).toContain(`spinout_kafka_consumer_messages_total{${labels},outcome="dead_lettered"} 3`);
    expect(text).toContain(`spinout_kafka_consumer_retries_total{${labels}} 4`);
    expect(text).toContain(`spinout_kafka_consumer_dead_letters_total{${labels},code="unsafe_input"} 2`);
    expect(text).toContain(`spinout_kafka_consumer_dead_letters_truncated_total{${labels}} 1`);
    expect(text).toContain('# TYPE spinout_kafka_consumer_retries_total counter');
  });

  it('has no consumer series in a process without consumers', async () => {
    expect(await new ServiceMetrics({ processors: async () => [] }).render()).not.toContain('spinout_kafka_consumer');
  });

  it("adds Node's process and event-loop series and, once requests were answered, their durations by route pattern and status", async () => {
    const metrics = new ServiceMetrics({ processors: async () => [] });
    expect(await metrics.render()).not.toContain('http_request_duration_seconds');
    metrics.observeRequest('POST', '/service-units/{id}/plan', 201, 0.012);
    const text = await metrics.render();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.025",method="POST",route="/service-units/{id}/plan",status="201"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="POST",route="/service-units/{id}/plan",status="201"} 1',
    );
  });
});
