import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadWorkerConfig, WorkerConfig, WorkerConfigError } from './worker-config';
import { WorkerModule } from './worker.module';

const LEVELS: WorkerConfig['logLevel'][] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Starts a worker process: no HTTP, runs until SIGTERM/SIGINT, then stops its processors and consumer cleanly. */
export async function startWorker(config: WorkerConfig) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (require.main === module) {
  const logger = new Logger('Worker');
  (async () => {
    const config = loadWorkerConfig();
    await startWorker(config);
    logger.log(`Worker running (database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'}; Kafka: ${config.kafkaBrokers.length > 0 ? config.kafkaBrokers.join(',') : 'off'})`);
  })().catch((error: unknown) => {
    logger.error(error instanceof WorkerConfigError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(1);
  });
}
