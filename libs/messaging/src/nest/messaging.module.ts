import {
  BeforeApplicationShutdown,
  DynamicModule,
  FactoryProvider,
  Inject,
  Injectable,
  Logger,
  Module,
  ModuleMetadata,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { MessagingRuntime, type MessagingOptions } from '../messaging-runtime';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  /** `logger` may be left out: a Nest `Logger('Kafka')` is used. */
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/** Starts the relay, the scorecard process manager and the consumer with the app; stops them before the database closes. */
@Injectable()
export class MessagingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runtime: MessagingRuntime;
  private readonly logger = new Logger('Kafka');

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    const logger = this.logger;
    this.runtime = new MessagingRuntime({
      ...options,
      logger: options.logger ?? {
        log: (m) => logger.log(m),
        warn: (m) => logger.warn(m),
        error: (m, d) => logger.error(m, d),
        debug: (m) => logger.debug(m),
      },
    });
  }

  onApplicationBootstrap(): void {
    this.runtime.start();
    this.logger.log(
      `Kafka integration on (${this.runtime.topics.procurementRequests}, ${this.runtime.topics.contracts}, ${this.runtime.topics.providerPerformance} out; ${this.runtime.topics.tenderOutcomes} in)`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/**
 * Kafka for a Nest application: import `MessagingModule.forRootAsync({ inject, useFactory })`
 * with a factory returning the database, event store and Kafka settings.
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      providers: [
        // Nest calls the factory with the resolved `inject` tokens; their types are the caller's to match.
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => MessagingOptions | Promise<MessagingOptions>,
        },
        MessagingService,
      ],
      exports: [MessagingService],
    };
  }
}
