import { Global, Module } from '@nestjs/common';
import { EventStore } from '@spinout/event-store';
import { createProjectionProcessors } from '@spinout/projections';
import { workflowProcessManagers } from '@spinout/workflow';
import { EVENT_STORE } from '../database/database.tokens';
import { DemoSeederService } from '../demo/demo-seeder.service';
import { PROCESSORS } from './processing.tokens';
import { ProcessorHostService } from './processor-host.provider';

/** The processors of this process: the workflow's process managers and the read-model projections. */
@Global()
@Module({
  providers: [
    {
      provide: PROCESSORS,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => [...workflowProcessManagers(store), ...createProjectionProcessors()],
    },
    ProcessorHostService,
    DemoSeederService,
  ],
  exports: [ProcessorHostService],
})
export class ProcessingModule {}
