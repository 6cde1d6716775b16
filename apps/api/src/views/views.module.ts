import { Module } from '@nestjs/common';
import { DEFAULT_BUSINESS_TIME_ZONE } from '@spinout/domain';
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

const onDatabase = <T>(make: (db: SqlDatabase) => T) => ({ inject: [SQL_DATABASE], useFactory: make });
/** Today in the business time zone (BUSINESS_TIMEZONE): the day overdue milestones are counted on. */
const businessTodayOf = (config: AppConfig) => todayIn(config.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE);

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
    {
      provide: UnitsQuery,
      inject: [SQL_DATABASE, APP_CONFIG],
      useFactory: (db: SqlDatabase, config: AppConfig) => new UnitsQuery(db, businessTodayOf(config)),
    },
    {
      provide: ReformProgressQuery,
      inject: [SQL_DATABASE, APP_CONFIG],
      useFactory: (db: SqlDatabase, config: AppConfig) => new ReformProgressQuery(db, businessTodayOf(config)),
    },
    { provide: ContractsQuery, ...onDatabase((db) => new ContractsQuery(db)) },
    { provide: SlaComplianceQuery, ...onDatabase((db) => new SlaComplianceQuery(db)) },
    { provide: SettlementsQuery, ...onDatabase((db) => new SettlementsQuery(db)) },
    {
      provide: ProviderScorecardsQuery,
      inject: [SQL_DATABASE, APP_CONFIG],
      useFactory: (db: SqlDatabase, config: AppConfig) => new ProviderScorecardsQuery(db, config.ratingScheme),
    },
    { provide: AuditTrailQuery, ...onDatabase((db) => new AuditTrailQuery(db)) },
    {
      provide: AsOfReader,
      inject: [EVENT_STORE, ContractsQuery, APP_CONFIG],
      useFactory: (store: EventStore, contracts: ContractsQuery, config: AppConfig) =>
        new AsOfReader(store, contracts, config.ratingScheme, config.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE),
    },
  ],
})
export class ViewsModule {}
