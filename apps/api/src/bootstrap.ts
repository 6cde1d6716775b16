import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { MessagingOptions } from '@spinout/messaging';
import { ServiceLogger, ServiceMetrics } from '@spinout/observability';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { answerUnreadableRequests } from './http/client-errors';
import { installRequestClock } from './http/request-clock';
import { installRequestInputRules } from './http/request-input';
import { installRequestObservation } from './http/request-observation';
import { createValidationPipe } from './http/validation';

/**
 * Builds the HTTP application (used by main and by the end-to-end tests; `messaging` adjusts
 * the Kafka wiring in tests).
 */
export async function createApp(
  config: AppConfig,
  options: { messaging?: Partial<MessagingOptions> } = {},
): Promise<INestApplication> {
  const logger = new ServiceLogger({ level: config.logLevel, format: config.logFormat });
  const app = await NestFactory.create(AppModule.forConfig(config, options), {
    logger,
    bufferLogs: false,
    bodyParser: false,
  });
  installRequestObservation(app, logger, app.get(ServiceMetrics));
  installRequestClock(app, config.businessTimeZone);
  installRequestInputRules(app);
  answerUnreadableRequests(app.getHttpServer());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Spinout API')
      .setDescription(
        'Event-sourced workflow for moving agencies\u2019 logistics service units to contracted providers. Errors are application/problem+json; commands return the stream version as ETag and accept If-Match and Idempotency-Key.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export function logStarted(config: AppConfig, url: string): void {
  const logger = new Logger('Spinout');
  logger.log(
    `API listening on ${url} (database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'})`,
  );
  logger.log(`OpenAPI UI at ${url}/docs, JSON at ${url}/docs-json; health at ${url}/health`);
  logger.log('Mint a development token with: npm run token -- --sub alice --roles reform_office,approver');
}
