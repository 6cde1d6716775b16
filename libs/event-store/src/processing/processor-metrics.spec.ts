import { renderProcessorMetrics } from './processor-metrics';
import type { ProcessorStatus } from './processor.port';

const status = (overrides: Partial<ProcessorStatus>): ProcessorStatus => ({
  name: 'contracts',
  state: 'active',
  checkpoint: null,
  lag: 0,
  lastProgressAt: null,
  parked: 0,
  lastError: null,
  ...overrides,
});

describe('renderProcessorMetrics', () => {
  it('renders one gauge family per metric with a sample per processor', () => {
    const text = renderProcessorMetrics([
      status({ name: 'contracts', lag: 12, parked: 1, lastProgressAt: '2024-11-20T10:00:00.500Z' }),
      status({ name: 'kafka-relay', state: 'standby' }),
    ]);

    expect(text).toBe(
      [
        '# HELP spinout_processor_lag Events in the log after the processor checkpoint.',
        '# TYPE spinout_processor_lag gauge',
        'spinout_processor_lag{processor="contracts"} 12',
        'spinout_processor_lag{processor="kafka-relay"} 0',
        '# HELP spinout_processor_parked Events the processor gave up on (parked).',
        '# TYPE spinout_processor_parked gauge',
        'spinout_processor_parked{processor="contracts"} 1',
        'spinout_processor_parked{processor="kafka-relay"} 0',
        '# HELP spinout_processor_active 1 if this instance holds the processor lease and runs it, else 0.',
        '# TYPE spinout_processor_active gauge',
        'spinout_processor_active{processor="contracts"} 1',
        'spinout_processor_active{processor="kafka-relay"} 0',
        '# HELP spinout_processor_last_progress_seconds Unix time in seconds when the checkpoint last moved; alert on lag > 0 with time() minus this growing.',
        '# TYPE spinout_processor_last_progress_seconds gauge',
        'spinout_processor_last_progress_seconds{processor="contracts"} 1732096800.5',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values', () => {
    expect(renderProcessorMetrics([status({ name: 'a"b\\c\nd' })])).toContain('spinout_processor_lag{processor="a\\"b\\\\c\\nd"} 0');
  });
});
