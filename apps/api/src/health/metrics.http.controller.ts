import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { METRICS_CONTENT_TYPE, ServiceMetrics } from '@spinout/observability';

/**
 * Prometheus text exposition (0.0.4): request durations by route pattern and status, Node's
 * process and event-loop series, lag, parked events, activity and last progress per processor;
 * with Kafka on, the consumer's lag and stuck flag per partition, and its outcome, retry and
 * dead-letter counters.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly series: ServiceMetrics) {}

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.series.render();
  }
}
