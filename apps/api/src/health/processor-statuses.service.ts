import { Injectable, Optional } from '@nestjs/common';
import type { ProcessorStatus } from '@spinout/event-store';
import { MessagingService } from '@spinout/messaging';
import { ProcessorHostService } from '../processing/processor-host.provider';

/**
 * Every processor this process hosts, for health and metrics: the process managers and
 * projections, and, when Kafka is on, the relay and the scorecard publisher, which run in the
 * messaging runtime's own host.
 */
@Injectable()
export class ProcessorStatuses {
  constructor(
    private readonly processors: ProcessorHostService,
    @Optional() private readonly messaging?: MessagingService,
  ) {}

  async all(): Promise<ProcessorStatus[]> {
    const [own, messaging] = await Promise.all([
      this.processors.host.statuses(),
      this.messaging?.runtime.statuses() ?? [],
    ]);
    return [...own, ...messaging];
  }
}
