import type { ProcessorStatus } from './processor.port';

interface Gauge {
  name: string;
  help: string;
  value(status: ProcessorStatus): number | null;
}

const GAUGES: Gauge[] = [
  { name: 'spinout_processor_lag', help: 'Events in the log after the processor checkpoint.', value: (s) => s.lag },
  { name: 'spinout_processor_parked', help: 'Events the processor gave up on (parked).', value: (s) => s.parked },
  { name: 'spinout_processor_active', help: '1 if this instance holds the processor lease and runs it, else 0.', value: (s) => (s.state === 'active' ? 1 : 0) },
  {
    name: 'spinout_processor_last_progress_seconds',
    help: 'Unix time in seconds when the checkpoint last moved; alert on lag > 0 with time() minus this growing.',
    value: (s) => (s.lastProgressAt === null ? null : Date.parse(s.lastProgressAt) / 1000),
  },
];

/**
 * Processor statuses in the Prometheus text exposition format (version 0.0.4), for a
 * `GET /metrics` handler to return with `Content-Type: text/plain; version=0.0.4`.
 * A processor that never made progress has no last-progress sample.
 */
export function renderProcessorMetrics(statuses: readonly ProcessorStatus[]): string {
  const lines: string[] = [];
  for (const gauge of GAUGES) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const status of statuses) {
      const value = gauge.value(status);
      if (value === null || Number.isNaN(value)) continue;
      lines.push(`${gauge.name}{processor="${escapeLabel(status.name)}"} ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
