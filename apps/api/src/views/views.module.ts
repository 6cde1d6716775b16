import { Module } from '@nestjs/common';
import type { EventStore, SqlDatabase } from '@spinout/event-store';
import {
  AsOfReader,
  AuditTrailQuery,
  ContractsQuery,
  ProviderScorecardsQuery,
  ReformProgressQuery,
  SettlementsQuery,
  SlaComplianceQuery,
  todayIn,
  UnitsQuery,
} from '@spinout/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, SQL_DATABASE } from '../database/database.tokens';
import { AsOfController } from './as-of.http.controller';
import { AuditTrailController } from './audit-trail.http.controller';
import { ContractViewsController } from './contract-views.http.controller';
import { ProviderScorecardsController } from './provider-scorecards.http.controller';
import { UnitViewsController } from './unit-views.http.controller';

/** A query made from the database and the configuration (the rating scheme, the business time zone). */
const onDatabase = <T>(make: (db: SqlDatabase, config: AppConfig) => T) => ({
  inject: [SQL_DATABASE, APP_CONFIG],
  useFactory: make,
});

/**
 * Read-only views over the projections' tables, and as-of reads from the log. Needs the global
 * SQL_DATABASE and EVENT_STORE (DatabaseModule) with PROJECTION_MIGRATIONS applied, and the
 * projection processors running somewhere (ProcessingModule) to keep the tables current.
 */
@Module({
  controllers: [
    UnitViewsController,
    ContractViewsController,
    ProviderScorecardsController,
    AuditTrailController,
    AsOfController,
  ],
  providers: [
    // Overdue milestones are counted on today's date in the business time zone.
    { provide: UnitsQuery, ...onDatabase((db, config) => new UnitsQuery(db, todayIn(config.businessTimeZone))) },
    {
      provide: ReformProgressQuery,
      ...onDatabase((db, config) => new ReformProgressQuery(db, todayIn(config.businessTimeZone))),
    },
    { provide: ContractsQuery, ...onDatabase((db) => new ContractsQuery(db)) },
    { provide: SlaComplianceQuery, ...onDatabase((db) => new SlaComplianceQuery(db)) },
    { provide: SettlementsQuery, ...onDatabase((db) => new SettlementsQuery(db)) },
    {
      provide: ProviderScorecardsQuery,
      ...onDatabase((db, config) => new ProviderScorecardsQuery(db, config.ratingScheme)),
    },
    { provide: AuditTrailQuery, ...onDatabase((db) => new AuditTrailQuery(db)) },
    {
      provide: AsOfReader,
      inject: [EVENT_STORE, ContractsQuery, APP_CONFIG],
      useFactory: (store: EventStore, contracts: ContractsQuery, config: AppConfig) =>
        new AsOfReader(store, contracts, config.ratingScheme, config.businessTimeZone),
    },
  ],
})
export class ViewsModule {}
