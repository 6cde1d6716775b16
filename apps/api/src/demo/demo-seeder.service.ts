import { Inject, Injectable, Logger } from '@nestjs/common';
import { seedDemoProgramme } from '@spinout/demo';
import type { EventStore } from '@spinout/event-store';
import { UniqueClaims } from '@spinout/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../database/database.tokens';

/**
 * With SPINOUT_DEMO=true (`npm start -- --demo`) the demo programme is seeded at start-up
 * through the same commands users issue. Its ids are derived from names, so starting again
 * with the flag appends nothing new. It runs before the processors start (see
 * ProcessorHostService), so the process managers find the demo's contracts already drafted
 * instead of racing the seeder to draft them.
 */
@Injectable()
export class DemoSeederService {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly claims: UniqueClaims,
  ) {}

  async seedIfRequested(): Promise<void> {
    if (!this.config.seedDemo) return;
    const summary = await seedDemoProgramme(this.store, {
      claims: this.claims,
      logger: { log: (message: string) => this.logger.debug(message) },
    });
    this.logger.log(
      `Demo programme: ${summary.units} units in ${summary.agencies} agencies, ${summary.providers} providers, ${summary.contracts} contracts, ` +
        `${summary.measurements} measurements, ${summary.settlements} settlements (${summary.run.eventsAppended} events appended this time)`,
    );
  }
}
