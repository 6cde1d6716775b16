import { Global, Module } from '@nestjs/common';
import { AppendNotifier, EventStore } from '@spinout/event-store';
import { workflowProcessManagers } from '@spinout/workflow';
import { EVENT_STORE } from '../database/database.tokens';
import { MetricsController } from './metrics.http.controller';
import { PROCESSORS } from './processing.tokens';
import { ProcessorHostService } from './processor-host.provider';

/** The processors of the single process: the workflow's process managers (projections and the relay join them). */
@Global()
@Module({
  providers: [
    { provide: PROCESSORS, inject: [EVENT_STORE], useFactory: (store: EventStore) => [...workflowProcessManagers(store)] },
    ProcessorHostService,
  ],
  controllers: [MetricsController],
  exports: [ProcessorHostService],
})
export class ProcessingModule {}
