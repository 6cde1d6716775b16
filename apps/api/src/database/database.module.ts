import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppendNotifier, NotifyingEventStore, openSqlDatabase, SqlDatabase, SqlEventStore } from '@spinout/event-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { spinoutUpcasters, UniqueClaims } from '@spinout/workflow';
import { idempotencyTimes, IdempotencyStore } from '../idempotency/idempotency.store';
import { EVENT_STORE, SQL_DATABASE } from './database.tokens';
import { APP_ENTITIES, APP_MIGRATIONS } from './migrations';

/** Opens the configured database (SQLite file or PostgreSQL), runs migrations, and provides the event store. */
@Global()
@Module({
  providers: [
    {
      provide: SQL_DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openSqlDatabase({ url: config.databaseUrl, migrations: APP_MIGRATIONS, entities: APP_ENTITIES }),
    },
    AppendNotifier,
    // Appends in this process wake its processors at once, so views are fresh within milliseconds.
    {
      provide: EVENT_STORE,
      inject: [SQL_DATABASE, AppendNotifier],
      useFactory: (db: SqlDatabase, notifier: AppendNotifier) =>
        new NotifyingEventStore(new SqlEventStore(db, spinoutUpcasters()), notifier),
    },
    {
      provide: IdempotencyStore,
      inject: [SQL_DATABASE, APP_CONFIG],
      useFactory: (db: SqlDatabase, config: AppConfig) => new IdempotencyStore(db, idempotencyTimes(config)),
    },
    { provide: UniqueClaims, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new UniqueClaims(db) },
  ],
  exports: [SQL_DATABASE, EVENT_STORE, IdempotencyStore, AppendNotifier, UniqueClaims],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
