import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import type { MessagingOptions } from '@spinout/messaging';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { FinancialFieldsInterceptor } from './auth/financial-fields.interceptor';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { AuditController } from './audit/audit.http.controller';
import { AggregateReader } from './commands/aggregate-reader';
import { CommandOutcomeInterceptor } from './commands/command-outcome.interceptor';
import { CommandSender } from './commands/command-sender';
import { CommandInterceptor } from './commands/command.interceptor';
import { ExecuteDomainCommandHandler } from './commands/execute-domain-command.handler';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.http.controller';
import { MetricsController } from './health/metrics.http.controller';
import { ProcessorStatuses } from './health/processor-statuses.service';
import { serviceMetricsProvider } from './health/service-metrics.provider';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyPurger } from './idempotency/idempotency-purger.service';
import { ContractPerformanceController } from './contracts/contract-performance.http.controller';
import { ContractsController } from './contracts/contracts.http.controller';
import { SignContractHandler } from './contracts/sign-contract.handler';
import { ProcessingModule } from './processing/processing.module';
import { ProvidersController } from './providers/providers.http.controller';
import { RegisterProviderHandler } from './providers/register-provider.handler';
import { RecordAwardHandler } from './service-units/record-award.handler';
import { ServiceUnitsController } from './service-units/service-units.http.controller';
import { UnitTransitionController } from './service-units/unit-transition.http.controller';
import { ViewsModule } from './views/views.module';
import { kafkaModules } from './processing/kafka.module';

@Module({})
export class AppModule {
  /** `messaging` adjusts the Kafka wiring (tests); Kafka is on when `config.kafkaBrokers` is not empty. */
  static forConfig(config: AppConfig, options: { messaging?: Partial<MessagingOptions> } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        DatabaseModule,
        ProcessingModule,
        ViewsModule,
        DashboardModule,
        CqrsModule.forRoot(),
        // The key object made once: given the secret as a string, the JWT library tries (and fails)
        // to parse it as a public key on every verification, a third of a request's CPU.
        JwtModule.register({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) }),
        ...kafkaModules(config, options.messaging),
      ],
      controllers: [
        HealthController,
        MetricsController,
        AuditController,
        ServiceUnitsController,
        UnitTransitionController,
        ProvidersController,
        ContractsController,
        ContractPerformanceController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: FinancialFieldsInterceptor },
        ExecuteDomainCommandHandler,
        SignContractHandler,
        RecordAwardHandler,
        RegisterProviderHandler,
        ProcessorStatuses,
        serviceMetricsProvider,
        CommandSender,
        AggregateReader,
        IdempotencyInterceptor,
        CommandOutcomeInterceptor,
        CommandInterceptor,
        IdempotencyPurger,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
