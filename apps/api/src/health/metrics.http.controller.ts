import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { renderProcessorMetrics } from '@spinout/event-store';
import { ProcessorStatuses } from './processor-statuses.service';

/** Prometheus text exposition: lag, parked events, activity and last progress per processor. */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly processors: ProcessorStatuses) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return renderProcessorMetrics(await this.processors.all());
  }
}
