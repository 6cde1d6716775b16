import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppendNotifier, EventStore, Processor, ProcessorHost, SqlDatabase } from '@spinout/event-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, SQL_DATABASE } from '../database/database.tokens';
import { DemoSeederService } from '../demo/demo-seeder.service';
import { PROCESSORS } from './processing.tokens';

/**
 * Hosts this process's processors. Every process may host them: on PostgreSQL each processor
 * runs in exactly one process at a time (an advisory-lock lease) and the others stand by.
 * `RUN_PROCESSORS=false` makes a process a pure API replica.
 */
@Injectable()
export class ProcessorHostService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: ProcessorHost;
  private readonly logger = new Logger('Processors');

  constructor(
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESSORS) processors: Processor[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    notifier: AppendNotifier,
    private readonly demo: DemoSeederService,
  ) {
    const logger = this.logger;
    this.host = new ProcessorHost({
      db,
      store,
      processors,
      notifier,
      pollIntervalMs: config.processorPollMs,
      minBatchIntervalMs: config.processorBatchIntervalMs,
      logger: {
        log: (m: string) => logger.debug(m),
        warn: (m: string) => logger.warn(m),
        error: (m: string) => logger.error(m),
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.demo.seedIfRequested();
    if (!this.config.runProcessors) return;
    this.host.start();
    this.logger.log(`Processors started: ${this.host.names.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}
