import { Controller, Get, Header, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { renderProcessorMetrics } from '@spinout/event-store';
import { MessagingService, renderConsumerMetrics } from '@spinout/messaging';
import { ProcessorStatuses } from './processor-statuses.service';

/**
 * Prometheus text exposition: lag, parked events, activity and last progress per processor; with
 * Kafka on, the consumer's lag and stuck flag per partition, and its outcome, retry and
 * dead-letter counters.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly processors: ProcessorStatuses,
    @Optional() private readonly messaging?: MessagingService,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const [processors, consumers] = await Promise.all([this.processors.all(), this.messaging?.runtime.consumerStatuses() ?? []]);
    return renderProcessorMetrics(processors) + (consumers.length > 0 ? renderConsumerMetrics(consumers) : '');
  }
}
