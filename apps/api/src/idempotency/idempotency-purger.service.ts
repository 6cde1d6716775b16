import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';

/** How often the API process purges expired idempotency outcomes. */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Purges stored outcomes and abandoned claims of Idempotency-Keys once their retention ended
 * (`IDEMPOTENCY_RETENTION_HOURS`): at start-up and every ten minutes, in batches of short
 * statements. Every API replica does it; deleting what another already deleted costs nothing.
 */
@Injectable()
export class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly store: IdempotencyStore) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One purge now; resolves with the number of rows removed. */
  async purgeOnce(now = new Date()): Promise<number> {
    const purged = await this.store.purgeExpired(now);
    if (purged > 0) this.logger.log(`Purged ${purged} expired Idempotency-Key record(s)`);
    return purged;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.purgeOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn(`Purging expired Idempotency-Key records failed: ${(error as Error).message}`),
        )
        .finally(() => this.schedule(PURGE_EVERY_MS));
    }, delayMs);
    this.timer.unref();
  }
}
