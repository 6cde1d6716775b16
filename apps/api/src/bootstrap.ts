import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { MessagingOptions } from '@spinout/messaging';
import { AppModule } from './app.module';
import { AppConfig, LogLevel } from './config/app-config';
import { answerUnreadableRequests } from './http/client-errors';
import { installRequestInputRules } from './http/request-input';
import { createValidationPipe } from './http/validation';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the HTTP application (used by main and by the end-to-end tests; `messaging` adjusts
 * the Kafka wiring in tests).
 */
export async function createApp(config: AppConfig, options: { messaging?: Partial<MessagingOptions> } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config, options), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bufferLogs: false,
    bodyParser: false,
  });
  installRequestInputRules(app);
  answerUnreadableRequests(app.getHttpServer());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Spinout API')
      .setDescription('Event-sourced workflow for moving agencies\u2019 logistics service units to contracted providers. Errors are application/problem+json; commands return the stream version as ETag and accept If-Match and Idempotency-Key.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export function logStarted(config: AppConfig, url: string): void {
  const logger = new Logger('Spinout');
  logger.log(`API listening on ${url} (database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'})`);
  logger.log(`OpenAPI UI at ${url}/docs, JSON at ${url}/docs-json; health at ${url}/health`);
  logger.log('Mint a development token with: npm run token -- --sub alice --roles reform_office,approver');
}
