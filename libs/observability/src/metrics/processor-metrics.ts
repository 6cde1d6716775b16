import { Gauge, type Registry } from 'prom-client';
import type { ProcessorStatus } from '@spinout/event-store';

interface Family {
  gauge: Gauge<'processor'>;
  value(status: ProcessorStatus): number | null;
}

/**
 * The processors' gauges, one sample per processor, set from their statuses at each scrape:
 * lag, parked events, whether this process runs it, and when its checkpoint last moved (no
 * sample for a processor that never made progress). The names are the ones /metrics has always
 * had, so dashboards and alerts keep working.
 */
export class ProcessorMetrics {
  private readonly families: Family[];

  constructor(registry: Registry) {
    const gauge = (name: string, help: string) =>
      new Gauge({ name, help, labelNames: ['processor'] as const, registers: [registry] });
    this.families = [
      {
        gauge: gauge('spinout_processor_lag', 'Events in the log after the processor checkpoint.'),
        value: (s) => s.lag,
      },
      { gauge: gauge('spinout_processor_parked', 'Events the processor gave up on (parked).'), value: (s) => s.parked },
      {
        gauge: gauge('spinout_processor_active', '1 if this instance holds the processor lease and runs it, else 0.'),
        value: (s) => (s.state === 'active' ? 1 : 0),
      },
      {
        gauge: gauge(
          'spinout_processor_last_progress_seconds',
          'Unix time in seconds when the checkpoint last moved; alert on lag > 0 with time() minus this growing.',
        ),
        value: (s) => (s.lastProgressAt === null ? null : Date.parse(s.lastProgressAt) / 1000),
      },
    ];
  }

  update(statuses: readonly ProcessorStatus[]): void {
    for (const { gauge, value } of this.families) {
      gauge.reset();
      for (const status of statuses) {
        const sample = value(status);
        if (sample !== null && !Number.isNaN(sample)) gauge.set({ processor: status.name }, sample);
      }
    }
  }
}
