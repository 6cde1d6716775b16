import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loggerForFailedStart, ServiceLogger } from '@spinout/observability';
import { loadWorkerConfig, type WorkerConfig, WorkerConfigError } from './worker-config';
import { WorkerModule } from './worker.module';

/** Starts a worker process: runs until SIGTERM/SIGINT, then stops its processors, consumer and /health and /metrics cleanly. */
export async function startWorker(config: WorkerConfig) {
  const logger = new ServiceLogger({ level: config.logLevel, format: config.logFormat });
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (require.main === module) {
  (async () => {
    const config = loadWorkerConfig();
    await startWorker(config);
    new Logger('Worker').log(
      `Worker running (database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'}; Kafka: ${config.kafkaBrokers.length > 0 ? config.kafkaBrokers.join(',') : 'off'})`,
    );
  })().catch((error: unknown) => {
    loggerForFailedStart().error(
      error instanceof WorkerConfigError ? error.message : ((error as Error).stack ?? String(error)),
      undefined,
      'Worker',
    );
    process.exit(1);
  });
}
