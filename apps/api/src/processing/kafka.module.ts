import type { DynamicModule } from '@nestjs/common';
import { AppendNotifier, type EventStore, type SqlDatabase } from '@spinout/event-store';
import { MessagingModule, type MessagingOptions } from '@spinout/messaging';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE, SQL_DATABASE } from '../database/database.tokens';

/**
 * In the single process, Kafka is on when KAFKA_BROKERS is set: the relay (leased, so one
 * process publishes), the scorecard publisher and the tender-outcomes consumer run beside the
 * API. Without it the embedded default needs no broker.
 */
export function kafkaModules(config: AppConfig, overrides: Partial<MessagingOptions> = {}): DynamicModule[] {
  if (config.kafkaBrokers.length === 0) return [];
  return [
    MessagingModule.forRootAsync({
      inject: [SQL_DATABASE, EVENT_STORE, AppendNotifier],
      useFactory: (db: SqlDatabase, store: EventStore, notifier: AppendNotifier) => ({
        db,
        store,
        notifier,
        brokers: config.kafkaBrokers,
        clientId: config.kafkaClientId,
        groupId: config.kafkaGroupId,
        maxClockSkewSeconds: config.kafkaMaxClockSkewSeconds,
        runRelay: config.runProcessors,
        runConsumer: config.runProcessors,
        pollIntervalMs: config.processorPollMs,
        ratingScheme: config.ratingScheme,
        businessTimeZone: config.businessTimeZone,
        ...overrides,
      }),
    }),
  ];
}
