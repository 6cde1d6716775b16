import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  AppendNotifier,
  EventStore,
  NotifyingEventStore,
  openSqlDatabase,
  ProcessorHost,
  SqlDatabase,
  SqlEventStore,
} from '@spinout/event-store';
import { MESSAGING_MIGRATIONS, MessagingModule, MessagingService } from '@spinout/messaging';
import { ServiceMetrics } from '@spinout/observability';
import { createProjectionProcessors, PROJECTION_MIGRATIONS } from '@spinout/projections';
import { spinoutUpcasters, WORKFLOW_MIGRATIONS, workflowProcessManagers } from '@spinout/workflow';
import type { WorkerConfig } from './worker-config';
import { WorkerEndpoints } from './worker-endpoints';
import { WORKER_CONFIG, WORKER_DATABASE, WORKER_EVENT_STORE } from './worker.tokens';

/** The database the API also uses; the worker runs the same migrations it needs, so either may start first. */
@Global()
@Module({})
class WorkerDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(WORKER_DATABASE) private readonly db: SqlDatabase) {}

  static forConfig(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerDatabaseModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        {
          provide: WORKER_DATABASE,
          useFactory: () =>
            openSqlDatabase({
              url: config.databaseUrl,
              migrations: [...WORKFLOW_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...MESSAGING_MIGRATIONS],
            }),
        },
        AppendNotifier,
        {
          provide: WORKER_EVENT_STORE,
          inject: [WORKER_DATABASE, AppendNotifier],
          useFactory: (db: SqlDatabase, notifier: AppendNotifier) =>
            new NotifyingEventStore(new SqlEventStore(db, spinoutUpcasters()), notifier),
        },
      ],
      exports: [WORKER_CONFIG, WORKER_DATABASE, WORKER_EVENT_STORE, AppendNotifier],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** The workflow's process managers and the read-model projections; each active in one process at a time (lease). */
@Injectable()
export class WorkerProcessors implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: ProcessorHost;
  private readonly logger = new Logger('Processors');

  constructor(
    @Inject(WORKER_DATABASE) db: SqlDatabase,
    @Inject(WORKER_EVENT_STORE) store: EventStore,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    notifier: AppendNotifier,
  ) {
    const logger = this.logger;
    this.host = new ProcessorHost({
      db,
      store,
      notifier,
      processors: [...workflowProcessManagers(store, { log: (m) => logger.log(m) }), ...createProjectionProcessors()],
      pollIntervalMs: config.processorPollMs,
      minBatchIntervalMs: config.processorBatchIntervalMs,
      logger: { log: (m) => logger.debug(m), warn: (m) => logger.warn(m), error: (m, d) => logger.error(m, d) },
    });
  }

  onApplicationBootstrap(): void {
    this.host.start();
    this.logger.log(`Processors started: ${this.host.names.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}

/**
 * The worker: the scale-out role without an HTTP API. It hosts the processors (process managers,
 * projections) and, when KAFKA_BROKERS is set, the Kafka relay, the scorecard process manager and
 * the tender-outcomes consumer; its own /health and /metrics answer on WORKER_HTTP_PORT. Run as many as you like on PostgreSQL: each processor is active in
 * one of them, and the consumers share the topic's partitions.
 */
@Module({})
export class WorkerModule {
  static forConfig(config: WorkerConfig): DynamicModule {
    const kafka =
      config.kafkaBrokers.length > 0
        ? [
            MessagingModule.forRootAsync({
              inject: [WORKER_DATABASE, WORKER_EVENT_STORE, AppendNotifier],
              useFactory: (db: SqlDatabase, store: EventStore, notifier: AppendNotifier) => ({
                db,
                store,
                notifier,
                brokers: config.kafkaBrokers,
                clientId: config.kafkaClientId,
                groupId: config.kafkaGroupId,
                pollIntervalMs: config.processorPollMs,
                maxClockSkewSeconds: config.kafkaMaxClockSkewSeconds,
                ratingScheme: config.ratingScheme,
                businessTimeZone: config.businessTimeZone,
              }),
            }),
          ]
        : [];
    const metrics = {
      provide: ServiceMetrics,
      inject: [WorkerProcessors, { token: MessagingService, optional: true }],
      useFactory: (processors: WorkerProcessors, messaging?: MessagingService) =>
        new ServiceMetrics({
          processors: async () => [
            ...(await processors.host.statuses()),
            ...(await (messaging?.runtime.statuses() ?? [])),
          ],
          ...(messaging ? { consumers: () => messaging.runtime.consumerStatuses() } : {}),
        }),
    };
    return {
      module: WorkerModule,
      imports: [WorkerDatabaseModule.forConfig(config), ...kafka],
      providers: [WorkerProcessors, metrics, WorkerEndpoints],
      exports: [WorkerProcessors, WorkerEndpoints],
    };
  }
}
