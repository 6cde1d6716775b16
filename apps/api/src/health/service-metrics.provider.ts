import type { FactoryProvider } from '@nestjs/common';
import { MessagingService } from '@spinout/messaging';
import { ServiceMetrics } from '@spinout/observability';
import { ProcessorStatuses } from './processor-statuses.service';

/** The API's metrics: every processor of this process and, with Kafka on, the tender-outcomes consumer. */
export const serviceMetricsProvider: FactoryProvider<ServiceMetrics> = {
  provide: ServiceMetrics,
  inject: [ProcessorStatuses, { token: MessagingService, optional: true }],
  useFactory: (processors: ProcessorStatuses, messaging?: MessagingService) =>
    new ServiceMetrics({
      processors: () => processors.all(),
      ...(messaging ? { consumers: () => messaging.runtime.consumerStatuses() } : {}),
    }),
};
