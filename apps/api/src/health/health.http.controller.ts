import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SqlDatabase } from '@spinout/event-store';
import { SQL_DATABASE } from '../database/database.tokens';
import { ProcessorStatuses } from './processor-statuses.service';

/**
 * `GET /health` is public and says only up or down (200 when the database answers, 503 when it
 * does not): a load balancer needs no more, and nobody outside needs to see inside.
 * `GET /health/details` (operators, auditors) reports each processor: lag, last progress, last
 * error, parked events. Processors do not make the API unready: a parked event needs a person,
 * not a restart.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly processors: ProcessorStatuses,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.db.ping();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: databaseUp ? 'up' : 'down' };
  }

  @Get('details')
  @ApiBearerAuth()
  async details(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.db.ping();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const processors = databaseUp ? await this.processors.all() : [];
    const parked = processors.reduce((sum, processor) => sum + processor.parked, 0);
    return {
      status: !databaseUp ? 'down' : parked > 0 ? 'degraded' : 'ok',
      live: true,
      database: { dialect: this.db.dialect, up: databaseUp },
      processors,
    };
  }
}
