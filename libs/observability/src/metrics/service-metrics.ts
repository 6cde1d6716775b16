import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ProcessorStatus } from '@spinout/event-store';
import type { ConsumerStatus } from '@spinout/messaging';
import { ConsumerMetrics } from './consumer-metrics';
import { ProcessorMetrics } from './processor-metrics';

/** Where a process's series come from at each scrape. */
export interface MetricSources {
  processors(): Promise<readonly ProcessorStatus[]>;
  /** Present when the process runs Kafka consumers. */
  consumers?: () => Promise<readonly ConsumerStatus[]>;
}

/** The Content-Type of the text /metrics answers. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

let processRegistry: Registry | undefined;

/**
 * Node's own series (CPU, memory, heap, GC, handles, event-loop delay), collected once per
 * process however many applications it runs (the tests boot several).
 */
function nodeProcessMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * One process's /metrics in the Prometheus text format (0.0.4): Node's process and event-loop
 * series, every processor's gauges, the Kafka consumers' series when there are any, and the
 * HTTP request histogram when the process serves the API.
 */
export class ServiceMetrics {
  private readonly registry = new Registry();
  private readonly processors = new ProcessorMetrics(this.registry);
  private readonly consumers?: ConsumerMetrics;
  private http?: Histogram<'method' | 'route' | 'status'>;

  constructor(private readonly sources: MetricSources) {
    nodeProcessMetrics();
    if (sources.consumers) this.consumers = new ConsumerMetrics(this.registry);
  }

  /** Records one answered HTTP request; `route` is the route's pattern, never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.http ??= new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  async render(): Promise<string> {
    const [processors, consumers] = await Promise.all([this.sources.processors(), this.sources.consumers?.() ?? []]);
    this.processors.update(processors);
    this.consumers?.update(consumers);
    return `${await nodeProcessMetrics().metrics()}\n${await this.registry.metrics()}`;
  }
}
