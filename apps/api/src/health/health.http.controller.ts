import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SqlDatabase } from '@spinout/event-store';
import { MessagingService } from '@spinout/messaging';
import { CachedProbe } from '@spinout/observability';
import { SQL_DATABASE } from '../database/database.tokens';
import { ProcessorStatuses } from './processor-statuses.service';

/** How long one answer of the database to /health stands for all callers. */
const HEALTH_PROBE_MAX_AGE_MS = 1000;

/**
 * `GET /health` is public and says only up or down (200 when the database answers, 503 when it
 * does not): a load balancer needs no more, and nobody outside needs to see inside. It is cheap
 * however often it is asked: the database is asked at most once a second, callers in between
 * share that answer, and nothing is counted per request.
 * `GET /health/details` (operators, auditors) reports each processor: lag, last progress, last
 * error, parked events; with Kafka on, also the tender-outcomes consumer: lag per partition,
 * retries, dead letters, and whether a message is stuck. Processors and the consumer do not make
 * the API unready (a parked event or a stuck message needs a person, not a restart): they make
 * the details `degraded`.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly database: CachedProbe;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly processors: ProcessorStatuses,
    @Optional() private readonly messaging?: MessagingService,
  ) {
    this.database = new CachedProbe(() => db.ping(), HEALTH_PROBE_MAX_AGE_MS);
  }

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.database.up();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: databaseUp ? 'up' : 'down' };
  }

  @Get('details')
  @ApiBearerAuth()
  async details(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.db.ping();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const [processors, consumers] = await Promise.all([
      databaseUp ? this.processors.all() : [],
      this.messaging?.runtime.consumerStatuses() ?? [],
    ]);
    const parked = processors.reduce((sum, processor) => sum + processor.parked, 0);
    const stuck = consumers.some((consumer) => consumer.stuck);
    return {
      status: !databaseUp ? 'down' : parked > 0 || stuck ? 'degraded' : 'ok',
      live: true,
      database: { dialect: this.db.dialect, up: databaseUp },
      processors,
      consumers,
    };
  }
}
