import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig, LogLevel } from './config/app-config';
import { createValidationPipe } from './http/validation';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the HTTP application (used by main and by the end-to-end tests). */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bufferLogs: false,
  });
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
